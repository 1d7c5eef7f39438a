package org.deepspt.bench.tools;

import java.util.Arrays;
import java.util.Objects;

/**
 * Per-frame counts of online segmentation against the offline segmentation of the whole track and against the
 * simulated truth, summed over tracks, overall and by position in the track: for every point i of every added track,
 * whether the online state equals the offline state (agreement), the true state (online accuracy) and whether the
 * offline state equals the true state (offline accuracy). The fractions are counts over points, so the overall
 * fraction is Σ matches / Σ points over all buckets (a frame-weighted mean, not a mean over tracks or buckets); a
 * fraction over no points is NaN. Used by {@link OnlineWindowEvaluation} and {@link StreamingEvaluation}. Not
 * thread-safe.
 */
final class AgreementCounts {
    private final int[] bucketStarts;
    private final long[] points;
    private final long[] agree;
    private final long[] onlineCorrect;
    private final long[] offlineCorrect;

    private AgreementCounts(int[] bucketStarts) {
        this.bucketStarts = bucketStarts;
        this.points = new long[bucketStarts.length];
        this.agree = new long[bucketStarts.length];
        this.onlineCorrect = new long[bucketStarts.length];
        this.offlineCorrect = new long[bucketStarts.length];
    }

    /** @return counts with one bucket: every point of every track */
    static AgreementCounts overall() {
        return new AgreementCounts(new int[] {0});
    }

    /**
     * @param bucketStarts the first point index (0-based, in points from the track's first point) of each bucket,
     *     starting at 0 and strictly increasing; bucket b holds points bucketStarts[b] .. bucketStarts[b + 1] − 1,
     *     the last bucket every point from its start on
     * @return counts by position in the track
     * @throws IllegalArgumentException when the starts do not begin at 0 or do not increase
     */
    static AgreementCounts byPosition(int... bucketStarts) {
        Objects.requireNonNull(bucketStarts, "bucketStarts");
        if (bucketStarts.length == 0 || bucketStarts[0] != 0) {
            throw new IllegalArgumentException("bucket starts must begin with 0: " + Arrays.toString(bucketStarts));
        }
        for (int b = 1; b < bucketStarts.length; b++) {
            if (bucketStarts[b] <= bucketStarts[b - 1]) {
                throw new IllegalArgumentException("bucket starts must increase: " + Arrays.toString(bucketStarts));
            }
        }
        return new AgreementCounts(bucketStarts.clone());
    }

    /**
     * Counts every point of one track.
     *
     * @param trackId the track, for messages
     * @param online online final state index per point
     * @param offline offline state index per point
     * @param truth true state index per point
     * @throws IllegalArgumentException naming the track when the arrays differ in length
     */
    void add(String trackId, int[] online, int[] offline, int[] truth) {
        if (offline.length != online.length || truth.length != online.length) {
            throw new IllegalArgumentException("track '" + trackId + "': online " + online.length + ", offline "
                    + offline.length + " and true " + truth.length + " states differ in length");
        }
        int b = 0;
        for (int i = 0; i < online.length; i++) {
            while (b + 1 < bucketStarts.length && i >= bucketStarts[b + 1]) {
                b++;
            }
            points[b]++;
            agree[b] += online[i] == offline[i] ? 1 : 0;
            onlineCorrect[b] += online[i] == truth[i] ? 1 : 0;
            offlineCorrect[b] += offline[i] == truth[i] ? 1 : 0;
        }
    }

    /** @return number of buckets (1 for {@link #overall()}) */
    int buckets() {
        return bucketStarts.length;
    }

    /** @return points counted in all buckets */
    long points() {
        return Arrays.stream(points).sum();
    }

    /**
     * @param bucket 0 .. {@link #buckets()} − 1
     * @return points counted in that bucket
     */
    long points(int bucket) {
        return points[bucket];
    }

    /** @return fraction of all points where the online state equals the offline state */
    double agreement() {
        return Arrays.stream(agree).sum() / (double) points();
    }

    /**
     * @param bucket 0 .. {@link #buckets()} − 1
     * @return fraction of that bucket's points where the online state equals the offline state
     */
    double agreement(int bucket) {
        return agree[bucket] / (double) points[bucket];
    }

    /** @return fraction of all points where the online state equals the true state */
    double accuracy() {
        return Arrays.stream(onlineCorrect).sum() / (double) points();
    }

    /**
     * @param bucket 0 .. {@link #buckets()} − 1
     * @return fraction of that bucket's points where the online state equals the true state
     */
    double accuracy(int bucket) {
        return onlineCorrect[bucket] / (double) points[bucket];
    }

    /**
     * @param bucket 0 .. {@link #buckets()} − 1
     * @return fraction of that bucket's points where the offline state equals the true state
     */
    double offlineAccuracy(int bucket) {
        return offlineCorrect[bucket] / (double) points[bucket];
    }

    /**
     * @param states state index per point
     * @param truth true state index per point, same length
     * @return number of points where they are equal
     * @throws IllegalArgumentException when the lengths differ
     */
    static long matches(int[] states, int[] truth) {
        if (states.length != truth.length) {
            throw new IllegalArgumentException(states.length + " states against " + truth.length + " true states");
        }
        long n = 0;
        for (int i = 0; i < states.length; i++) {
            n += states[i] == truth[i] ? 1 : 0;
        }
        return n;
    }
}
