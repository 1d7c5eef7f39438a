package org.deepspt.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Per-track columns appended after a writer's own columns, saying where a track came from: {@code file} (the
 * input file's name, when several files were read together), {@code input_track} (the input track a trajectory was
 * read from, when some trajectory is a piece of one: split at gaps or a branch path; see
 * {@link ReadResult#inputId(String)}) and {@code interpolated_points} (how many of the track's points were made up
 * over missing frames, when some were). Readers of the tables written with them
 * ({@link FingerprintCsv}) skip these columns. Immutable.
 */
public final class TrackColumns {
    /** Header of the input file column. */
    public static final String FILE = "file";
    /** Header of the input track column. */
    public static final String INPUT_TRACK = "input_track";
    /** Header of the interpolated point count column. */
    public static final String INTERPOLATED_POINTS = "interpolated_points";
    /** No extra column. */
    public static final TrackColumns NONE = new TrackColumns(List.of(), id -> List.of());

    private final List<String> names;
    private final Function<String, List<String>> values;

    private TrackColumns(List<String> names, Function<String, List<String>> values) {
        this.names = names;
        this.values = values;
    }

    /**
     * The columns a read calls for: {@code file} when {@code files} is true, {@code input_track} when some
     * trajectory's id is not its input track's, {@code interpolated_points} when some trajectory has interpolated
     * points.
     *
     * @param read what was read
     * @param files whether to write the {@code file} column (several input files)
     * @return the columns
     */
    public static TrackColumns of(ReadResult read, boolean files) {
        Objects.requireNonNull(read, "read");
        boolean interpolated = read.hasInterpolatedPoints();
        boolean pieces = read.trajectories().stream().anyMatch(t -> !read.inputId(t.id()).equals(t.id()));
        List<String> names = new ArrayList<>(3);
        if (files) {
            names.add(FILE);
        }
        if (pieces) {
            names.add(INPUT_TRACK);
        }
        if (interpolated) {
            names.add(INTERPOLATED_POINTS);
        }
        if (names.isEmpty()) {
            return NONE;
        }
        return new TrackColumns(List.copyOf(names), id -> {
            TrackSource s = read.source(id);
            List<String> v = new ArrayList<>(3);
            if (files) {
                v.add(CsvOut.text(s.file()));
            }
            if (pieces) {
                v.add(CsvOut.text(read.inputId(id)));
            }
            if (interpolated) {
                v.add(Integer.toString(s.interpolatedCount()));
            }
            return v;
        });
    }

    /**
     * The columns of a fingerprint table to carry on to a table written from it (e.g. {@code classify}'s predictions):
     * {@code input_track} when some row is a piece of an input track (the table has that column and some row's input
     * track differs from its id), so the pieces keep their link to their track.
     *
     * @param table a fingerprint CSV as read
     * @return the columns; {@link #NONE} when no row is a piece
     */
    public static TrackColumns of(FingerprintTable table) {
        Objects.requireNonNull(table, "table");
        if (table.inputTracks().isEmpty()) {
            return NONE;
        }
        return new TrackColumns(List.of(INPUT_TRACK), id -> List.of(CsvOut.text(table.inputTrack(id))));
    }

    /** @return the headers, in order (unmodifiable) */
    public List<String> names() {
        return names;
    }

    /**
     * @param trackId a track of the read these columns were made for
     * @return its values, in the order of {@link #names()}, formatted for CSV
     */
    public List<String> values(String trackId) {
        return values.apply(trackId);
    }

    /** @return whether there is no column */
    public boolean isEmpty() {
        return names.isEmpty();
    }
}
