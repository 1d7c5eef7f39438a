package org.deepspt.cli;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.deepspt.reliability.ReliabilityAssessor;
import org.deepspt.reliability.ReliabilityTally;
import org.deepspt.reliability.SnrEstimate;

/**
 * The reliability verdicts of the tracks of live input ({@code stream --in -}, {@code --follow}), where no track is
 * ever held whole: each track's points feed a {@link SnrEstimate.Accumulator}, keyed on the track number the online
 * segmenter gives the particle's live track ({@link org.deepspt.online.OnlineSegmenter#liveTrack}, the track number
 * of the output), so that the tracks judged are the tracks of the output without deriving again where a track ends
 * (idleness, a blink too long, a rejected step): a track is judged when its particle's live track is another one or
 * none, or at the end of the stream. A track is judged on its length and its estimated SNR. The mean-confidence check of a replayed file is left out: it needs every final state of
 * the track, which arrive up to L frames later on another thread, and keeping them would make memory grow with the
 * tracks that ended. Memory: one accumulator per live particle. Main (producer) thread only.
 */
final class LiveReliability {
    private final ReliabilityAssessor assessor;
    private final ToLongFunction<String> liveTrack;
    private final int dimension;
    private final ReliabilityTally tally;
    /** Live particles, least recently seen first (access order), so idle ones are found at the head. */
    private final LinkedHashMap<String, Live> live = new LinkedHashMap<>(16, 0.75f, true);
    private final double[] point = new double[3];

    private static final class Live {
        final String id;
        final long track;
        final SnrEstimate.Accumulator snr;

        Live(String id, long track, int dimension) {
            this.id = id;
            this.track = track;
            snr = new SnrEstimate.Accumulator(dimension);
        }
    }

    /**
     * @param assessor the model's checks
     * @param liveTrack the number of a particle's live track, -1 for none (the online segmenter's
     *     {@link org.deepspt.online.OnlineSegmenter#liveTrack})
     * @param dimension 2 or 3
     * @param tally receives a verdict per track
     */
    LiveReliability(ReliabilityAssessor assessor, ToLongFunction<String> liveTrack, int dimension,
            ReliabilityTally tally) {
        this.assessor = assessor;
        this.tally = tally;
        this.liveTrack = liveTrack;
        this.dimension = dimension;
    }

    /**
     * A point of particle {@code id}, once the online segmenter has it: it belongs to the particle's live track; a
     * track number other than the one kept ends the kept track (judged) and starts a new one.
     */
    void point(String id, int frame, double x, double y, double z) {
        long track = liveTrack.applyAsLong(id);
        Live l = live.get(id);
        if (l != null && l.track != track) {
            judge(l);
            l = null;
        }
        if (l == null) {
            l = new Live(id, track, dimension);
            live.put(id, l);
        }
        point[0] = x;
        point[1] = y;
        point[2] = z;
        l.snr.add(frame, point);
    }

    /**
     * Frame {@code frame} is complete: the tracks that ended by then (their particle's live track is another one or
     * none) are judged, least recently seen first, up to the first that goes on; one that ended out of that order
     * (a rejected step) is judged when its particle comes back, when the ones seen before it have ended, or at
     * {@link #finish()}.
     */
    void frameCompleted() {
        for (Iterator<Map.Entry<String, Live>> it = live.entrySet().iterator(); it.hasNext();) {
            Live l = it.next().getValue();
            if (liveTrack.applyAsLong(l.id) == l.track) {
                break;   // access order: every later particle was seen more recently
            }
            judge(l);
            it.remove();
        }
    }

    /** Judges the tracks still live (the end of the stream ends them). */
    void finish() {
        for (Live l : live.values()) {
            judge(l);
        }
        live.clear();
    }

    private void judge(Live l) {
        long n = l.snr.points();
        tally.add(n, assessor.assess(n, l.snr.estimate(), Double.NaN));
    }
}
