package org.deepspt.io;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.deepspt.api.Trajectory;
import org.deepspt.fingerprint.FingerprintFeature;

/**
 * Per-track columns appended after a writer's own columns, saying where a track came from: {@code file} (the
 * input file's name, when several files were read together), {@code input_track} (the input track a trajectory was
 * read from, when some trajectory is a piece of one: split at gaps or a branch path; see
 * {@link ReadResult#inputId(String)}) and {@code interpolated_points} (how many of the track's points were made up
 * over missing frames, {@link Trajectory#interpolatedCount()}, when some were); and, for fingerprint tables, what a
 * fingerprint was computed with ({@link #context}). Readers of the tables written with them ({@link FingerprintCsv})
 * skip these columns as features. Immutable.
 */
public final class TrackColumns {
    /** Header of the input file column. */
    public static final String FILE = "file";
    /** Header of the input track column. */
    public static final String INPUT_TRACK = "input_track";
    /** Header of the interpolated point count column. */
    public static final String INTERPOLATED_POINTS = "interpolated_points";
    /** Header of the track's dimension column (2 or 3; {@link #context}). */
    public static final String DIMENSION = "dimension";
    /** Header of the track's frame interval column, s ({@link #context}). */
    public static final String FRAME_INTERVAL = "frame_interval_s";
    /** Header of the length unit column, {@code µm} or {@code px} ({@link #context}). */
    public static final String LENGTH_UNIT = "length_unit";
    /** Header of the segmenter column ({@link #context}). */
    public static final String SEGMENTER = "segmenter";
    /** Header of the post-processing column ({@link #context}). */
    public static final String POST_PROCESSING = "post_processing";
    /** Header of the fingerprint definition version column ({@link #context}). */
    public static final String FINGERPRINT_VERSION = "fingerprint_version";
    /** The columns of {@link #context}, in order. */
    public static final List<String> CONTEXT = List.of(DIMENSION, FRAME_INTERVAL, LENGTH_UNIT, SEGMENTER,
            POST_PROCESSING, FINGERPRINT_VERSION);
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
        Map<String, Integer> interpolatedCounts = new HashMap<>();
        if (interpolated) {
            for (Trajectory t : read.trajectories()) {
                interpolatedCounts.put(t.id(), t.interpolatedCount());
            }
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
                v.add(Integer.toString(interpolatedCounts.getOrDefault(id, 0)));
            }
            return v;
        });
    }

    /**
     * The columns that say what each track's fingerprint was computed with, so that a classifier can check a
     * fingerprint table against what it was trained on ({@link FingerprintTable#context()}): {@code dimension} (2 or
     * 3), {@code frame_interval_s} (the track's frame interval, s), {@code length_unit} ({@code µm}, or {@code px}
     * for an uncalibrated file), {@code segmenter}, {@code post_processing} and {@code fingerprint_version}
     * ({@link FingerprintFeature#DEFINITION_VERSION}).
     *
     * @param read what was read
     * @param segmenter the segmenter of the segmentation features, as the user named it (e.g. {@code unet})
     * @param postProcessing its post-processing, in words
     * @return the six columns
     */
    public static TrackColumns context(ReadResult read, String segmenter, String postProcessing) {
        Objects.requireNonNull(read, "read");
        String seg = CsvOut.text(Objects.requireNonNull(segmenter, "segmenter"));
        String post = CsvOut.text(Objects.requireNonNull(postProcessing, "postProcessing"));
        String unit = read.calibration().lengthUnit();
        String version = Integer.toString(FingerprintFeature.DEFINITION_VERSION);
        Map<String, Trajectory> byId = new HashMap<>();
        read.trajectories().forEach(t -> byId.put(t.id(), t));
        return new TrackColumns(CONTEXT, id -> {
            Trajectory t = byId.get(id);
            if (t == null) {
                throw new IllegalArgumentException("track '" + id + "' is not a track of this read");
            }
            return List.of(Integer.toString(t.dimension()), Double.toString(t.frameInterval()), unit, seg, post,
                    version);
        });
    }

    /**
     * @param more columns to append
     * @return these columns, then {@code more}'s
     */
    public TrackColumns and(TrackColumns more) {
        Objects.requireNonNull(more, "more");
        if (more.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return more;
        }
        List<String> all = new ArrayList<>(names);
        all.addAll(more.names);
        return new TrackColumns(List.copyOf(all), id -> {
            List<String> v = new ArrayList<>(values.apply(id));
            v.addAll(more.values.apply(id));
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
