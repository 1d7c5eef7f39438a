package org.deepspt.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deepspt.api.InvalidTrajectoryException;
import org.deepspt.api.Messages;
import org.deepspt.api.TrackIssue;
import org.deepspt.api.Trajectory;

/**
 * Collects the points of every track of one file in order of first appearance, then applies the reading
 * policies (non-finite, duplicate frames, gaps, minimum length) and builds the trajectories. Not
 * thread-safe.
 */
final class TrackAccumulator {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TrackAccumulator.class);

    private final ReadOptions options;
    private final boolean withZ;
    private final boolean withStates;
    /**
     * Longest run of missing frames that {@link GapPolicy#INTERPOLATE} fills; the track is cut at longer gaps (pieces
     * {@code <id>.1}, {@code <id>.2}, …, each filled on its own): {@link Trajectory#DEFAULT_MAX_INTERPOLATED_GAP},
     * whose documentation gives the measurements behind it.
     */
    static final int MAX_INTERPOLATED_GAP = Trajectory.DEFAULT_MAX_INTERPOLATED_GAP;
    // and at most as many made-up points as measured ones in a track or piece: filler dominates every estimate
    // (review: one spot every 1,000 frames became 1,999,001 points, 99.9 % made up)

    private final Map<String, TrackBuffer> tracks = new LinkedHashMap<>();
    /** Ids of the tracks as read: derived ids (pieces) must not take one of them. */
    private final Set<String> inputIds = new HashSet<>();
    /** The units applied, set by the reader before {@link #finish}. */
    private Calibration calibration = Calibration.UNKNOWN;

    /** Ids given to output trajectories so far. */
    private final Set<String> emitted = new HashSet<>();
    /** Input track id by output id, for trajectories written under another id (pieces, renamed). */
    private final Map<String, String> inputIdOf = new HashMap<>();

    /** Sources of the trajectories that have spot ids or interpolated points, by trajectory id. */
    private final Map<String, TrackSource> sources = new HashMap<>();
    /** The gap policy applied. */
    private final GapPolicy gapPolicy;

    TrackAccumulator(ReadOptions options, boolean withZ, boolean withStates) {
        this(options, withZ, withStates, options.gapPolicy());
    }

    /**
     * @param gapPolicy the gap policy to apply (the format's, {@link ReadOptions#gapPolicy(TrackFormat)})
     */
    TrackAccumulator(ReadOptions options, boolean withZ, boolean withStates, GapPolicy gapPolicy) {
        this.options = options;
        this.withZ = withZ;
        this.withStates = withStates;
        this.gapPolicy = gapPolicy;
    }

    /** @param c the units the reader applied, reported in the result */
    void calibration(Calibration c) {
        this.calibration = c;
    }

    /** @return the buffer of the track with this input id, created on first use */
    TrackBuffer track(String inputId) {
        TrackBuffer b = tracks.get(inputId);
        if (b == null) {
            b = new TrackBuffer(inputId, inputId, withZ, withStates);
            tracks.put(inputId, b);
        }
        return b;
    }

    /** Adds a piece (e.g. a TrackMate branch) whose output id differs from its input id. */
    TrackBuffer piece(String inputId, String pieceId) {
        TrackBuffer b = new TrackBuffer(inputId, pieceId, withZ, withStates);
        tracks.put(pieceId + '\u0000' + inputId, b);
        return b;
    }

    /** @return number of tracks (or pieces) collected so far */
    int trackCount() {
        return tracks.size();
    }

    /**
     * Applies the policies and builds the result; the buffers are released one by one.
     *
     * @param scale factor from file units to µm
     * @param frameInterval s
     * @param trailingNotes notes appended after the per-track issues
     * @return the result
     */
    ReadResult finish(double scale, double frameInterval, List<TrackIssue> trailingNotes) {
        return finish(scale, frameInterval, trailingNotes, 0);
    }

    /**
     * As {@link #finish(double, double, List)}, with the dimension decided by the caller (a data set
     * assembled in parts, where the whole data set decides 2D or 3D).
     *
     * @param dimension 2 or 3, or 0 to detect it from these tracks (3D when there are z values and some
     *     finite z is non-zero)
     */
    ReadResult finish(double scale, double frameInterval, List<TrackIssue> trailingNotes, int dimension) {
        boolean threeD = dimension == 0 ? withZ && anyNonZeroZ() : dimension == 3;
        if (dimension == 0 && threeD) {
            sparseZ().ifPresent(w -> {
                LOG.info("{}", w);   // the caller shows it: ReadResult.calibration().warnings()
                calibration = calibration.withWarning(w);
            });
        }
        if (threeD && options.pixelSizeSet()
                && calibration.spatialSource().startsWith(ReadTerm.PIXEL_SIZE.library())) {
            // readers take one pixel size: a z in pixels of another step would be scaled wrongly, silently
            String w = "3D coordinates × " + ReadTerm.PIXEL_SIZE + " " + Calibration.number(options.pixelSize())
                    + " µm/px: z is "
                    + "scaled by the same size as x and y (there is no separate z step); give z in µm, or in units "
                    + "of the xy pixel size, if its step differs";
            LOG.info("{}", w);
            calibration = calibration.withWarning(w);
        }
        for (TrackBuffer b : tracks.values()) {
            inputIds.add(b.id);
        }
        List<Trajectory> out = new ArrayList<>(tracks.size());
        List<TrackIssue> issues = new ArrayList<>();
        for (Iterator<TrackBuffer> it = tracks.values().iterator(); it.hasNext();) {
            TrackBuffer b = it.next();
            it.remove();
            issues.addAll(b.notes);
            process(b, threeD, scale, frameInterval, out, issues);
        }
        issues.addAll(trailingNotes);
        return new ReadResult(out, issues, calibration, inputIdOf, sources);
    }

    /** @return whether {@link #finish(double, double, List)} will build 3D trajectories (a z column with some finite,
     *     non-zero value) */
    boolean threeD() {
        return withZ && anyNonZeroZ();
    }

    /** Below this share of points with a finite z ≠ 0, a file read as 3D is said to be nearly flat. */
    static final double SPARSE_Z_SHARE = 0.01;

    /**
     * The rule stays "some finite z ≠ 0 → 3D"; but when fewer than {@link #SPARSE_Z_SHARE} of the points have one,
     * a stray z in a 2D file (review: one z of 0.7 among 7,000 zeros switched the file to the 3D model) is told.
     *
     * @return the warning, naming how many points have z ≠ 0 and the first of them; empty when not sparse
     */
    private java.util.Optional<String> sparseZ() {
        long total = 0;
        long nonZero = 0;
        String first = null;
        for (TrackBuffer b : tracks.values()) {
            total += b.n;
            for (int i = 0; i < b.n; i++) {
                double v = b.z[i];
                if (v != 0 && Double.isFinite(v)) {
                    nonZero++;
                    if (first == null) {
                        first = "track " + org.deepspt.api.Messages.quote(b.inputId) + " at frame " + b.frames[i]
                                + " (z " + v + ")";
                    }
                }
            }
        }
        if (nonZero >= SPARSE_Z_SHARE * total) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("read as 3D because " + nonZero + " of " + total + " points ("
                + String.format(java.util.Locale.ROOT, "%.2g", 100.0 * nonZero / total) + " %) " + (nonZero == 1 ? "has"
                : "have") + " a z other than 0, "
                + "the first in " + first + "; a 2D file with a stray z is read with the 3D model: set those z to 0 "
                + "(or drop the z column) to read it as 2D");
    }

    private boolean anyNonZeroZ() {
        for (TrackBuffer b : tracks.values()) {
            for (int i = 0; i < b.n; i++) {
                double v = b.z[i];
                if (v != 0 && Double.isFinite(v)) {
                    return true;
                }
            }
        }
        return false;
    }

    private void process(TrackBuffer b, boolean threeD, double scale, double dt, List<Trajectory> out,
            List<TrackIssue> issues) {
        String label = b.id.equals(b.inputId) ? "" : "piece '" + b.id + "' ";
        if (b.rejectReason == null && threeD && b.zRejectReason != null) {
            b.rejectReason = b.zRejectReason;   // a non-finite z counts only in a 3D data set
        }
        if (b.rejectReason != null) {
            issues.add(TrackIssue.rejected(b.inputId, label + b.rejectReason));
            return;
        }
        b.sortByFrame();
        int n = b.n;
        for (int i = 1; i < n; i++) {
            if (b.frames[i] == b.frames[i - 1]) {
                issues.add(TrackIssue.rejected(b.inputId, label + "duplicate frame " + b.frames[i]
                        + " in track " + Messages.quote(b.id)));
                return;
            }
        }
        int[] frames = Arrays.copyOf(b.frames, n);
        int dim = threeD ? 3 : 2;
        double[][] axes = new double[dim][];
        axes[0] = scaled(b.x, n, scale);
        axes[1] = scaled(b.y, n, scale);
        if (threeD) {
            axes[2] = scaled(b.z, n, scale);
        }
        byte[] states = b.states == null ? null : Arrays.copyOf(b.states, n);
        long[] spots = b.spotIds == null ? null : Arrays.copyOf(b.spotIds, n);
        b.spotIds = null;
        b.frames = null;
        b.x = null;
        b.y = null;
        b.z = null;
        b.states = null;

        long longestGap = 0;
        for (int i = 1; i < n; i++) {
            longestGap = Math.max(longestGap, (long) frames[i] - frames[i - 1] - 1);
        }
        if (longestGap == 0) {
            emit(b.inputId, b.id, label, frames, axes, states, spots, null, 0, n, dt, out, issues);
            return;
        }
        switch (gapPolicy) {
            case REJECT -> issues.add(TrackIssue.rejected(b.inputId, label + "has gaps: missing frames "
                    + missingFrames(frames, 0, n)));
            case SPLIT -> cutAtGaps(b, frames, axes, states, spots, 0, dt, out, issues);
            case INTERPOLATE -> {
                if (longestGap <= MAX_INTERPOLATED_GAP) {
                    interpolate(b.inputId, b.id, label, frames, axes, states, spots, 0, n, dt, out, issues);
                } else {
                    // a longer gap is a cut: the pieces between such gaps are filled on their own
                    cutAtGaps(b, frames, axes, states, spots, MAX_INTERPOLATED_GAP, dt, out, issues);
                }
            }
            default -> throw new IllegalStateException("unknown gap policy " + gapPolicy);
        }
    }

    /**
     * Cuts a track at every gap of more than {@code keep} missing frames into pieces {@code <id>.1}, {@code <id>.2},
     * … (MODIFIED, naming each piece's frames and the track's missing frames), each filled over its own shorter gaps
     * ({@link #interpolate}; nothing to fill with {@code keep} 0, the SPLIT policy).
     */
    private void cutAtGaps(TrackBuffer b, int[] frames, double[][] axes, byte[] states, long[] spots, int keep,
            double dt, List<Trajectory> out, List<TrackIssue> issues) {
        int n = frames.length;
        String missing = missingFrames(frames, 0, n);
        String cut = keep == 0 ? "split at gaps" : "split at gaps of more than " + keep + " frames";
        int start = 0;
        int k = 0;
        for (int i = 1; i <= n; i++) {
            if (i == n || (long) frames[i] - frames[i - 1] - 1 > keep) {
                k++;
                String wanted = b.id + "." + k;
                String pid = derivedId(wanted);
                issues.add(TrackIssue.modified(b.inputId, cut + " into piece '" + pid + "' (frames "
                        + range(frames[start], frames[i - 1]) + "); missing frames " + missing
                        + (pid.equals(wanted) ? "" : "; '" + wanted + "' is the id of another track")));
                interpolate(b.inputId, pid, "piece '" + pid + "' ", frames, axes, states, spots, start, i, dt, out,
                        issues);
                start = i;
            }
        }
    }

    /**
     * Fills the gaps of points {@code from..to−1} (each at most {@link #MAX_INTERPOLATED_GAP} frames) by linear
     * interpolation ({@link Trajectory#withGapsInterpolated(int)}) and emits them as trajectory {@code id}, the made-up
     * points marked and without a spot id; REJECTED when it would hold more made-up points than measured ones.
     */
    private void interpolate(String inputId, String id, String label, int[] frames, double[][] axes, byte[] states,
            long[] spots, int from, int to, double dt, List<Trajectory> out, List<TrackIssue> issues) {
        int n = to - from;
        int dim = axes.length;
        long missingCount = (long) frames[to - 1] - frames[from] + 1 - n;
        if (missingCount == 0) {
            emit(inputId, id, label, frames, axes, states, spots, null, from, to, dt, out, issues);
            return;
        }
        if (missingCount > n) {
            issues.add(TrackIssue.rejected(inputId, label + "has " + missingCount + " missing frames for " + n
                    + " points; interpolation makes up at most as many points as were measured (use the SPLIT gap "
                    + "policy)"));
            return;
        }
        Trajectory filled;
        try {
            filled = build(id, dt, frames, axes, states, from, to).withGapsInterpolated(MAX_INTERPOLATED_GAP);
        } catch (InvalidTrajectoryException e) {
            issues.add(TrackIssue.rejected(inputId, label + e.getMessage()));
            return;
        }
        int m = filled.size();
        double[][] a = new double[dim][];
        for (int d = 0; d < dim; d++) {
            a[d] = filled.axis(d);
        }
        byte[] s = null;
        if (states != null) {
            int[] si = filled.stateIndices();
            s = new byte[m];
            for (int j = 0; j < m; j++) {
                s[j] = (byte) si[j];
            }
        }
        long[] ids = spots == null ? null : new long[m];
        java.util.BitSet made = new java.util.BitSet(m);
        for (int j = 0, i = from; j < m; j++) {
            if (filled.interpolated(j)) {
                made.set(j);
                if (ids != null) {
                    ids[j] = TrackSource.NO_SPOT;
                }
            } else if (ids != null) {
                ids[j] = spots[i++];
            }
        }
        issues.add(TrackIssue.modified(inputId, label + "interpolated " + missingCount + " missing frame"
                + (missingCount == 1 ? "" : "s") + ": " + missingFrames(frames, from, to)));
        emit(inputId, id, label, filled.frames(), a, s, ids, made, 0, m, dt, out, issues);
    }

    /** @return the missing frames between points from..to−1, as ranges ({@code 2..3, 6}; the first 20 gaps, then …) */
    private static String missingFrames(int[] frames, int from, int to) {
        StringBuilder missing = new StringBuilder();
        int gaps = 0;
        for (int i = from + 1; i < to; i++) {
            if ((long) frames[i] - frames[i - 1] > 1) {
                if (gaps++ > 0) {
                    missing.append(", ");
                }
                if (gaps <= 20) {
                    missing.append(range(frames[i - 1] + 1, frames[i] - 1));
                } else if (gaps == 21) {
                    missing.append("…");
                    break;
                }
            }
        }
        return missing.toString();
    }

    private void emit(String inputId, String id, String label, int[] frames, double[][] axes, byte[] states,
            long[] spots, java.util.BitSet made, int from, int to, double dt, List<Trajectory> out,
            List<TrackIssue> issues) {
        int len = to - from;
        if (!emitted.add(id)) {
            String unique = derivedId(id);
            emitted.add(unique);
            issues.add(TrackIssue.modified(inputId, label + "written as '" + unique + "': id '" + id
                    + "' is taken by another track"));
            id = unique;
        }
        if (len < options.minLength()) {
            issues.add(TrackIssue.rejected(inputId, label + "has " + len + " point" + (len == 1 ? "" : "s")
                    + "; minimum is " + options.minLength()));
            return;
        }
        try {
            Trajectory t = build(id, dt, frames, axes, states, from, to);
            if (made != null && !made.isEmpty()) {
                t = t.withInterpolated(made.get(from, to));
            }
            out.add(t);
            if (spots != null || (made != null && !made.isEmpty())) {
                // the interpolated points are marked on the trajectory (above) and nowhere else
                sources.put(id, TrackSource.of("", inputId,
                        spots == null ? null : Arrays.copyOfRange(spots, from, to)));
            }
            if (!id.equals(inputId)) {
                inputIdOf.put(id, inputId);
            }
        } catch (InvalidTrajectoryException e) {
            issues.add(TrackIssue.rejected(inputId, label + e.getMessage()));
        }
    }

    /** @return points {@code from..to−1} as a trajectory, with their true states when there are any */
    private static Trajectory build(String id, double dt, int[] frames, double[][] axes, byte[] states, int from,
            int to) {
        int[] f = Arrays.copyOfRange(frames, from, to);
        double[] x = Arrays.copyOfRange(axes[0], from, to);
        double[] y = Arrays.copyOfRange(axes[1], from, to);
        Trajectory t = axes.length == 3
                ? Trajectory.of(id, dt, f, x, y, Arrays.copyOfRange(axes[2], from, to))
                : Trajectory.of(id, dt, f, x, y);
        if (states != null) {
            int[] s = new int[to - from];
            for (int i = 0; i < s.length; i++) {
                s[i] = states[from + i];
            }
            t = t.withStates(s);
        }
        return t;
    }

    /**
     * @param wanted a derived id (a piece of a track)
     * @return {@code wanted}, or {@code wanted~2}, {@code wanted~3}, … when it is the id of a track read or
     *     of a trajectory already written
     */
    private String derivedId(String wanted) {
        String id = wanted;
        for (int k = 2; inputIds.contains(id) || emitted.contains(id); k++) {
            id = wanted + "~" + k;
        }
        return id;
    }

    private static double[] scaled(double[] v, int n, double scale) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = v[i] * scale;
        }
        return out;
    }

    static String range(int from, int to) {
        return from == to ? Integer.toString(from) : from + ".." + to;
    }
}
