package org.deepspt.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Per-point diffusion-state probabilities of one track, with the derived argmax states, segments and
 * change points.
 *
 * <p>Probabilities form an n × 4 matrix (rows: points, columns: {@link DiffusionState} order). Each row
 * must be finite, non-negative and sum to 1 within 1e-3 (float32 softmax outputs qualify). The predicted
 * state of a point is the column of its largest probability (ties go to the lower index). A segment is a
 * maximal run of equal predicted states, cut further at the segmentation's <em>splits</em> when it has any; a
 * change point is the first point of every segment but the first.
 *
 * <p>Splits: {@link #withSplits(int[])} adds segment starts inside runs of one state (the core library's
 * {@code org.deepspt.smoothing.DiffusivityChangeDetector} puts them where D changes within one motion class). The
 * segments on either side of a split have the same state; each is its own segment everywhere (its own motion
 * estimate, a change point in {@link #changePointIndices()}, a row of segments.csv).
 *
 * <p>Motion: a segmentation may carry one {@link MotionEstimate} (D in µm²/s<sup>α</sup> and α, with standard
 * errors) per segment, attached with {@link #withMotion(List)} (the core library's
 * {@code org.deepspt.msd.SegmentMotionFitter} computes them from the trajectory); {@link Segment#motion()} and
 * {@link #motionAt(int)} (every point, by its segment) read them. Without, every segment's motion is
 * {@link MotionEstimate#NONE}.
 *
 * <p>A segmentation may carry the segmenter's {@link Reliability} verdict on the track
 * ({@link #reliability()}, attached with {@link #withReliability}); post-processing that keeps the rows'
 * values ({@link #mergeShortSegments}, Viterbi smoothing) keeps it.
 *
 * <p>Immutable and thread-safe.
 */
public final class Segmentation {
    private static final double SUM_TOLERANCE = 1e-3;

    private final String trackId;
    private final int[] frames;
    private final double[] probabilities;
    private final byte[] states;
    private final List<Segment> segments;
    private final @Nullable Reliability reliability;
    private final boolean hasMotion;
    /** Segment starts inside runs of one state, ascending (empty: segments are the state runs). */
    private final int[] splits;

    private static final int[] NO_SPLITS = new int[0];

    private Segmentation(String trackId, int[] frames, double[] probabilities, @Nullable Reliability reliability) {
        this(trackId, frames, probabilities, reliability, null, NO_SPLITS);
    }

    private Segmentation(String trackId, int[] frames, double[] probabilities, @Nullable Reliability reliability,
            @Nullable List<MotionEstimate> motion, int[] splits) {
        this.trackId = trackId;
        this.frames = frames;
        this.probabilities = probabilities;
        this.reliability = reliability;
        this.splits = splits;
        int n = frames.length;
        this.states = new byte[n];
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int k = 1; k < DiffusionState.COUNT; k++) {
                if (probabilities[i * 4 + k] > probabilities[i * 4 + best]) {
                    best = k;
                }
            }
            states[i] = (byte) best;
        }
        List<Segment> segs = new ArrayList<>();
        int start = 0;
        int nextSplit = 0;
        for (int i = 1; i <= n; i++) {
            boolean split = nextSplit < splits.length && splits[nextSplit] == i;
            if (split) {
                nextSplit++;
            }
            if (i == n || split || states[i] != states[start]) {
                int s = states[start];
                double sum = 0;
                for (int j = start; j < i; j++) {
                    sum += probabilities[j * 4 + s];
                }
                MotionEstimate m = motion == null ? MotionEstimate.NONE : motion.get(segs.size());
                segs.add(new Segment(start, i - 1, frames[start], frames[i - 1], DiffusionState.ofIndex(s),
                        Math.min(1.0, sum / (i - start)), m));
                start = i;
            }
        }
        this.segments = Collections.unmodifiableList(segs);
        this.hasMotion = motion != null;
    }

    /** Copy with another verdict: shares the immutable arrays and segments of {@code s}. */
    private Segmentation(Segmentation s, @Nullable Reliability reliability) {
        this.trackId = s.trackId;
        this.frames = s.frames;
        this.probabilities = s.probabilities;
        this.states = s.states;
        this.segments = s.segments;
        this.reliability = reliability;
        this.hasMotion = s.hasMotion;
        this.splits = s.splits;
    }

    /**
     * @param trackId id of the segmented track
     * @param frames frame index of each point
     * @param probabilities {@code probabilities[i][k]}: probability of state k at point i
     * @return the segmentation (arrays copied)
     * @throws InvalidTrajectoryException naming the track and frame when a row is invalid
     */
    public static Segmentation of(String trackId, int[] frames, double[][] probabilities) {
        Objects.requireNonNull(probabilities, "probabilities");
        double[] flat = new double[probabilities.length * 4];
        for (int i = 0; i < probabilities.length; i++) {
            if (probabilities[i].length != DiffusionState.COUNT) {
                throw new InvalidTrajectoryException(trackId, "probability row " + i + " has "
                        + probabilities[i].length + " entries, expected 4");
            }
            System.arraycopy(probabilities[i], 0, flat, i * 4, 4);
        }
        return ofFlat(trackId, frames, flat);
    }

    /**
     * @param trackId id of the segmented track
     * @param frames frame index of each point (n)
     * @param probabilities row-major n × 4: {@code probabilities[4*i + k]}
     * @return the segmentation (arrays copied)
     */
    public static Segmentation ofFlat(String trackId, int[] frames, double[] probabilities) {
        Objects.requireNonNull(trackId, "trackId");
        int n = frames.length;
        if (n == 0) {
            throw new InvalidTrajectoryException(trackId, "segmentation of an empty track");
        }
        if (probabilities.length != 4L * n) {
            throw new InvalidTrajectoryException(trackId, "expected " + 4L * n + " probabilities for " + n
                    + " points, got " + probabilities.length);
        }
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int k = 0; k < 4; k++) {
                double p = probabilities[4 * i + k];
                if (!(p >= 0) || Double.isInfinite(p)) {
                    throw new InvalidTrajectoryException(trackId, "probability of "
                            + DiffusionState.ofIndex(k).label() + " at frame " + frames[i] + " is " + p);
                }
                sum += p;
            }
            if (Math.abs(sum - 1) > SUM_TOLERANCE) {
                throw new InvalidTrajectoryException(trackId, "probabilities at frame " + frames[i]
                        + " sum to " + sum + ", not 1");
            }
        }
        return new Segmentation(trackId, frames.clone(), probabilities.clone(), null);
    }

    /**
     * A segmentation with probability 1 for the given state of each point.
     *
     * @param trackId id of the track
     * @param frames frame index of each point
     * @param stateIndices state 0..3 of each point
     * @return the one-hot segmentation
     */
    public static Segmentation oneHot(String trackId, int[] frames, int[] stateIndices) {
        if (frames.length != stateIndices.length) {
            throw new InvalidTrajectoryException(trackId, stateIndices.length + " states for " + frames.length
                    + " points");
        }
        double[] p = new double[4 * frames.length];
        for (int i = 0; i < frames.length; i++) {
            p[4 * i + DiffusionState.ofIndex(stateIndices[i]).index()] = 1.0;
        }
        return ofFlat(trackId, frames, p);
    }

    /**
     * The same segmentation with one motion estimate per segment.
     *
     * @param perSegment one estimate per segment of {@link #segments()}, in order
     * @return a segmentation whose segments carry them
     * @throws InvalidTrajectoryException naming the track when the number of estimates differs
     */
    public Segmentation withMotion(List<MotionEstimate> perSegment) {
        Objects.requireNonNull(perSegment, "perSegment");
        if (perSegment.size() != segments.size()) {
            throw new InvalidTrajectoryException(trackId, perSegment.size() + " motion estimates for "
                    + segments.size() + " segments");
        }
        for (MotionEstimate m : perSegment) {
            Objects.requireNonNull(m, "motion estimate");
        }
        return new Segmentation(trackId, frames, probabilities, reliability, List.copyOf(perSegment), splits);
    }

    /**
     * The same segmentation with its runs of one state also cut at the given points: each index starts a new
     * segment of the same state. Indices where the state changes anyway start a segment already and are not
     * stored (so {@link #splitIndices()} returns only the starts inside a run); splits already present are kept.
     *
     * @param startIndices point indices in 1..n−1 where a segment should start, strictly ascending
     * @return a segmentation with the additional segment starts; it carries no motion estimates (they belong to the
     *     old segments: estimate again) and keeps the reliability verdict
     * @throws InvalidTrajectoryException naming the track when an index is out of range or out of order
     */
    public Segmentation withSplits(int[] startIndices) {
        Objects.requireNonNull(startIndices, "startIndices");
        int n = frames.length;
        boolean[] at = new boolean[n];
        for (int s : splits) {
            at[s] = true;
        }
        for (int k = 0; k < startIndices.length; k++) {
            int i = startIndices[k];
            if (i < 1 || i >= n) {
                throw new InvalidTrajectoryException(trackId, "split at point " + i + " is outside 1.." + (n - 1));
            }
            if (k > 0 && i <= startIndices[k - 1]) {
                throw new InvalidTrajectoryException(trackId, "split points must ascend strictly, got " + i
                        + " after " + startIndices[k - 1]);
            }
            at[i] = states[i] == states[i - 1];
        }
        int count = 0;
        for (boolean b : at) {
            count += b ? 1 : 0;
        }
        if (count == splits.length) {
            return this;
        }
        int[] merged = new int[count];
        int m = 0;
        for (int i = 1; i < n; i++) {
            if (at[i]) {
                merged[m++] = i;
            }
        }
        return new Segmentation(trackId, frames, probabilities, reliability, null, merged);
    }

    /**
     * @return the segment starts inside runs of one state ({@link #withSplits}), ascending; empty when every
     *     segment is a whole run of one state
     */
    public int[] splitIndices() {
        return splits.clone();
    }

    /** @return true when the segments carry motion estimates ({@link #withMotion(List)}) */
    public boolean hasMotion() {
        return hasMotion;
    }

    /**
     * @param i point index
     * @return the motion estimate of the segment that contains point i ({@link MotionEstimate#NONE} without)
     */
    public MotionEstimate motionAt(int i) {
        if (i < 0 || i >= frames.length) {
            throw new IndexOutOfBoundsException("point " + i + " of " + frames.length);
        }
        int lo = 0;
        int hi = segments.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (segments.get(mid).startIndex() <= i) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return segments.get(lo).motion();
    }

    /**
     * Checks that this is a segmentation of {@code t}: the same number of points and the same frame at every point
     * (the id is not compared: a renamed copy of a track still matches).
     *
     * @param t the trajectory this segmentation should describe
     * @throws InvalidTrajectoryException naming the track and the first point that differs
     */
    public void requireSameFrames(Trajectory t) {
        if (frames.length != t.size()) {
            throw new InvalidTrajectoryException(t.id(), "segmentation has " + frames.length
                    + " points but the track has " + t.size());
        }
        for (int i = 0; i < frames.length; i++) {
            if (frames[i] != t.frame(i)) {
                throw new InvalidTrajectoryException(t.id(), "segmentation point " + i + " is frame " + frames[i]
                        + " but the track's is frame " + t.frame(i));
            }
        }
    }

    /**
     * @return the segmenter's verdict on whether the track lies in the model's reliable range; empty when the
     *     segmenter gives none (a baseline, a segmentation read back from a file without the column)
     */
    public Optional<Reliability> reliability() {
        return Optional.ofNullable(reliability);
    }

    /**
     * @param verdict the reliability verdict on this track
     * @return a copy carrying it (same probabilities, frames and states)
     */
    public Segmentation withReliability(Reliability verdict) {
        Objects.requireNonNull(verdict, "verdict");
        return new Segmentation(this, verdict);
    }

    /** @return id of the segmented track */
    public String trackId() {
        return trackId;
    }

    /** @return number of points */
    public int size() {
        return frames.length;
    }

    /** @param i point index @return frame index of point i */
    public int frame(int i) {
        return frames[i];
    }

    /** @return a copy of the frame indices */
    public int[] frames() {
        return frames.clone();
    }

    /**
     * @param i point index
     * @param state the state
     * @return probability of {@code state} at point i
     */
    public double probability(int i, DiffusionState state) {
        return probabilities[4 * i + state.index()];
    }

    /** @param i point index @return a copy of the 4 probabilities of point i */
    public double[] probabilities(int i) {
        return Arrays.copyOfRange(probabilities, 4 * i, 4 * i + 4);
    }

    /** @return a copy of the row-major n × 4 probability matrix */
    public double[] probabilityMatrix() {
        return probabilities.clone();
    }

    /** @param i point index @return the predicted (argmax) state of point i */
    public DiffusionState state(int i) {
        return DiffusionState.ofIndex(states[i]);
    }

    /** @return predicted state index 0..3 of every point (copy) */
    public int[] stateIndices() {
        int[] out = new int[states.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = states[i];
        }
        return out;
    }

    /**
     * @return the segments in order (unmodifiable): maximal runs of equal predicted state, cut further at the
     *     splits ({@link #withSplits}), so adjacent segments may share a state
     */
    public List<Segment> segments() {
        return segments;
    }

    /**
     * @return point indices at which a new segment starts (every segment start but the first), ascending
     */
    public int[] changePointIndices() {
        int[] out = new int[segments.size() - 1];
        for (int s = 1; s < segments.size(); s++) {
            out[s - 1] = segments.get(s).startIndex();
        }
        return out;
    }

    /** @return frame indices at which a new segment starts (every segment start but the first) */
    public int[] changePointFrames() {
        int[] out = new int[segments.size() - 1];
        for (int s = 1; s < segments.size(); s++) {
            out[s - 1] = segments.get(s).startFrame();
        }
        return out;
    }

    /**
     * Post-processing of the paper: a segment shorter than {@code minLength} points is merged into the
     * neighbouring segment whose state has the higher mean probability over the short segment's points;
     * repeated, shortest first, until no segment is shorter (or only one segment remains). The merged
     * points keep their probabilities but take the neighbour's state, so the result is built as one-hot
     * along the merged states blended with the original rows: each merged point's row is replaced by a
     * row where the neighbour's state carries the point's maximum probability.
     *
     * @param minLength minimum segment length in points (≥ 1; 1 returns this)
     * @return the post-processed segmentation; it carries no motion estimates (they belong to the old
     *     segments: estimate again) and no {@link #splitIndices() splits} (find them again on the new segments)
     */
    public Segmentation mergeShortSegments(int minLength) {
        if (minLength < 1) {
            throw new IllegalArgumentException("minLength must be >= 1, got " + minLength);
        }
        if (minLength == 1) {
            return this;
        }
        int n = frames.length;
        int[] st = stateIndices();
        while (true) {
            List<int[]> runs = runs(st);
            if (runs.size() <= 1) {
                break;
            }
            int shortest = -1;
            for (int r = 0; r < runs.size(); r++) {
                int len = runs.get(r)[1] - runs.get(r)[0] + 1;
                if (len < minLength && (shortest < 0
                        || len < runs.get(shortest)[1] - runs.get(shortest)[0] + 1)) {
                    shortest = r;
                }
            }
            if (shortest < 0) {
                break;
            }
            int[] run = runs.get(shortest);
            int target;
            if (shortest == 0) {
                target = runs.get(1)[2];
            } else if (shortest == runs.size() - 1) {
                target = runs.get(shortest - 1)[2];
            } else {
                int left = runs.get(shortest - 1)[2];
                int right = runs.get(shortest + 1)[2];
                target = meanProbability(run, left) >= meanProbability(run, right) ? left : right;
            }
            for (int i = run[0]; i <= run[1]; i++) {
                st[i] = target;
            }
        }
        double[] p = probabilities.clone();
        for (int i = 0; i < n; i++) {
            if (st[i] != states[i]) {
                moveArgmaxTo(p, 4 * i, st[i]);
            }
        }
        return new Segmentation(trackId, frames, p, reliability);
    }

    /**
     * Makes {@code state} the argmax of one probability row by swapping its entry with the row's largest (first
     * largest on ties, the argmax rule of this class), as post-processing does where its path differs from the
     * argmax; the row keeps its values and its sum, except that an entry tied with the new largest gives it 4 ulps
     * so that the argmax is {@code state} and no other (ties go to the lower index).
     *
     * @param rows row-major probabilities; the row is {@code rows[offset .. offset + 3]}
     * @param offset where the row starts
     * @param state the state index 0..3 that must become the row's argmax
     * @return whether the row changed (false: {@code state} was the argmax already)
     */
    public static boolean moveArgmaxTo(double[] rows, int offset, int state) {
        int a = 0;
        for (int k = 1; k < DiffusionState.COUNT; k++) {
            if (rows[offset + k] > rows[offset + a]) {
                a = k;
            }
        }
        if (a == state) {
            return false;
        }
        double tmp = rows[offset + a];
        rows[offset + a] = rows[offset + state];
        rows[offset + state] = tmp;
        for (int c = 0; c < DiffusionState.COUNT; c++) {
            if (c != state && rows[offset + c] >= rows[offset + state]) {
                double eps = 4 * Math.ulp(rows[offset + state]);
                rows[offset + c] = rows[offset + state] - eps;
                rows[offset + state] += eps;
            }
        }
        return true;
    }

    private double meanProbability(int[] run, int state) {
        double sum = 0;
        for (int i = run[0]; i <= run[1]; i++) {
            sum += probabilities[4 * i + state];
        }
        return sum / (run[1] - run[0] + 1);
    }

    private static List<int[]> runs(int[] st) {
        List<int[]> runs = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= st.length; i++) {
            if (i == st.length || st[i] != st[start]) {
                runs.add(new int[] {start, i - 1, st[start]});
                start = i;
            }
        }
        return runs;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return this == o || (o instanceof Segmentation s && trackId.equals(s.trackId)
                && Arrays.equals(frames, s.frames) && Arrays.equals(probabilities, s.probabilities)
                && Objects.equals(reliability, s.reliability) && segments.equals(s.segments)
                && Arrays.equals(splits, s.splits));
    }

    @Override
    public int hashCode() {
        // the fields equals compares (segments and splits follow from them or are compared there; hasMotion is not)
        return Objects.hash(trackId, Arrays.hashCode(frames), Arrays.hashCode(probabilities), reliability,
                Arrays.hashCode(splits));
    }

    @Override
    public String toString() {
        return "Segmentation[track=" + trackId + ", points=" + frames.length + ", segments=" + segments.size()
                + (reliability == null ? "" : ", " + reliability.describe()) + "]";
    }
}
