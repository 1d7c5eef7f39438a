package org.deepspt.fingerprint;

import org.deepspt.msd.LagMoments;

/**
 * Trappedness (Saxton 1993, doi:10.1016/S0006-3495(93)81548-0): the probability-like score
 * 1 − exp(0.2045 − 0.25117·D·t/r<sub>0</sub>²) that a particle of short-time diffusion coefficient D
 * (from MSD(2) − MSD(1)) stays within r<sub>0</sub> = d<sub>max</sub>/2 for the track's duration t
 * (definition, deviation and range on {@link FingerprintFeature#TRAPPEDNESS}: negative for most freely diffusing
 * tracks of any length, more so in 3D). Stateless.
 */
final class Trappedness {
    private static final double SAXTON_A = 0.2045;
    private static final double SAXTON_B = 0.25117;

    private Trappedness() {
    }

    /**
     * @param moments moments at lags 1..{@code lags}
     * @param lags L
     * @param maxDistance d<sub>max</sub>, µm
     * @param frameSpan frames between the first and last point (t = frameSpan·dt)
     * @param dim 2 or 3
     * @param dt frame interval, s
     * @return the trappedness; NaN when L &lt; 2, MSD(1) or MSD(2) has no pairs, or d<sub>max</sub> = 0
     */
    static double of(LagMoments moments, int lags, double maxDistance, int frameSpan, int dim, double dt) {
        if (lags < 2 || !(maxDistance > 0)) {
            return Double.NaN;
        }
        double msd1 = moments.msd(1);
        double msd2 = moments.msd(2);
        if (Double.isNaN(msd1) || Double.isNaN(msd2)) {
            return Double.NaN;
        }
        double dShort = Math.max(0, msd2 - msd1) / (2.0 * dim * dt);
        double r0 = maxDistance / 2;
        return 1 - Math.exp(SAXTON_A - SAXTON_B * dShort * (frameSpan * dt) / (r0 * r0));
    }
}
