package org.deepspt.api;

import java.util.Arrays;
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
 * <p>Instances are thread-safe. Accessors returning arrays return copies.
 */
public final class Trajectory {
    private final String id;
    private final int dimension;
    private final double frameInterval;
    private final int[] frames;
    private final double[][] axes;
    private final byte @Nullable [] states;

    private Trajectory(String id, double frameInterval, int[] frames, double[][] axes,
            byte @Nullable [] states) {
        this.id = id;
        this.dimension = axes.length;
        this.frameInterval = frameInterval;
        this.frames = frames;
        this.axes = axes;
        this.states = states;
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
        return new Trajectory(id, frameInterval, frames, axes, states);
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

    /** @return true when some consecutive points are more than one frame apart */
    public boolean hasGaps() {
        return frames[frames.length - 1] - frames[0] != frames.length - 1;
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
        return create(id, frameInterval, frames, axes, s);
    }

    /** @return a copy of this trajectory without true states */
    public Trajectory withoutStates() {
        return states == null ? this : new Trajectory(id, frameInterval, frames, axes, null);
    }

    /**
     * @param newId the id of the copy
     * @return a copy with another id
     */
    public Trajectory withId(String newId) {
        return create(newId, frameInterval, frames, axes, states);
    }

    /**
     * @param from first point index, inclusive
     * @param to last point index, exclusive
     * @param newId id of the piece
     * @return points {@code from..to−1} as a new trajectory (states kept)
     */
    public Trajectory slice(int from, int to, String newId) {
        Objects.checkFromToIndex(from, to, frames.length);
        double[][] a = new double[dimension][];
        for (int k = 0; k < dimension; k++) {
            a[k] = Arrays.copyOfRange(axes[k], from, to);
        }
        byte[] s = states == null ? null : Arrays.copyOfRange(states, from, to);
        return create(newId, frameInterval, Arrays.copyOfRange(frames, from, to), a, s);
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
                && Arrays.deepEquals(axes, t.axes) && Arrays.equals(states, t.states);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, frameInterval, Arrays.hashCode(frames), Arrays.deepHashCode(axes),
                Arrays.hashCode(states));
    }

    @Override
    public String toString() {
        return "Trajectory[id=" + id + ", dim=" + dimension + ", points=" + frames.length + ", frames="
                + frames[0] + ".." + frames[frames.length - 1] + ", dt=" + frameInterval + " s"
                + (states != null ? ", with states" : "") + "]";
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
