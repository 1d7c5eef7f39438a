package org.deepspt.io;

import java.util.OptionalDouble;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streaming least-squares fit of time t (file units) against frame index: t = t0 + Δt·frame. The slope is
 * the frame interval. Non-finite t values are skipped. Uses centred co-moments (Welford) for stability.
 */
final class FrameIntervalEstimator {
    private static final Logger LOG = LoggerFactory.getLogger(FrameIntervalEstimator.class);

    private long n;
    private double meanF;
    private double meanT;
    private double m2F;
    private double m2T;
    private double cFT;

    void add(int frame, double t) {
        if (!Double.isFinite(t)) {
            return;
        }
        n++;
        double df = frame - meanF;
        double dt = t - meanT;
        meanF += df / n;
        meanT += dt / n;
        m2F += df * (frame - meanF);
        m2T += dt * (t - meanT);
        cFT += df * (t - meanT);
    }

    /**
     * @param source input name for log messages
     * @return the fitted frame interval (file time units per frame), or empty when fewer than two distinct
     *     frames or the slope is not positive
     */
    OptionalDouble estimate(String source) {
        if (n < 2 || m2F <= 0) {
            return OptionalDouble.empty();
        }
        double slope = cFT / m2F;
        if (!(slope > 0) || Double.isInfinite(slope)) {
            LOG.warn("{}: time column does not increase with frame (slope {}); frame interval not derived",
                    source, slope);
            return OptionalDouble.empty();
        }
        double rss = Math.max(0, m2T - slope * cFT);
        double rms = Math.sqrt(rss / n);
        if (rms > 1e-3 * slope) {
            LOG.warn("{}: time column is not a linear function of frame (rms residual {} vs interval {});"
                    + " using the fitted interval", source, rms, slope);
        }
        return OptionalDouble.of(slope);
    }
}
