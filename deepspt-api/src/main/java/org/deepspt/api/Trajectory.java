package org.deepspt.api;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One particle track: an immutable sequence of points with strictly increasing integer frame indices,
 * positions in micrometres (µm) and a frame interval in seconds (s).
 *
 * <p>Invariants checked at construction (violations throw {@link InvalidTrajectoryException} naming the
 * track and, where relevant, the frame and axis):
 * <ul>
 *   <li>{@code id} is non-empty; dimension is 2 or 3; at least one point;</li>
 *   <li>frames strictly increase (a duplicate frame is an error; a gap of more than one frame is allowed
 *       and visible through {@link #hasGaps()});</li>
 *   <li>every coordinate is finite; the frame interval is finite and &gt; 0;</li>
 *   <li>optional true states (simulated or labelled data) have one entry 0..3 per point.</li>
 * </ul>
 *
 * <p>Points may be marked <em>interpolated</em> ({@link #withInterpolated}): made up over missing frames so that
 * a model that needs one point per frame can run ({@link #withGapsInterpolated()}, the readers' interpolating gap
 * policy). They are positions
 * nobody measured: a straight line between two localisations has less spread than the particle's path, so
 * estimators of the motion (MSD fits, the diffusional fingerprint) use {@link #measured()}, the measured points
 * only, with their true frame lags.
 *
 * <p>Instances are thread-safe. Accessors returning arrays return copies.
 */
public final class Trajectory {
    private static final BitSet NONE = new BitSet(0);

    /**
     * Longest run of missing frames that {@link #withGapsInterpolated()} fills, and that the readers' interpolating
     * gap policy fills before it cuts the track (frames). A filled gap is a straight line at constant speed, which the
     * segmentation model reads as directed motion once it is long: on 40 Brownian tracks of 300 points with two gaps
     * each, the made-up frames were called directed on 2.5 % of their frames for gaps of 5 and 10 frames (as the
     * measured frames), 6.2 % at 15, 11.7 % at 20 and 31 % for one gap of 30 (2026-12-07, default 2D model).
     */
    public static final int DEFAULT_MAX_INTERPOLATED_GAP = 10;

    private final String id;
    private final int dimension;
    private final double frameInterval;
    private final int[] frames;
    private final double[][] axes;
    private final byte @Nullable [] states;
    /** Indices of the interpolated points; never modified after construction, empty when none. */
    private final BitSet interpolated;

    private Trajectory(String id, double frameInterval, int[] frames, double[][] axes,
            byte @Nullable [] states, BitSet interpolated) {
        this.id = id;
        this.dimension = axes.length;
        this.frameInterval = frameInterval;
        this.frames = frames;
        this.axes = axes;
        this.states = states;
        this.interpolated = interpolated;
    }

    /**
     * A 2D trajectory.
     *
     * @param id track id (non-empty)
     * @param frameInterval time between consecutive frames, s
     * @param frames frame indices, strictly increasing
     * @param x x positions, µm
     * @param y y positions, µm
     * @return the trajectory (arrays are copied)
     */
    public static Trajectory of(String id, double frameInterval, int[] frames, double[] x, double[] y) {
        return create(id, frameInterval, frames.clone(), new double[][] {x.clone(), y.clone()}, null);
    }

    /**
     * A 3D trajectory.
     *
     * @param id track id (non-empty)
     * @param frameInterval time between consecutive frames, s
     * @param frames frame indices, strictly increasing
     * @param x x positions, µm
     * @param y y positions, µm
     * @param z z positions, µm
     * @return the trajectory (arrays are copied)
     */
    public static Trajectory of(String id, double frameInterval, int[] frames, double[] x, double[] y,
            double[] z) {
        return create(id, frameInterval, frames.clone(), new double[][] {x.clone(), y.clone(), z.clone()},
                null);
    }

    /**
     * A trajectory of consecutive frames 0..n−1 from per-axis coordinate arrays.
     *
     * @param id track id
     * @param frameInterval s
     * @param axes {@code axes[a][i]} is coordinate a (0 = x, 1 = y, 2 = z) of point i, µm; 2 or 3 axes
     * @return the trajectory (arrays are copied)
     */
    public static Trajectory ofAxes(String id, double frameInterval, double[]... axes) {
        Objects.requireNonNull(axes, "axes");
        int n = axes.length == 0 ? 0 : axes[0].length;
        int[] frames = new int[n];
        for (int i = 0; i < n; i++) {
            frames[i] = i;
        }
        double[][] copy = new double[axes.length][];
        for (int a = 0; a < axes.length; a++) {
            copy[a] = axes[a].clone();
        }
        return create(id, frameInterval, frames, copy, null);
    }

    /**
     * @param id track id
     * @param dimension 2 or 3
     * @param frameInterval s
     * @return a builder that appends points one by one (for readers)
     */
    public static Builder builder(String id, int dimension, double frameInterval) {
        return new Builder(id, dimension, frameInterval);
    }

    private static Trajectory create(String id, double frameInterval, int[] frames, double[][] axes,
            byte @Nullable [] states) {
        return create(id, frameInterval, frames, axes, states, NONE);
    }

    private static Trajectory create(String id, double frameInterval, int[] frames, double[][] axes,
            byte @Nullable [] states, BitSet interpolated) {
        if (id == null || id.isEmpty()) {
            throw new InvalidTrajectoryException(String.valueOf(id), "track id must be non-empty");
        }
        if (axes.length != 2 && axes.length != 3) {
            throw new InvalidTrajectoryException(id, "dimension must be 2 or 3, got " + axes.length);
        }
        if (!(frameInterval > 0) || Double.isInfinite(frameInterval)) {
            throw new InvalidTrajectoryException(id, "frame interval must be finite and > 0 s, got "
                    + frameInterval);
        }
        int n = frames.length;
        if (n == 0) {
            throw new InvalidTrajectoryException(id, "has no points");
        }
        for (int a = 0; a < axes.length; a++) {
            if (axes[a].length != n) {
                throw new InvalidTrajectoryException(id, "axis " + axisName(a) + " has " + axes[a].length
                        + " values but there are " + n + " frames");
            }
        }
        for (int i = 0; i < n; i++) {
            if (i > 0 && frames[i] <= frames[i - 1]) {
                throw new InvalidTrajectoryException(id, frames[i] == frames[i - 1]
                        ? "duplicate frame " + frames[i]
                        : "frames not increasing: " + frames[i - 1] + " then " + frames[i]);
            }
            for (int a = 0; a < axes.length; a++) {
                double v = axes[a][i];
                if (!Double.isFinite(v)) {
                    throw new InvalidTrajectoryException(id, "non-finite " + axisName(a) + " = " + v
                            + " at frame " + frames[i]);
                }
            }
        }
        if (states != null) {
            if (states.length != n) {
                throw new InvalidTrajectoryException(id, "has " + states.length + " states for " + n
                        + " points");
            }
            for (int i = 0; i < n; i++) {
                if (states[i] < 0 || states[i] >= DiffusionState.COUNT) {
                    throw new InvalidTrajectoryException(id, "state " + states[i] + " at frame " + frames[i]
                            + " is not 0..3");
                }
            }
        }
        checkInterpolated(id, interpolated, n);
        return new Trajectory(id, frameInterval, frames, axes, states, interpolated);
    }

    /**
     * @param axis 0, 1 or 2
     * @return "x", "y" or "z"
     */
    public static String axisName(int axis) {
        return switch (axis) {
            case 0 -> "x";
            case 1 -> "y";
            case 2 -> "z";
            default -> "axis" + axis;
        };
    }

    /** @return the track id */
    public String id() {
        return id;
    }

    /** @return 2 or 3 */
    public int dimension() {
        return dimension;
    }

    /** @return number of points */
    public int size() {
        return frames.length;
    }

    /** @return time between consecutive frames, s */
    public double frameInterval() {
        return frameInterval;
    }

    /**
     * @param i point index 0..size()−1
     * @return frame index of point i
     */
    public int frame(int i) {
        return frames[i];
    }

    /** @return a copy of the frame indices */
    public int[] frames() {
        return frames.clone();
    }

    /**
     * @param i point index
     * @param axis 0 = x, 1 = y, 2 = z
     * @return the coordinate, µm
     */
    public double coordinate(int i, int axis) {
        return axes[axis][i];
    }

    /** @param i point index @return x, µm */
    public double x(int i) {
        return axes[0][i];
    }

    /** @param i point index @return y, µm */
    public double y(int i) {
        return axes[1][i];
    }

    /**
     * @param i point index
     * @return z, µm
     * @throws IllegalStateException for a 2D trajectory
     */
    public double z(int i) {
        if (dimension < 3) {
            throw new IllegalStateException("track '" + id + "' is 2D: it has no z");
        }
        return axes[2][i];
    }

    /**
     * @param axis 0 = x, 1 = y, 2 = z
     * @return a copy of that axis's coordinates, µm
     */
    public double[] axis(int axis) {
        return axes[axis].clone();
    }

    /**
     * @return true when some consecutive points are more than one frame apart (missing frames); a neural segmenter
     *     refuses such a track, {@link #withGapsInterpolated()} fills them
     */
    public boolean hasGaps() {
        return (long) frames[frames.length - 1] - frames[0] != frames.length - 1;
    }

    /** @return true when per-point true states are attached */
    public boolean hasStates() {
        return states != null;
    }

    /**
     * @param i point index
     * @return the true state of point i
     * @throws IllegalStateException when the trajectory carries no states
     */
    public DiffusionState state(int i) {
        return DiffusionState.ofIndex(requireStates()[i]);
    }

    /**
     * @return a copy of the true state indices (0..3), one per point
     * @throws IllegalStateException when the trajectory carries no states
     */
    public int[] stateIndices() {
        byte[] s = requireStates();
        int[] out = new int[s.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = s[i];
        }
        return out;
    }

    private byte[] requireStates() {
        if (states == null) {
            throw new IllegalStateException("track '" + id + "' carries no true states");
        }
        return states;
    }

    /**
     * @param stateIndices one state 0..3 per point
     * @return a copy of this trajectory carrying these true states
     */
    public Trajectory withStates(int[] stateIndices) {
        byte[] s = new byte[stateIndices.length];
        for (int i = 0; i < s.length; i++) {
            int v = stateIndices[i];
            if (v < 0 || v >= DiffusionState.COUNT) {
                throw new InvalidTrajectoryException(id, "state " + v + " at frame "
                        + (i < frames.length ? frames[i] : i) + " is not 0..3");
            }
            s[i] = (byte) v;
        }
        return create(id, frameInterval, frames, axes, s, interpolated);
    }

    /** @return a copy of this trajectory without true states */
    public Trajectory withoutStates() {
        return states == null ? this : new Trajectory(id, frameInterval, frames, axes, null, interpolated);
    }

    /**
     * @param newId the id of the copy
     * @return a copy with another id
     */
    public Trajectory withId(String newId) {
        return create(newId, frameInterval, frames, axes, states, interpolated);
    }

    /**
     * @param from first point index, inclusive
     * @param to last point index, exclusive
     * @param newId id of the piece
     * @return points {@code from..to−1} as a new trajectory (states and interpolation marks kept)
     */
    public Trajectory slice(int from, int to, String newId) {
        Objects.checkFromToIndex(from, to, frames.length);
        double[][] a = new double[dimension][];
        for (int k = 0; k < dimension; k++) {
            a[k] = Arrays.copyOfRange(axes[k], from, to);
        }
        byte[] s = states == null ? null : Arrays.copyOfRange(states, from, to);
        return create(newId, frameInterval, Arrays.copyOfRange(frames, from, to), a, s,
                interpolated.isEmpty() ? NONE : interpolated.get(from, to));
    }

    private static void checkInterpolated(String id, BitSet points, int n) {
        if (points.length() > n) {
            throw new InvalidTrajectoryException(id, "interpolated point " + (points.length() - 1) + " is beyond its "
                    + n + " points");
        }
    }

    /**
     * @param points indices of the points that were made up by interpolation over missing frames (not measured);
     *     copied; an empty set removes every mark
     * @return a copy of this trajectory with exactly these points marked interpolated
     * @throws InvalidTrajectoryException when an index is not a point of this trajectory
     */
    public Trajectory withInterpolated(BitSet points) {
        Objects.requireNonNull(points, "points");
        checkInterpolated(id, points, frames.length);
        if (points.equals(interpolated)) {
            return this;
        }
        return new Trajectory(id, frameInterval, frames, axes, states,
                points.isEmpty() ? NONE : (BitSet) points.clone());
    }

    /**
     * @param i point index
     * @return whether point i was made up by interpolation over missing frames (not measured)
     */
    public boolean interpolated(int i) {
        Objects.checkIndex(i, frames.length);
        return interpolated.get(i);
    }

    /** @return the number of interpolated points (0 for a trajectory as measured) */
    public int interpolatedCount() {
        return interpolated.cardinality();
    }

    /**
     * The measured points: this trajectory without its interpolated points, with their frames (so the made-up
     * stretches become gaps again, {@link #hasGaps()}); states kept.
     *
     * @return this trajectory when no point is interpolated, else a new one of the same id
     * @throws InvalidTrajectoryException when every point is interpolated (a piece that lies inside a gap): check
     *     {@link #interpolatedCount()} &lt; {@link #size()} first
     */
    public Trajectory measured() {
        if (interpolated.isEmpty()) {
            return this;
        }
        int m = frames.length - interpolated.cardinality();
        int[] f = new int[m];
        double[][] a = new double[dimension][m];
        byte[] s = states == null ? null : new byte[m];
        int j = 0;
        for (int i = interpolated.nextClearBit(0); i < frames.length; i = interpolated.nextClearBit(i + 1)) {
            f[j] = frames[i];
            for (int k = 0; k < dimension; k++) {
                a[k][j] = axes[k][i];
            }
            if (s != null) {
                s[j] = states[i];
            }
            j++;
        }
        return create(id, frameInterval, f, a, s, NONE);
    }

    /**
     * {@link #withGapsInterpolated(int)} with gaps of up to {@value #DEFAULT_MAX_INTERPOLATED_GAP} missing frames.
     *
     * @return this trajectory when it has no gaps, else a new one of the same id with consecutive frames
     * @throws InvalidTrajectoryException naming the track and its first gap of more than
     *     {@value #DEFAULT_MAX_INTERPOLATED_GAP} missing frames
     */
    public Trajectory withGapsInterpolated() {
        return withGapsInterpolated(DEFAULT_MAX_INTERPOLATED_GAP);
    }

    /**
     * This trajectory with its missing frames filled by linear interpolation, so that a model that needs one point
     * per frame (a neural segmenter, {@link Segmenter#requiresConsecutiveFrames()}) can run it. Between points
     * i − 1 and i that are g + 1 frames apart (g missing frames), the k-th made-up point (k = 1..g) lies at
     * p<sub>i−1</sub> + k/(g + 1)·(p<sub>i</sub> − p<sub>i−1</sub>) on every axis (µm), takes the true state of point
     * i − 1 (when states are attached) and is marked {@link #interpolated(int) interpolated}, so that the motion
     * estimators, which read {@link #measured()}, skip it. The measured points keep their coordinates, states and
     * marks. This is the filling of the readers' {@code INTERPOLATE} gap policy ({@code org.deepspt.io.GapPolicy},
     * which also cuts a track at gaps of more than {@value #DEFAULT_MAX_INTERPOLATED_GAP} frames and rejects a track
     * with more made-up points than measured ones); a segmentation of the result has a row for every frame, made-up
     * ones included ({@link #interpolated(int)} tells them apart).
     *
     * @param maxGap longest run of missing frames to fill, frames, ≥ 1 (see {@link #DEFAULT_MAX_INTERPOLATED_GAP}
     *     for why longer fillers mislead a segmentation model)
     * @return this trajectory when it has no gaps, else a new one of the same id with consecutive frames
     *     {@code frame(0)..frame(size() − 1)}
     * @throws IllegalArgumentException when {@code maxGap} &lt; 1
     * @throws InvalidTrajectoryException naming the track and its first gap of more than {@code maxGap} missing
     *     frames (cut the track there, {@link #slice}, or pass a larger {@code maxGap}); nothing is filled then
     */
    public Trajectory withGapsInterpolated(int maxGap) {
        if (maxGap < 1) {
            throw new IllegalArgumentException("maxGap must be >= 1 frame, got " + maxGap);
        }
        if (!hasGaps()) {
            return this;
        }
        int n = frames.length;
        for (int i = 1; i < n; i++) {
            long missing = (long) frames[i] - frames[i - 1] - 1;
            if (missing > maxGap) {
                throw new InvalidTrajectoryException(id, "frames " + frames[i - 1] + " → " + frames[i] + " miss "
                        + missing + " frames, more than the " + maxGap + " that withGapsInterpolated(" + maxGap
                        + ") fills; cut the track at the gap (Trajectory.slice) or fill with a larger maxGap");
            }
        }
        // at most maxGap made-up points per measured point: (maxGap + 1)·n points, capped by the array limit
        long total = (long) frames[n - 1] - frames[0] + 1;
        if (total > Integer.MAX_VALUE - 8) {
            throw new InvalidTrajectoryException(id, "filling frames " + frames[0] + ".." + frames[n - 1]
                    + " would make " + total + " points, more than an array holds");
        }
        int m = (int) total;
        int[] f = new int[m];
        double[][] a = new double[dimension][m];
        byte[] s = states == null ? null : new byte[m];
        BitSet made = new BitSet(m);
        int j = 0;
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                int span = frames[i] - frames[i - 1];
                for (int g = 1; g < span; g++) {
                    double w = (double) g / span;
                    f[j] = frames[i - 1] + g;
                    for (int k = 0; k < dimension; k++) {
                        a[k][j] = axes[k][i - 1] + w * (axes[k][i] - axes[k][i - 1]);
                    }
                    if (s != null) {
                        s[j] = states[i - 1];
                    }
                    made.set(j);
                    j++;
                }
            }
            f[j] = frames[i];
            for (int k = 0; k < dimension; k++) {
                a[k][j] = axes[k][i];
            }
            if (s != null) {
                s[j] = states[i];
            }
            if (interpolated.get(i)) {
                made.set(j);
            }
            j++;
        }
        return create(id, frameInterval, f, a, s, made);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Trajectory t)) {
            return false;
        }
        return id.equals(t.id) && frameInterval == t.frameInterval && Arrays.equals(frames, t.frames)
                && Arrays.deepEquals(axes, t.axes) && Arrays.equals(states, t.states)
                && interpolated.equals(t.interpolated);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, frameInterval, Arrays.hashCode(frames), Arrays.deepHashCode(axes),
                Arrays.hashCode(states), interpolated);
    }

    @Override
    public String toString() {
        return "Trajectory[id=" + id + ", dim=" + dimension + ", points=" + frames.length + ", frames="
                + frames[0] + ".." + frames[frames.length - 1] + ", dt=" + frameInterval + " s"
                + (states != null ? ", with states" : "")
                + (interpolated.isEmpty() ? "" : ", " + interpolated.cardinality() + " interpolated") + "]";
    }

    /**
     * Appends points in frame order; {@link #build()} validates. Not thread-safe.
     */
    public static final class Builder {
        private final String id;
        private final int dimension;
        private final double frameInterval;
        private int n;
        private int[] frames = new int[16];
        private double[][] axes;
        private byte @Nullable [] states;

        private Builder(String id, int dimension, double frameInterval) {
            if (dimension != 2 && dimension != 3) {
                throw new InvalidTrajectoryException(String.valueOf(id), "dimension must be 2 or 3, got "
                        + dimension);
            }
            this.id = id;
            this.dimension = dimension;
            this.frameInterval = frameInterval;
            this.axes = new double[dimension][16];
        }

        /**
         * @param frame frame index
         * @param coords {@code dimension} coordinates, µm
         * @return this
         */
        public Builder add(int frame, double... coords) {
            if (coords.length != dimension) {
                throw new InvalidTrajectoryException(id, "point at frame " + frame + " has " + coords.length
                        + " coordinates, expected " + dimension);
            }
            grow();
            frames[n] = frame;
            for (int a = 0; a < dimension; a++) {
                axes[a][n] = coords[a];
            }
            if (states != null) {
                states[n] = -1;
            }
            n++;
            return this;
        }

        /**
         * @param frame frame index
         * @param state true state 0..3
         * @param coords {@code dimension} coordinates, µm
         * @return this
         */
        public Builder addWithState(int frame, int state, double... coords) {
            if (states == null) {
                if (n > 0) {
                    throw new InvalidTrajectoryException(id, "state given at frame " + frame
                            + " but not for earlier points");
                }
                states = new byte[frames.length];
            }
            if (state < 0 || state >= DiffusionState.COUNT) {
                throw new InvalidTrajectoryException(id, "state " + state + " at frame " + frame
                        + " is not 0..3");
            }
            add(frame, coords);
            states[n - 1] = (byte) state;
            return this;
        }

        /** @return number of points added so far */
        public int size() {
            return n;
        }

        private void grow() {
            if (n == frames.length) {
                int cap = frames.length * 2;
                frames = Arrays.copyOf(frames, cap);
                for (int a = 0; a < dimension; a++) {
                    axes[a] = Arrays.copyOf(axes[a], cap);
                }
                if (states != null) {
                    states = Arrays.copyOf(states, cap);
                }
            }
        }

        /** @return the validated trajectory */
        public Trajectory build() {
            double[][] a = new double[dimension][];
            for (int k = 0; k < dimension; k++) {
                a[k] = Arrays.copyOf(axes[k], n);
            }
            return create(id, frameInterval, Arrays.copyOf(frames, n), a,
                    states == null ? null : Arrays.copyOf(states, n));
        }
    }
}
