package org.deepspt.fingerprint;

import org.deepspt.api.Trajectory;
import org.deepspt.msd.LagMoments;
import org.deepspt.msd.MsdFit;
import org.deepspt.msd.MsdFitter;
import org.jspecify.annotations.Nullable;

/**
 * MSD family: from the {@link LagMoments} of a track, the features {@code alpha},
 * {@code diffusion_coefficient}, {@code model_parameter} (always 0), {@code msd_fit_p_value},
 * {@code mean_msd} and {@code msd_ratio} (definitions on {@link DiffusionalFingerprint}). The fit uses the
 * fitter's lag rule ({@link MsdFitter#lagCount(int)}: min(⌊N/4⌋, 30) lags by default) and is NaN below
 * {@link MsdFitter#MIN_LAGS} lags; {@code mean_msd} and {@code msd_ratio} use the DeepSPT lags 1..L. Lags
 * without pairs (only with gaps) are skipped. Stateless.
 */
final class MsdFeatures {
    private MsdFeatures() {
    }

    /**
     * Writes the MSD features.
     *
     * @param moments moments of the track at lags 1..{@code lags}
     * @param lags L, the number of lags used
     * @param fitter the MSD fitter
     * @param gapped the track when it has gaps (then fitted with {@link MsdFitter#fit(Trajectory)}, lags in
     *     frames), {@code null} for consecutive points (fitted on MSD(1..min(L, fitter's lag count)))
     * @param n number of points
     * @param dim 2 or 3
     * @param dt frame interval, s
     * @param out destination, indexed by {@link FingerprintFeature#ordinal()} + {@code o}
     * @param o offset
     */
    static void write(LagMoments moments, int lags, MsdFitter fitter, @Nullable Trajectory gapped, int n, int dim,
            double dt, double[] out, int o) {
        MsdFit fit = fit(moments, lags, fitter, gapped, n, dim, dt);
        double msdSum = 0;
        int msdCount = 0;
        double ratioSum = 0;
        int ratioCount = 0;
        double previous = Double.NaN;
        for (int lag = 1; lag <= lags; lag++) {
            double msd = moments.msd(lag);
            if (!Double.isNaN(msd)) {
                msdSum += msd;
                msdCount++;
            }
            if (!Double.isNaN(previous) && msd > 0) {
                int k = lag - 1;
                ratioSum += previous / msd - (double) k / (k + 1);
                ratioCount++;
            }
            previous = msd;
        }
        out[o + FingerprintFeature.ALPHA.ordinal()] = fit.alpha();
        out[o + FingerprintFeature.DIFFUSION_COEFFICIENT.ordinal()] = fit.diffusionCoefficient();
        out[o + FingerprintFeature.MODEL_PARAMETER.ordinal()] = 0;
        out[o + FingerprintFeature.MSD_FIT_P_VALUE.ordinal()] = fit.pValue();
        out[o + FingerprintFeature.MEAN_MSD.ordinal()] = msdCount > 0 ? msdSum / msdCount : Double.NaN;
        out[o + FingerprintFeature.MSD_RATIO.ordinal()] = ratioCount > 0 ? ratioSum / ratioCount : Double.NaN;
    }

    /**
     * The anomalous MSD fit behind {@code alpha}, {@code diffusion_coefficient} and {@code msd_fit_p_value}: of a
     * gapped track {@link MsdFitter#fit(Trajectory)}, else the fit of MSD(1..min(L, fitter's lag count)) of N
     * points. The one place that chooses the fingerprint's fit, for the features ({@link #write}) and for their
     * status ({@link DiffusionalFingerprint#msdFit(MsdFitter, Trajectory)}).
     *
     * @param moments moments of the track at lags 1..{@code lags}
     * @param lags L, the number of lags measured
     * @param fitter the MSD fitter (with or without standard errors: α, D and p do not depend on them)
     * @param gapped the track when it has gaps, else {@code null}
     * @param n number of points
     * @param dim 2 or 3
     * @param dt frame interval, s
     * @return the fit
     */
    static MsdFit fit(LagMoments moments, int lags, MsdFitter fitter, @Nullable Trajectory gapped, int n, int dim,
            double dt) {
        if (gapped != null) {
            return fitter.fit(gapped);
        }
        int fitLags = Math.min(lags, fitter.lagCount(n));
        double[] msd = new double[fitLags];
        moments.msd(msd, fitLags);
        return fitter.fit(msd, dt, dim, n);
    }
}
