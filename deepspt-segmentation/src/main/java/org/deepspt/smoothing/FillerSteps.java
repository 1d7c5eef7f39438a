package org.deepspt.smoothing;

import java.util.Arrays;
import org.deepspt.api.Trajectory;
import org.jspecify.annotations.Nullable;

/**
 * The steps of a filled gap in the step-scale models of {@link DiffusivityChangeDetector} and {@link BoundaryRefiner},
 * which take the squared step lengths s<sub>j</sub> as Gamma observations with shape d/2 and a common scale.
 *
 * <p>Interpolated points (a reader's filled gaps, {@link Trajectory#interpolated(int)}): the k steps of a run between
 * two measured points are k equal pieces Δ/k of one displacement Δ over k frames, so their squares sum to |Δ|²/k,
 * one observation y of the per-step scale (Gamma with shape d/2, like one step). Each therefore counts as 1/k of a
 * step: with weights w<sub>j</sub> (1 for a measured step, 1/k for a filler step) the profile log-likelihood of a
 * block of steps is −(d/2)·W·ln(S/W), W = Σ w<sub>j</sub>, S = Σ s<sub>j</sub>, which the models use in place of the
 * step counts. Counted as k steps instead, a filled gap reads as a drop of D by a factor of about k. The lag-1
 * products of a filler step with its neighbours are made up (equal pieces correlate perfectly): the models leave
 * them out.
 */
final class FillerSteps {
    private FillerSteps() {
    }

    /**
     * @param t a track
     * @param first the first point of the stretch
     * @param m the number of steps of the stretch (points first .. first + m)
     * @return per step j (from point first + j to first + j + 1) its weight: 1, or 1/k for the k steps of a run with
     *     an interpolated end
     */
    private static double[] weights(Trajectory t, int first, int m) {
        double[] w = new double[m];
        for (int j = 0; j < m; ) {
            if (!filler(t, first + j)) {
                w[j++] = 1;
                continue;
            }
            int end = j;
            while (end < m && filler(t, first + end)) {
                end++;
            }
            Arrays.fill(w, j, end, 1.0 / (end - j));
            j = end;
        }
        return w;
    }

    /**
     * @param t a track
     * @param first the first point of the stretch
     * @param m the number of steps of the stretch
     * @return prefix sums of {@link #weights} ({@code [0] = 0}, {@code [j + 1]} the weight of steps 0..j), or null
     *     when the track has no interpolated point (every step weighs 1)
     */
    static double @Nullable [] weightPrefix(Trajectory t, int first, int m) {
        if (t.interpolatedCount() == 0) {
            return null;
        }
        double[] w = weights(t, first, m);
        double[] prefix = new double[m + 1];
        for (int j = 0; j < m; j++) {
            prefix[j + 1] = prefix[j] + w[j];
        }
        return prefix;
    }

    /** @return whether the step from point i to i + 1 has an interpolated end */
    static boolean filler(Trajectory t, int i) {
        return t.interpolated(i) || t.interpolated(i + 1);
    }
}
