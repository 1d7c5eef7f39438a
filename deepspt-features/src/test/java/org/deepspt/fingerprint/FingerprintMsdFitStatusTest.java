package org.deepspt.fingerprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.Map;
import org.deepspt.TestTracks;
import org.deepspt.api.Fingerprint;
import org.deepspt.api.FitStatus;
import org.deepspt.api.Trajectory;
import org.deepspt.msd.MsdFit;
import org.deepspt.msd.MsdFitter;
import org.junit.jupiter.api.Test;

/**
 * The fingerprint's MSD fit status ({@link DiffusionalFingerprint#msdFit(Trajectory)}) is the status
 * {@code deepspt msd} reports ({@link MsdFitter#fit(Trajectory)}), {@code undetermined} included, and the fit behind
 * it gives the fingerprint's α, D and p exactly.
 */
class FingerprintMsdFitStatusTest {
    private static final DiffusionalFingerprint FINGERPRINT = DiffusionalFingerprint.defaults();
    private static final MsdFitter MSD = MsdFitter.defaults();

    /**
     * 200 short noisy 2D Brownian tracks (20 points, D 0.05 µm²/s, Δt 0.01 s, σ 40 nm, the set of {@link MsdFitter}'s
     * "Undetermined α"): the fingerprint's fit is the msd fit, value for value, so the statuses agree track by track;
     * about half are undetermined, which the status read from α and D alone called {@code ok}.
     */
    @Test
    void shortNoisyBrownianTracksGetTheStatusOfTheMsdCommand() {
        Map<FitStatus, Integer> counts = new EnumMap<>(FitStatus.class);
        int okFromValues = 0;
        for (int seed = 0; seed < 200; seed++) {
            Trajectory t = TestTracks.seeded(seed).brownian("b" + seed, 20, 0.05, 0.01, 2, 0.04);
            MsdFit msd = MSD.fit(t);
            MsdFit fp = FINGERPRINT.msdFit(t);
            assertEquals(msd, fp, t.id());
            assertSameValues(FINGERPRINT.extract(t), fp);
            assertEquals(msd.status(), DiffusionalFingerprint.msdFitStatus(FINGERPRINT.msdFitter(), t), t.id());
            counts.merge(fp.status(), 1, Integer::sum);
            if (fp.status() == FitStatus.UNDETERMINED
                    && DiffusionalFingerprint.msdFitStatus(FINGERPRINT.msdFitter(), FINGERPRINT.extract(t))
                            == FitStatus.OK) {
                okFromValues++;
            }
        }
        int undetermined = counts.getOrDefault(FitStatus.UNDETERMINED, 0);
        assertTrue(undetermined >= 50, counts.toString());
        assertTrue(counts.getOrDefault(FitStatus.OK, 0) >= 50, counts.toString());
        // the values alone cannot tell: every undetermined fit inside its bounds read "ok" from them
        assertEquals(undetermined, okFromValues, counts.toString());
    }

    @Test
    void tracksWithGapsInterpolatedPointsAndLongTracksToo() {
        TestTracks r = TestTracks.seeded(11);
        Trajectory gapped = r.brownian("g", 40, 0.05, 0.01, 2, 0.04);
        int[] frames = gapped.frames();
        for (int i = 25; i < frames.length; i++) {
            frames[i] += 3; // three missing frames after point 25
        }
        Trajectory withGap = Trajectory.of("g", 0.01, frames, gapped.axis(0), gapped.axis(1));
        Trajectory filled = withGap.withGapsInterpolated();
        for (Trajectory t : new Trajectory[] {withGap, filled, r.brownian("long", 300, 0.05, 0.01, 2, 0.04),
            r.fbm("f", 200, 0.05, 0.01, 3, 0.25), r.brownian("short", 12, 0.05, 0.01, 2, 0.04)}) {
            MsdFit fp = FINGERPRINT.msdFit(t);
            assertEquals(MSD.fit(t), fp, t.id());
            assertSameValues(FINGERPRINT.extract(t), fp);
        }
        assertEquals(FitStatus.TOO_FEW_LAGS, FINGERPRINT.msdFit(r.brownian("s", 12, 0.05, 0.01, 2, 0.04)).status());
    }

    @Test
    void theFeaturesDoNotDependOnTheStandardErrors() {
        // the extractor's fitter skips the standard errors; the status fit computes them: same α, D, p, bit for bit
        Trajectory t = TestTracks.seeded(3).brownian("b", 60, 0.05, 0.01, 2, 0.04);
        MsdFit without = DiffusionalFingerprint.msdFit(MSD.withStandardErrors(false), t);
        assertEquals(FINGERPRINT.msdFit(t), DiffusionalFingerprint.msdFit(MSD.withStandardErrors(false), t));
        assertTrue(without.alphaError() > 0, without.toString());
    }

    private static void assertSameValues(Fingerprint f, MsdFit fit) {
        assertEquals(fit.alpha(), f.value(FingerprintFeature.ALPHA.featureName()), 0.0, f.trackId());
        assertEquals(fit.diffusionCoefficient(), f.value(FingerprintFeature.DIFFUSION_COEFFICIENT.featureName()), 0.0,
                f.trackId());
        assertEquals(fit.pValue(), f.value(FingerprintFeature.MSD_FIT_P_VALUE.featureName()), 0.0, f.trackId());
    }
}
