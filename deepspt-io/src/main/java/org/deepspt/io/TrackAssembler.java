package org.deepspt.io;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import org.deepspt.api.InputFormatException;
import org.deepspt.api.Messages;
import org.jspecify.annotations.Nullable;

/**
 * Builds trajectories from localisations that are already in memory (columns of a table, rows of a data
 * frame) with exactly the policies of the file readers ({@link TrackReaders}; see {@code package-info}):
 * points sorted by frame, duplicate frames rejected, gaps handled by {@link ReadOptions#gapPolicy()}, NaN/∞
 * coordinates by {@link ReadOptions#nonFinitePolicy()}, short tracks by {@link ReadOptions#minLength()},
 * coordinates multiplied by {@link ReadOptions#pixelSize()} (µm/px), the frame interval from
 * {@link ReadOptions#frameInterval()} (else 1 s). The same code as the readers runs: only the parsing differs.
 *
 * <pre>{@code
 * ReadResult r = TrackAssembler.of(ReadOptions.defaults(), 2, "well A1")
 *         .add("7", 0, 1.0, 2.0).add("7", 1, 1.1, 2.0).finish();
 * }</pre>
 *
 * <p>One assembler holds one data set (a file, a group of a table, a single track): piece ids such as
 * {@code <id>.1} are made unique among the tracks it holds. The dimension is given by the caller when the
 * tracks are a part of a larger data set ({@code 2} or {@code 3}), or detected as a reader does ({@code 0}:
 * 3D when some finite z is non-zero).
 *
 * <p>Not thread-safe; {@link #finish()} once.
 */
public final class TrackAssembler {
    private final ReadOptions options;
    private final int dimension;
    private final String source;
    private final boolean error;
    private final TrackAccumulator acc;
    private boolean finished;

    private TrackAssembler(ReadOptions options, int dimension, String source) {
        this.options = options;
        this.dimension = dimension;
        this.source = source;
        this.error = options.nonFinitePolicy() == NonFinitePolicy.ERROR;
        this.acc = new TrackAccumulator(options, dimension != 2, false);
    }

    /**
     * @param options policies, pixel size (µm/px) and frame interval (s); the column and format options are
     *     not used
     * @param dimension 2 or 3 to decide the dimension of every track, 0 to detect it from the tracks
     * @param source name of the data in messages, e.g. a file or a group ("experiment=E1, well=A1")
     * @return an empty assembler
     */
    public static TrackAssembler of(ReadOptions options, int dimension, String source) {
        Objects.requireNonNull(options, "options");
        if (dimension != 0 && dimension != 2 && dimension != 3) {
            throw new IllegalArgumentException("dimension must be 0 (detect), 2 or 3, got " + dimension);
        }
        return new TrackAssembler(options, dimension, source == null ? "<table>" : source);
    }

    /**
     * Adds a 2D localisation (z = 0).
     *
     * @param particle track id (non-blank)
     * @param frame frame index
     * @param x position, pixels or µm (see {@link ReadOptions#pixelSize()})
     * @param y position, same unit as {@code x}
     * @return this
     */
    public TrackAssembler add(String particle, int frame, double x, double y) {
        return add(particle, frame, x, y, 0.0);
    }

    /**
     * Adds a localisation. A NaN/∞ coordinate (also z in 2D, as a reader checks a z column) is an
     * {@link InputFormatException} under {@link NonFinitePolicy#ERROR} and rejects the track under
     * {@link NonFinitePolicy#DROP_TRACK}.
     *
     * @param particle track id (non-blank)
     * @param frame frame index
     * @param x position, pixels or µm (see {@link ReadOptions#pixelSize()})
     * @param y position, same unit as {@code x}
     * @param z position, same unit as {@code x} (ignored when the tracks are 2D)
     * @return this
     * @throws InputFormatException for a missing track id, or a non-finite coordinate with policy ERROR
     */
    public TrackAssembler add(String particle, int frame, double x, double y, double z) {
        if (finished) {
            throw new IllegalStateException("finish() was called");
        }
        if (particle == null || particle.isBlank()) {
            throw new InputFormatException(source, 0, "particle", "missing track id (frame " + frame + ")");
        }
        TrackBuffer b = acc.track(particle);
        if (!Double.isFinite(x) || !Double.isFinite(y) || !Double.isFinite(z)) {
            String field = !Double.isFinite(x) ? "x" : !Double.isFinite(y) ? "y" : "z";
            double v = field.equals("x") ? x : field.equals("y") ? y : z;
            String what = "non-finite " + field + " = " + (Double.isNaN(v) ? "NaN (or missing)" : v);
            if (error) {
                throw new InputFormatException(source, 0, field, what + " at frame " + frame + " in track '"
                        + particle + "' (use " + ReadTerm.NON_FINITE_DROP_TRACK + " to drop such tracks)");
            }
            if (b.rejectReason == null) {
                b.rejectReason = what + " at frame " + frame;
            }
        }
        b.add(frame, x, y, z, 0);
        return this;
    }

    /**
     * Adds a 2D localisation given as table cells (a row of a data frame); see
     * {@link #addCells(String, Object, Object, Object, Object)}.
     *
     * @param particle track id (non-blank)
     * @param frame frame cell: an integer, an integral floating-point number or text
     * @param x x cell: a number or text (pixels or µm, see {@link ReadOptions#pixelSize()})
     * @param y y cell, same unit as {@code x}
     * @return this
     * @throws InputFormatException as {@link #addCells(String, Object, Object, Object, Object)}
     */
    public TrackAssembler addCells(String particle, @Nullable Object frame, @Nullable Object x, @Nullable Object y) {
        return addCells(particle, frame, x, y, 0.0);
    }

    /**
     * Adds a localisation given as table cells (a row of a data frame), parsed and checked as the file readers
     * parse and check the fields of a CSV line, so that a table and a file of the same localisations give the
     * same tracks, issues and errors:
     * <ul>
     *   <li>text goes through the CSV reader's number parser: {@code "abc"} is an error naming the value
     *       (under either {@link NonFinitePolicy}), {@code "nan"}, {@code "inf"} and an empty text are
     *       non-finite;</li>
     *   <li>a frame must be an integer with |frame| ≤ 2³¹ − 1: an integer-typed cell is range-checked (frame
     *       2³² + k is an error, never frame k), a floating-point or decimal cell must be integral
     *       ({@code 12.0}), a missing (null) frame is an error;</li>
     *   <li>a missing (null) coordinate is non-finite, as an empty CSV field: an error under
     *       {@link NonFinitePolicy#ERROR}, a REJECTED track under {@link NonFinitePolicy#DROP_TRACK};</li>
     *   <li>a cell of another type (boolean, date, bytes) is an error.</li>
     * </ul>
     * Errors are {@link InputFormatException}s whose source is this assembler's, whose field is the column
     * name ({@link ReadOptions#columns()}, else the role) and whose problem names the value, the frame (when
     * readable) and the track.
     *
     * @param particle track id (non-blank)
     * @param frame frame cell
     * @param x x cell (pixels or µm, see {@link ReadOptions#pixelSize()})
     * @param y y cell, same unit as {@code x}
     * @param z z cell, same unit as {@code x} (ignored when the tracks are 2D; a missing z is non-finite)
     * @return this
     * @throws InputFormatException for a malformed cell, or a non-finite coordinate with policy ERROR
     */
    public TrackAssembler addCells(String particle, @Nullable Object frame, @Nullable Object x, @Nullable Object y,
            @Nullable Object z) {
        if (particle == null || particle.isBlank()) {
            throw new InputFormatException(source, 0, column("particle"), "missing track id");
        }
        int f = frameCell(frame, particle, x, y);
        double vx = coordinateCell(x, "x", f, particle);
        double vy = coordinateCell(y, "y", f, particle);
        double vz = coordinateCell(z, "z", f, particle);
        if (finished) {
            throw new IllegalStateException("finish() was called");
        }
        TrackBuffer b = acc.track(particle);
        if (!Double.isFinite(vx) || !Double.isFinite(vy) || !Double.isFinite(vz)) {
            String role = !Double.isFinite(vx) ? "x" : !Double.isFinite(vy) ? "y" : "z";
            Object cell = role.equals("x") ? x : role.equals("y") ? y : z;
            String raw = cell == null ? "" : cell instanceof CharSequence t ? t.toString().trim() : cell.toString();
            String what = "non-finite " + column(role) + " = " + (raw.isEmpty() ? "(missing)" : Messages.abbreviate(raw));
            if (error) {
                throw new InputFormatException(source, 0, column(role), what + " at frame " + f + " in track "
                        + Messages.quote(particle) + " (use "
                        + ReadTerm.NON_FINITE_DROP_TRACK + " to drop such tracks)");
            }
            if (b.rejectReason == null) {
                b.rejectReason = what + " at frame " + f;
            }
        }
        b.add(f, vx, vy, vz, 0);
        return this;
    }

    private String column(String role) {
        return options.columns().getOrDefault(role, role);
    }

    /**
     * @param x the row's x cell, and {@code y} its y cell: an error names them, since a bad frame cell leaves no frame
     *     to locate the row by
     */
    private int frameCell(@Nullable Object cell, String particle, @Nullable Object x, @Nullable Object y) {
        String field = column("frame");
        try {
            if (cell instanceof Integer || cell instanceof Short || cell instanceof Byte) {
                return ((Number) cell).intValue();
            }
            if (cell instanceof Long v) {
                return Numbers.toInt(v, source, 0, field);
            }
            if (cell instanceof BigDecimal || cell instanceof BigInteger) {
                String text = cell instanceof BigDecimal d ? d.toPlainString() : cell.toString();
                return Numbers.parseInt(text, source, 0, field);
            }
            if (cell instanceof Double || cell instanceof Float) {
                return Numbers.toInt(((Number) cell).doubleValue(), source, 0, field);
            }
            if (cell instanceof CharSequence t) {
                return Numbers.parseInt(t.toString(), source, 0, field);
            }
            if (cell == null) {
                throw new InputFormatException(source, 0, field, "missing value (expected an integer)");
            }
            throw new InputFormatException(source, 0, field, Messages.quote(cell.toString()) + " is a "
                    + cell.getClass().getSimpleName() + ", not an integer");
        } catch (InputFormatException e) {
            throw new InputFormatException(source, 0, field, e.problem() + " in track " + Messages.quote(particle)
                    + " (row with " + column("x") + " = " + cellText(x) + ", " + column("y") + " = " + cellText(y)
                    + ")");
        }
    }

    private static String cellText(@Nullable Object cell) {
        String raw = cell == null ? "" : cell instanceof CharSequence t ? t.toString().trim() : cell.toString();
        return raw.isEmpty() ? "(missing)" : Messages.abbreviate(raw);
    }

    private double coordinateCell(@Nullable Object cell, String role, int frame, String particle) {
        if (cell instanceof Double d) {
            return d;
        }
        if (cell == null) {
            return Double.NaN;
        }
        if (cell instanceof Number n && !(cell instanceof BigDecimal)) {
            return n.doubleValue();
        }
        String field = column(role);
        try {
            if (cell instanceof BigDecimal d) {
                return d.doubleValue();
            }
            if (cell instanceof CharSequence t) {
                return Numbers.parseDouble(t.toString(), source, 0, field);
            }
            throw new InputFormatException(source, 0, field, Messages.quote(cell.toString()) + " is a "
                    + cell.getClass().getSimpleName() + ", not a number");
        } catch (InputFormatException e) {
            throw new InputFormatException(source, 0, field, e.problem() + " at frame " + frame + " in track "
                    + Messages.quote(particle));
        }
    }

    /**
     * Applies the policies.
     *
     * @return the trajectories (in order of first appearance of their track) and one issue per rejected or
     *     modified track, as a reader returns them
     */
    public ReadResult finish() {
        if (finished) {
            throw new IllegalStateException("finish() was called");
        }
        finished = true;
        return acc.finish(options.pixelSize(), options.frameInterval().orElse(1.0), List.of(), dimension);
    }

    /**
     * Assembles columns of equal length in one call.
     *
     * @param particles track id per localisation
     * @param frames frame index per localisation
     * @param x positions (pixels or µm)
     * @param y positions
     * @param z positions, or null for 2D data
     * @param dimension 2 or 3, or 0 to detect it
     * @param options policies, pixel size and frame interval
     * @return trajectories and issues
     */
    public static ReadResult assemble(String[] particles, int[] frames, double[] x, double[] y, double @Nullable [] z,
            int dimension, ReadOptions options) {
        int n = particles.length;
        if (frames.length != n || x.length != n || y.length != n || (z != null && z.length != n)) {
            throw new IllegalArgumentException("columns differ in length: particles " + n + ", frames "
                    + frames.length + ", x " + x.length + ", y " + y.length + (z == null ? "" : ", z " + z.length));
        }
        if (z == null && dimension == 3) {
            throw new IllegalArgumentException("dimension 3 needs a z column");
        }
        TrackAssembler a = of(options, z == null ? 2 : dimension, "<columns>");
        for (int i = 0; i < n; i++) {
            a.add(particles[i], frames[i], x[i], y[i], z == null ? 0.0 : z[i]);
        }
        return a.finish();
    }
}
