package org.deepspt.api;

import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What generated each point of one track: its frame, and the true motion of the segment the point belongs to —
 * the true state ({@link DiffusionState}, when known), the true diffusion coefficient D and, when known, the true
 * anomalous exponent α. One value per generating segment, repeated on its points, so consecutive points of one
 * segment compare equal and a change of segment parameters is a change of value (the AnDi-2 challenge's truth: a
 * change point wherever the state, D or α changes). The simulators of {@code org.deepspt.sim} produce it
 * ({@code truthOf}, states, D and α known); {@code TrueMotionCsvReader} of {@code org.deepspt.io} reads it from the
 * {@code true_D} and {@code true_alpha} columns that {@code deepspt simulate} writes (states unknown: a track file's
 * states travel with its {@link Trajectory}); {@code SegmentationEvaluation} scores segment estimates against it.
 *
 * <p>Units and conventions: D in µm²/s<sup>α</sup>, the coefficient of MSD<sub>axis</sub>(τ) = 2·D·τ<sup>α</sup>
 * (τ in s) of the segment's generating process without localisation noise (µm²/s when α = 1); α dimensionless, the
 * exponent of that process (the fractional-Brownian α = 2·H of subdiffusive and fBm-directed segments, 1 for
 * processes built on Brownian steps). Frames are integer frame indices and strictly increase.
 *
 * <p>Every point is checked when the value is made: equal lengths, strictly increasing frames, states 0..3, D
 * finite and ≥ 0, α finite and ≥ 0; a violation is an {@link InvalidTrajectoryException} naming the track and the
 * point. Immutable and thread-safe; accessors return copies.
 */
public final class TrueMotion {
    private final String trackId;
    private final int[] frames;
    private final int @Nullable [] states;
    private final double[] diffusion;
    private final double @Nullable [] alpha;

    private TrueMotion(String trackId, int[] frames, int @Nullable [] states, double[] diffusion,
            double @Nullable [] alpha) {
        this.trackId = trackId;
        this.frames = frames;
        this.states = states;
        this.diffusion = diffusion;
        this.alpha = alpha;
    }

    /**
     * @param trackId the track's id
     * @param frames frame index of every point, strictly increasing
     * @param states true state index 0..3 ({@link DiffusionState#index()}) of every point, or null when unknown
     * @param diffusion true D of every point, µm²/s<sup>α</sup> (finite, ≥ 0)
     * @param alpha true α of every point (finite, ≥ 0), or null when unknown
     * @return the truth (arrays copied)
     * @throws InvalidTrajectoryException naming the track when the arrays differ in length, the frames do not
     *     increase strictly or a value is out of range (naming the point)
     */
    public static TrueMotion of(String trackId, int[] frames, int @Nullable [] states, double[] diffusion,
            double @Nullable [] alpha) {
        Objects.requireNonNull(trackId, "trackId");
        Objects.requireNonNull(frames, "frames");
        Objects.requireNonNull(diffusion, "diffusion");
        int n = frames.length;
        if (diffusion.length != n || (states != null && states.length != n) || (alpha != null && alpha.length != n)) {
            throw new InvalidTrajectoryException(trackId, "per-point true motion differs in length: frames " + n
                    + (states == null ? "" : ", states " + states.length) + ", D " + diffusion.length
                    + (alpha == null ? "" : ", alpha " + alpha.length));
        }
        for (int i = 0; i < n; i++) {
            if (i > 0 && frames[i] <= frames[i - 1]) {
                throw new InvalidTrajectoryException(trackId, "frame " + frames[i] + " at point " + i
                        + " does not follow frame " + frames[i - 1]);
            }
            if (states != null && (states[i] < 0 || states[i] >= DiffusionState.COUNT)) {
                throw new InvalidTrajectoryException(trackId, "true state at point " + i + " is not 0..3: "
                        + states[i]);
            }
            if (!(diffusion[i] >= 0) || Double.isInfinite(diffusion[i])) {
                throw new InvalidTrajectoryException(trackId, "true D at point " + i + " is not finite and >= 0: "
                        + diffusion[i]);
            }
            if (alpha != null && (!(alpha[i] >= 0) || Double.isInfinite(alpha[i]))) {
                throw new InvalidTrajectoryException(trackId, "true alpha at point " + i
                        + " is not finite and >= 0: " + alpha[i]);
            }
        }
        return new TrueMotion(trackId, frames.clone(), states == null ? null : states.clone(), diffusion.clone(),
                alpha == null ? null : alpha.clone());
    }

    /**
     * The truth of a track whose points lie on frames 0, 1, …, n − 1 (as the simulators number them), with
     * everything known.
     *
     * @param trackId the track's id
     * @param states true state index 0..3 of every point
     * @param diffusion true D of every point, µm²/s<sup>α</sup> (finite, ≥ 0)
     * @param alpha true α of every point (finite, ≥ 0)
     * @return the truth (arrays copied)
     * @throws InvalidTrajectoryException as {@link #of}
     */
    public static TrueMotion consecutive(String trackId, int[] states, double[] diffusion, double[] alpha) {
        Objects.requireNonNull(states, "states");
        Objects.requireNonNull(alpha, "alpha");
        int[] frames = new int[states.length];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = i;
        }
        return of(trackId, frames, states, diffusion, alpha);
    }

    /** @return the track's id */
    public String trackId() {
        return trackId;
    }

    /** @return number of points */
    public int size() {
        return frames.length;
    }

    /** @return frame index of every point (copy) */
    public int[] frames() {
        return frames.clone();
    }

    /** @return whether the true states are known */
    public boolean hasStates() {
        return states != null;
    }

    /**
     * @return true state index 0..3 of every point (copy)
     * @throws IllegalStateException when they are not known ({@link #hasStates()})
     */
    public int[] stateIndices() {
        if (states == null) {
            throw new IllegalStateException("the true states of track " + Messages.quote(trackId)
                    + " are not known");
        }
        return states.clone();
    }

    /** @return true D of every point, µm²/s<sup>α</sup> (copy) */
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
            throw new IllegalStateException("the true alpha of track " + Messages.quote(trackId) + " is not known");
        }
        return alpha.clone();
    }

    /**
     * Checks that this truth describes exactly the points of a track: same id, same frames in the same order, and,
     * when both carry states, the same states.
     *
     * @param track the track
     * @throws InvalidTrajectoryException naming the track and the first difference otherwise
     */
    public void checkMatches(Trajectory track) {
        if (!track.id().equals(trackId)) {
            throw new InvalidTrajectoryException(track.id(), "the true motion given for it is that of track "
                    + Messages.quote(trackId));
        }
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
        if (states != null && track.hasStates()) {
            int[] s = track.stateIndices();
            for (int i = 0; i < s.length; i++) {
                if (s[i] != states[i]) {
                    throw new InvalidTrajectoryException(track.id(), "true state " + states[i] + " is given for "
                            + "frame " + frames[i] + " but the track's state there is " + s[i]);
                }
            }
        }
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof TrueMotion m && trackId.equals(m.trackId) && Arrays.equals(frames, m.frames)
                && Arrays.equals(states, m.states) && Arrays.equals(diffusion, m.diffusion)
                && Arrays.equals(alpha, m.alpha);
    }

    @Override
    public int hashCode() {
        int h = trackId.hashCode();
        h = 31 * h + Arrays.hashCode(frames);
        h = 31 * h + Arrays.hashCode(states);
        h = 31 * h + Arrays.hashCode(diffusion);
        return 31 * h + Arrays.hashCode(alpha);
    }

    @Override
    public String toString() {
        return "TrueMotion[track " + Messages.quote(trackId) + ", " + frames.length + " points"
                + (states == null ? ", no states" : "") + (alpha == null ? ", no alpha" : "") + "]";
    }
}
