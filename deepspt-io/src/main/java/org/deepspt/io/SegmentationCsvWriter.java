package org.deepspt.io;

import java.io.Writer;
import java.nio.file.Path;
import java.util.Objects;
import org.deepspt.api.DeepSptException;
import org.deepspt.api.Reliability;
import org.deepspt.api.ReliabilityFinding;
import org.deepspt.api.Segmentation;
import org.jspecify.annotations.Nullable;

/**
 * Streams segmentations as CSV: header
 * {@code particle,frame,state,p_normal,p_directed,p_confined,p_subdiffusive,reliable,reason,segment} (and, from
 * {@link #withPoints}, {@code x,y[,z],interpolated[,spot_id][,file]}), one row per point;
 * {@code state} is the predicted (argmax) state index 0..3 ({@link org.deepspt.api.DiffusionState#index()}),
 * probabilities are written with round-trip precision. {@code reliable} and {@code reason} repeat the track's
 * {@link Reliability} verdict on each of its rows: {@code true} with an empty reason, or {@code false} with
 * the failed checks as {@code code:measured<threshold} joined by {@code ;}
 * (e.g. {@code too_short:7.0<100.0;low_snr:0.41<1.0}); both cells are empty when the segmentation carries no verdict
 * (a baseline segmenter; the per-point rows of the online segmenter, written before their track ends).
 * {@code segment} is the 0-based index of the point's segment in the track ({@link Segmentation#segments()}, the
 * {@code segment} column of segments.csv): it steps up at every change point, including a change of D inside one
 * state ({@link Segmentation#splitIndices()}), so the file keeps those; empty for the online segmenter's rows. UTF-8,
 * {@code '\n'}. Read back with {@link SegmentationCsvReader}. Not thread-safe.
 */
public final class SegmentationCsvWriter extends TableCsvWriter {
    /** The header columns, in order. */
    static final String[] HEADER = {"particle", "frame", "state", "p_normal", "p_directed", "p_confined",
        "p_subdiffusive", "reliable", "reason", "segment"};
    /** The columns every file has: the header before {@code reliable} and {@code reason} were added. */
    static final int REQUIRED_COLUMNS = 7;

    /** The id of the last row written by {@link #writeRow} and its first cell. */
    private @Nullable String lastId;
    private String lastCell = "";
    /** With point columns: the read the trajectories come from; else null. */
    private final @Nullable ReadResult read;
    private final int dimension;
    private final boolean spotIds;
    private final boolean files;

    private SegmentationCsvWriter(Writer out) {
        super(out, java.util.List.of(HEADER), "segmentation");
        this.read = null;
        this.dimension = 0;
        this.spotIds = false;
        this.files = false;
    }

    private SegmentationCsvWriter(Writer out, ReadResult read, boolean files) {
        super(out, pointHeader(read, files), "segmentation");
        this.read = read;
        this.dimension = read.dimension();
        this.spotIds = read.hasSpotIds();
        this.files = files;
    }

    private static java.util.List<String> pointHeader(ReadResult read, boolean files) {
        java.util.List<String> h = new java.util.ArrayList<>(java.util.List.of(HEADER));
        h.add("x");
        h.add("y");
        if (read.dimension() == 3) {
            h.add("z");
        }
        h.add(INTERPOLATED);
        if (read.hasSpotIds()) {
            h.add(SPOT_ID);
        }
        if (files) {
            h.add(TrackColumns.FILE);
        }
        return h;
    }

    /** Header of the column that marks points made up over missing frames (1) or measured (0). */
    public static final String INTERPOLATED = "interpolated";
    /** Header of the column with the input file's id of each point (TrackMate spot ID; empty where none). */
    public static final String SPOT_ID = "spot_id";

    /**
     * A writer whose rows also say where each point is and where it came from, so that the states can be drawn
     * back onto the image: after the probabilities and {@code reliable,reason}, {@code x,y[,z]} (the trajectory's coordinates, µm, or px for
     * an uncalibrated file: {@link Calibration#lengthUnit()}), {@value #INTERPOLATED} (1 for a point made up
     * over missing frames, else 0: the trajectory's mark, {@link org.deepspt.api.Trajectory#interpolated(int)}),
     * {@value #SPOT_ID} when the input has point ids (TrackMate XML; empty for
     * an interpolated point) and {@code file} when {@code files} is true. Write with
     * {@link #write(Segmentation, Trajectory)}. {@link SegmentationCsvReader} reads the file back (it skips these
     * columns).
     *
     * @param file created or truncated
     * @param read the read the segmented trajectories come from (for dimension, spot ids and file names)
     * @param files whether to write the {@code file} column (several input files)
     * @return the writer (close it)
     */
    public static SegmentationCsvWriter withPoints(Path file, ReadResult read, boolean files) {
        return new SegmentationCsvWriter(CsvOut.open(file), Objects.requireNonNull(read, "read"), files);
    }

    /**
     * Appends one row per point of {@code s} with the point columns of {@link #withPoints}.
     *
     * @param s the segmentation
     * @param t the trajectory it segments (same id and frames; its coordinates and interpolation marks are written)
     * @throws DeepSptException on write failure
     * @throws IllegalStateException when this writer was not opened {@link #withPoints}
     */
    public void write(Segmentation s, org.deepspt.api.Trajectory t) {
        if (read == null) {
            throw new IllegalStateException("open the writer with withPoints to write point columns");
        }
        if (t.size() != s.size()) {
            throw new IllegalArgumentException("track '" + t.id() + "' has " + t.size() + " points, its "
                    + "segmentation " + s.size());
        }
        TrackSource src = read.source(t.id());
        String fileCell = files ? "" + CsvOut.DELIMITER + firstCell(CsvOut.text(src.file())) : "";
        double[] p = s.probabilityMatrix();
        int[] states = s.stateIndices();
        String id = s.trackId();
        String cell = firstCell(CsvOut.text(id));
        String verdict = s.reliability().map(SegmentationCsvWriter::verdictCells).orElse(NO_VERDICT);
        int[] segment = segmentIndexOfEachPoint(s);
        for (int i = 0; i < s.size(); i++) {
            StringBuilder b = rowStart(cell, s.frame(i), states[i], p, 4 * i, verdict)
                    .append(CsvOut.DELIMITER).append(segment[i]);
            for (int a = 0; a < dimension; a++) {
                b.append(CsvOut.DELIMITER).append(CsvOut.number(t.coordinate(i, a)));
            }
            b.append(CsvOut.DELIMITER).append(t.interpolated(i) ? '1' : '0');
            if (spotIds) {
                long spot = src.spotId(i);
                b.append(CsvOut.DELIMITER);
                if (spot != TrackSource.NO_SPOT) {
                    b.append(spot);
                }
            }
            b.append(fileCell);
            endRow(id);
        }
    }

    /**
     * @param file created or truncated
     * @return the writer (close it)
     */
    public static SegmentationCsvWriter open(Path file) {
        return new SegmentationCsvWriter(CsvOut.open(file));
    }

    /**
     * @param out destination, closed by {@link #close()}
     * @return the writer
     */
    public static SegmentationCsvWriter open(Writer out) {
        return new SegmentationCsvWriter(Objects.requireNonNull(out, "out"));
    }

    /**
     * Appends one row per point of {@code s}.
     *
     * @param s the segmentation
     * @throws DeepSptException on write failure
     */
    public void write(Segmentation s) {
        double[] p = s.probabilityMatrix();
        int[] states = s.stateIndices();
        String id = s.trackId();
        String cell = firstCell(CsvOut.text(id));
        String verdict = s.reliability().map(SegmentationCsvWriter::verdictCells).orElse(NO_VERDICT);
        int[] segment = segmentIndexOfEachPoint(s);
        for (int i = 0; i < s.size(); i++) {
            rowStart(cell, s.frame(i), states[i], p, 4 * i, verdict).append(CsvOut.DELIMITER).append(segment[i]);
            endRow(id);
        }
    }

    /**
     * @param s a segmentation
     * @return the 0-based index of each point's segment ({@link Segmentation#segments()}), as the {@code segment}
     *     column
     */
    public static int[] segmentIndexOfEachPoint(Segmentation s) {
        int[] out = new int[s.size()];
        java.util.List<org.deepspt.api.Segment> segs = s.segments();
        for (int k = 0; k < segs.size(); k++) {
            java.util.Arrays.fill(out, segs.get(k).startIndex(), segs.get(k).endIndex() + 1, k);
        }
        return out;
    }

    private static final String NO_VERDICT = String.valueOf(CsvOut.DELIMITER);

    /** @return {@code reliable,reason} cells (without the leading delimiter) of a verdict */
    static String verdictCells(Reliability r) {
        if (r.reliable()) {
            return "true" + CsvOut.DELIMITER;
        }
        return "false" + CsvOut.DELIMITER + CsvOut.text(reasonText(r));
    }

    /**
     * @param r a verdict
     * @return the {@code reason} cell's text: the failed checks as {@code code:measured<threshold} joined by
     *     {@code ;} (e.g. {@code too_short:7.0<100.0;low_snr:0.41<1.0}), empty for a reliable track
     */
    public static String reasonText(Reliability r) {
        StringBuilder b = new StringBuilder();
        for (ReliabilityFinding f : r.reasons()) {
            b.append(b.length() == 0 ? "" : ";").append(f.reason().code()).append(':')
                    .append(CsvOut.number(f.measured())).append('<').append(CsvOut.number(f.threshold()));
        }
        return b.toString();
    }



    /** Starts a row in the row buffer: id, frame, state, the four probabilities and the verdict cells. */
    private StringBuilder rowStart(String idCell, int frame, int state, double[] p, int offset, String verdict) {
        StringBuilder b = rowBuffer();
        b.append(idCell).append(CsvOut.DELIMITER).append(frame).append(CsvOut.DELIMITER).append(state);
        for (int k = 0; k < 4; k++) {
            b.append(CsvOut.DELIMITER).append(CsvOut.number(p[offset + k]));
        }
        return b.append(CsvOut.DELIMITER).append(verdict);
    }

    /**
     * Appends one row: a single point of a particle, for writers that receive points one at a time (the
     * online segmenter's final states). The state is the argmax (ties go to the lower index, as in
     * {@link Segmentation}); {@code reliable}, {@code reason} and {@code segment} are empty (the track's verdict
     * and segments are not known while it is still arriving).
     *
     * @param particleId the particle
     * @param frame frame index
     * @param probabilities the 4 probabilities in {@link org.deepspt.api.DiffusionState} order
     * @throws DeepSptException on write failure
     */
    public void writeRow(String particleId, int frame, double[] probabilities) {
        if (probabilities.length != 4) {
            throw new IllegalArgumentException("expected 4 probabilities, got " + probabilities.length);
        }
        int best = 0;
        for (int k = 1; k < 4; k++) {
            if (probabilities[k] > probabilities[best]) {
                best = k;
            }
        }
        if (!particleId.equals(lastId)) {
            lastCell = firstCell(CsvOut.text(particleId));
            lastId = particleId;
        }
        rowStart(lastCell, frame, best, probabilities, 0, NO_VERDICT).append(CsvOut.DELIMITER);
        endRow(particleId);
    }
}
