package org.deepspt.eval;

import java.util.Arrays;
import java.util.Objects;
import org.deepspt.api.InvalidTrajectoryException;
import org.deepspt.api.Trajectory;
import org.jspecify.annotations.Nullable;

/**
 * The true diffusion coefficient D and, when known, the true anomalous exponent α of every point of one track (as
 * {@code deepspt simulate} writes them in its {@code true_D} and {@code true_alpha} columns): the parameters of the
 * segment of the generating process that the point belongs to. D is in the unit the segment estimates are scored in
 * (µm²/s<sup>α</sup> for this library's estimates and simulator). Points are identified by their frames, which must
 * strictly increase. Immutable; accessors return copies.
 */
public final class TrueMotion {
    private final int[] frames;
    private final double[] diffusion;
    private final double @Nullable [] alpha;

    private TrueMotion(int[] frames, double[] diffusion, double @Nullable [] alpha) {
        this.frames = frames;
        this.diffusion = diffusion;
        this.alpha = alpha;
    }

    /**
     * @param frames frame of every point, strictly increasing
     * @param diffusion true D of every point (finite, ≥ 0)
     * @param alpha true α of every point (finite), or null when unknown
     * @return the truth (arrays copied)
     * @throws IllegalArgumentException when lengths differ, frames do not increase or a value is out of range
     */
    public static TrueMotion of(int[] frames, double[] diffusion, double @Nullable [] alpha) {
        Objects.requireNonNull(frames, "frames");
        Objects.requireNonNull(diffusion, "diffusion");
        if (diffusion.length != frames.length || (alpha != null && alpha.length != frames.length)) {
            throw new IllegalArgumentException("per-point arrays differ in length: frames " + frames.length + ", D "
                    + diffusion.length + (alpha == null ? "" : ", alpha " + alpha.length));
        }
        for (int i = 0; i < frames.length; i++) {
            if (i > 0 && frames[i] <= frames[i - 1]) {
                throw new IllegalArgumentException("frame " + frames[i] + " at point " + i + " does not follow frame "
                        + frames[i - 1]);
            }
            if (!(diffusion[i] >= 0) || Double.isInfinite(diffusion[i])) {
                throw new IllegalArgumentException("true D at point " + i + " is not finite and >= 0: "
                        + diffusion[i]);
            }
            if (alpha != null && !Double.isFinite(alpha[i])) {
                throw new IllegalArgumentException("true alpha at point " + i + " is not finite: " + alpha[i]);
            }
        }
        return new TrueMotion(frames.clone(), diffusion.clone(), alpha == null ? null : alpha.clone());
    }

    /** @return number of points */
    public int size() {
        return frames.length;
    }

    /** @return frame of every point (copy) */
    public int[] frames() {
        return frames.clone();
    }

    /** @return true D of every point (copy) */
    public double[] diffusion() {
        return diffusion.clone();
    }

    /** @return whether the true α is known */
    public boolean hasAlpha() {
        return alpha != null;
    }

    /**
     * @return true α of every point (copy)
     * @throws IllegalStateException when it is not known ({@link #hasAlpha()})
     */
    public double[] alpha() {
        if (alpha == null) {
            throw new IllegalStateException("the true alpha is not known");
        }
        return alpha.clone();
    }

    /**
     * Checks that this truth covers exactly the points of a track.
     *
     * @param track the track (same frames, in order)
     * @throws InvalidTrajectoryException naming the track and the first differing point otherwise
     */
    public void checkMatches(Trajectory track) {
        if (track.size() != frames.length) {
            throw new InvalidTrajectoryException(track.id(), "true D is given for " + frames.length
                    + " points but the track has " + track.size());
        }
        for (int i = 0; i < frames.length; i++) {
            if (track.frame(i) != frames[i]) {
                throw new InvalidTrajectoryException(track.id(), "true D is given for frame " + frames[i]
                        + " at point " + i + " but the track's frame there is " + track.frame(i));
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrueMotion m && Arrays.equals(frames, m.frames) && Arrays.equals(diffusion, m.diffusion)
                && Arrays.equals(alpha, m.alpha);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(frames) + Arrays.hashCode(diffusion)) + Arrays.hashCode(alpha);
    }

    @Override
    public String toString() {
        return "TrueMotion[" + frames.length + " points" + (alpha == null ? ", no alpha" : "") + "]";
    }
}
