package org.deepspt.sim;

import java.util.Objects;

/**
 * What generated each point of a simulated track, beyond its motion class: the true state, the diffusion
 * coefficient D and the anomalous exponent α of the segment the point belongs to (one value per generating
 * segment, repeated on its points; the first point of a segment is the one whose step was drawn with that
 * segment's parameters, as for the state labels).
 *
 * <p>Units and conventions: D in µm²/s<sup>α</sup>, the coefficient of MSD<sub>axis</sub>(τ) = 2·D·τ<sup>α</sup>
 * (τ in s) of the segment's generating process without noise (for α = 1 µm²/s); α is the exponent of that process:
 * the fractional-Brownian α of subdiffusive and fBm-directed segments (2·H with the Hurst exponent actually used),
 * 1 for processes built on Brownian steps (normal, drift-directed, confined, trapped). D and α are exact copies of
 * the doubles the simulator used, so consecutive points of one segment compare equal and a change of segment
 * parameters is a change of value. Immutable; accessors return copies.
 */
public final class TrackTruth {
    private final int[] states;
    private final double[] diffusion;
    private final double[] alpha;

    private TrackTruth(int[] states, double[] diffusion, double[] alpha) {
        this.states = states;
        this.diffusion = diffusion;
        this.alpha = alpha;
    }

    /**
     * @param states true state index 0..3 per point
     * @param diffusion true D per point, µm²/s<sup>α</sup> (finite, ≥ 0)
     * @param alpha true α per point (finite, ≥ 0)
     * @return the truth (arrays copied)
     * @throws IllegalArgumentException when lengths differ or a value is out of range
     */
    public static TrackTruth of(int[] states, double[] diffusion, double[] alpha) {
        Objects.requireNonNull(states, "states");
        Objects.requireNonNull(diffusion, "diffusion");
        Objects.requireNonNull(alpha, "alpha");
        if (diffusion.length != states.length || alpha.length != states.length) {
            throw new IllegalArgumentException("per-point arrays differ in length: states " + states.length
                    + ", D " + diffusion.length + ", alpha " + alpha.length);
        }
        for (int i = 0; i < states.length; i++) {
            if (states[i] < 0 || states[i] > 3) {
                throw new IllegalArgumentException("state at point " + i + " is not 0..3: " + states[i]);
            }
            if (!(diffusion[i] >= 0) || Double.isInfinite(diffusion[i])) {
                throw new IllegalArgumentException("D at point " + i + " is not finite and >= 0: " + diffusion[i]);
            }
            if (!(alpha[i] >= 0) || Double.isInfinite(alpha[i])) {
                throw new IllegalArgumentException("alpha at point " + i + " is not finite and >= 0: " + alpha[i]);
            }
        }
        return new TrackTruth(states.clone(), diffusion.clone(), alpha.clone());
    }

    /** @return number of points */
    public int size() {
        return states.length;
    }

    /** @return true state index 0..3 per point (copy) */
    public int[] stateIndices() {
        return states.clone();
    }

    /** @return true D per point, µm²/s<sup>α</sup> (copy) */
    public double[] diffusion() {
        return diffusion.clone();
    }

    /** @return true α per point (copy) */
    public double[] alpha() {
        return alpha.clone();
    }

    @Override
    public String toString() {
        return "TrackTruth[" + states.length + " points]";
    }
}
