package org.deepspt.cli;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deepspt.reliability.ReliabilityAssessor;
import org.deepspt.reliability.ReliabilityTally;
import org.deepspt.reliability.SnrEstimate;

/**
 * The reliability verdicts of the tracks of live input ({@code stream --in -}, {@code --follow}), where no track is
 * ever held whole: each track's points feed a {@link SnrEstimate.Accumulator}, and a track is judged when it ends,
 * by the online segmenter's rules, so that the tracks judged are the tracks of the output: no point for
 * {@code idleFrames} completed frames, a point after a blink longer than {@code maxBlink} frames (which starts a new
 * track), or the end of the stream. A track is judged on its length and its estimated SNR. The mean-confidence check of a replayed file is left out: it needs every final state of
 * the track, which arrive up to L frames later on another thread, and keeping them would make memory grow with the
 * tracks that ended. Memory: one accumulator per live particle. Main (producer) thread only.
 */
final class LiveReliability {
    private final ReliabilityAssessor assessor;
    private final int idleFrames;
    private final int maxBlink;
    private final int dimension;
    private final ReliabilityTally tally;
    /** Live particles, least recently seen first (access order), so idle ones are found at the head. */
    private final LinkedHashMap<String, Live> live = new LinkedHashMap<>(16, 0.75f, true);
    private final double[] point = new double[3];

    private static final class Live {
        final SnrEstimate.Accumulator snr;
        int lastFrame;

        Live(int dimension) {
            snr = new SnrEstimate.Accumulator(dimension);
        }
    }

    /**
     * @param assessor the model's checks
     * @param idleFrames frames without a point after which a particle's track ends ({@code --idle-frames})
     * @param maxBlink the longest blink (frames without a point) within a track: a particle back after a longer one
     *     starts a new track ({@link org.deepspt.online.OnlineSegmenter#MAX_FILLED_BLINK} for the streaming model
     *     and the segmenters that need one point per frame; {@link Integer#MAX_VALUE} for the others)
     * @param dimension 2 or 3
     * @param tally receives a verdict per track
     */
    LiveReliability(ReliabilityAssessor assessor, int idleFrames, int maxBlink, int dimension,
            ReliabilityTally tally) {
        this.assessor = assessor;
        this.tally = tally;
        this.idleFrames = idleFrames;
        this.maxBlink = maxBlink;
        this.dimension = dimension;
    }

    /**
     * A point of particle {@code id}; a particle idle for {@code idleFrames} frames, or back after a blink longer than
     * {@code maxBlink} frames, starts a new track.
     */
    void point(String id, int frame, double x, double y, double z) {
        Live l = live.get(id);
        long blink = (long) frame - (l == null ? 0 : l.lastFrame) - 1;
        if (l != null && (blink >= idleFrames || blink > maxBlink)) {
            judge(l);
            l = null;
        }
        if (l == null) {
            l = new Live(dimension);
            live.put(id, l);
        }
        point[0] = x;
        point[1] = y;
        point[2] = z;
        l.snr.add(frame, point);
        l.lastFrame = frame;
    }

    /** Frame {@code frame} is complete: the tracks without a point in its last {@code idleFrames} frames end. */
    void frameCompleted(int frame) {
        for (Iterator<Map.Entry<String, Live>> it = live.entrySet().iterator(); it.hasNext();) {
            Live l = it.next().getValue();
            if ((long) frame - l.lastFrame < idleFrames) {
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
