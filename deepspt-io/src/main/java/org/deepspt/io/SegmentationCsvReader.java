package org.deepspt.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.deepspt.api.InputFormatException;
import org.deepspt.api.InvalidTrajectoryException;
import org.deepspt.api.Reliability;
import org.deepspt.api.ReliabilityFinding;
import org.deepspt.api.Segmentation;
import org.deepspt.api.UnreliableReason;
import org.jspecify.annotations.Nullable;

/**
 * Reads the CSV written by {@link SegmentationCsvWriter} back into segmentations, one per particle in order
 * of first appearance. Rows of a particle need not be contiguous but their frames must strictly increase.
 * Every row's probabilities must be finite, ≥ 0 and sum to 1 within 1e-3, and its {@code state} must be a
 * most probable state of the row. Errors are {@link InputFormatException}s naming line and field.
 *
 * <p>The columns {@code reliable} and {@code reason} are optional (files written before they existed have
 * neither): when present, every row of a track carries the same cells, and a non-empty verdict is attached to
 * the track's segmentation ({@link Segmentation#reliability()}).
 *
 * <p>The column {@code segment} is optional too (files written before it existed, the online segmenter's rows): when
 * a track's cells are numbers, they must start at 0 and step up by 1 exactly where a new segment starts; a step
 * where the state stays the same is a {@link Segmentation#withSplits split} (a change of D within a class) and is
 * restored; a change of state without a step is an error. A track's cells are all numbers or all empty.
 *
 * <p>Thread-safe (stateless).
 */
public final class SegmentationCsvReader {
    private static final double SUM_TOLERANCE = 1e-3;

    private SegmentationCsvReader() {
    }

    /**
     * @param file the CSV file (UTF-8, BOM tolerated)
     * @return the segmentations (unmodifiable)
     * @throws InputFormatException naming line and field on malformed content
     */
    public static List<Segmentation> read(Path file) {
        return TrackReaders.readText(file, SegmentationCsvReader::read);
    }

    /**
     * @param in the CSV text; not closed
     * @param sourceName name used in messages
     * @return the segmentations (unmodifiable)
     */
    public static List<Segmentation> read(Reader in, String sourceName) {
        String source = sourceName == null ? "<input>" : sourceName;
        BufferedReader br = new BufferedReader(in, 1 << 16);
        try {
            CsvTrackReader.skipBom(br);
            CSVParser parser = CsvRecordLines.FORMAT.parse(br);
            return parse(parser, source);
        } catch (IOException e) {
            throw TrackReaders.cannotRead(source, e);
        } catch (UncheckedIOException e) {
            throw ReadFailures.of(source, e);
        }
    }

    /** Growable rows of one particle. */
    private static final class Rows {
        final long firstLine;
        int n;
        int[] frames = new int[16];
        double[] p = new double[64];

        String verdictCells = "";
        @Nullable Reliability verdict;
        /** Segment index of every row, or null while the track's cells are empty. */
        int @Nullable [] segment;
        int[] splits = new int[0];
        int splitCount;

        Rows(long firstLine) {
            this.firstLine = firstLine;
        }
    }

    private static List<Segmentation> parse(CSVParser parser, String source) {
        Iterator<CSVRecord> it = parser.iterator();
        CsvRecordLines lines = new CsvRecordLines(parser);
        CSVRecord head = null;
        while (head == null && it.hasNext()) {
            CSVRecord rec = it.next();
            lines.next();
            head = CsvRecordLines.isBlank(rec) ? null : rec;
        }
        if (head == null) {
            throw new InputFormatException(source, 1, "particle", "empty file: no header row; expected "
                    + String.join(",", SegmentationCsvWriter.HEADER));
        }
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < head.size(); i++) {
            index.putIfAbsent(head.get(i).trim().toLowerCase(Locale.ROOT), i);
        }
        int[] col = new int[SegmentationCsvWriter.REQUIRED_COLUMNS];
        for (int c = 0; c < col.length; c++) {
            Integer i = index.get(SegmentationCsvWriter.HEADER[c]);
            if (i == null) {
                throw new InputFormatException(source, 1, SegmentationCsvWriter.HEADER[c], "missing required column '"
                        + SegmentationCsvWriter.HEADER[c] + "'");
            }
            col[c] = i;
        }
        Integer reliableCol = index.get("reliable");
        Integer reasonCol = index.get("reason");
        if ((reliableCol == null) != (reasonCol == null)) {
            throw new InputFormatException(source, 1, reliableCol == null ? "reliable" : "reason",
                    "columns 'reliable' and 'reason' come together; only one of them is present");
        }
        Integer segmentCol = index.get("segment");
        int needed = Math.max(Arrays.stream(col).max().orElse(0), reliableCol == null ? 0
                : Math.max(reliableCol, reasonCol));
        if (segmentCol != null) {
            needed = Math.max(needed, segmentCol);
        }
        Map<String, Rows> tracks = new LinkedHashMap<>();
        double[] row = new double[4];
        while (it.hasNext()) {
            CSVRecord rec = it.next();
            long line = lines.next();
            if (CsvRecordLines.isBlank(rec)) {
                continue;
            }
            if (rec.size() <= needed) {
                throw new InputFormatException(source, line, null, "row has " + rec.size() + " fields, expected "
                        + head.size());
            }
            String id = CsvOut.untext(rec.get(col[0]).trim());
            if (id.isEmpty()) {
                throw new InputFormatException(source, line, "particle", "missing track id");
            }
            int frame = Numbers.parseInt(rec.get(col[1]), source, line, "frame");
            int state = Numbers.parseInt(rec.get(col[2]), source, line, "state");
            if (state < 0 || state > 3) {
                throw new InputFormatException(source, line, "state", "state " + state + " is not 0..3");
            }
            double sum = 0;
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < 4; k++) {
                String name = SegmentationCsvWriter.HEADER[3 + k];
                double v = Numbers.parseDouble(rec.get(col[3 + k]), source, line, name);
                if (!(v >= 0) || Double.isInfinite(v)) {
                    throw new InputFormatException(source, line, name, "probability " + rec.get(col[3 + k])
                            + " is not a finite value >= 0");
                }
                row[k] = v;
                sum += v;
                max = Math.max(max, v);
            }
            if (Math.abs(sum - 1) > SUM_TOLERANCE) {
                throw new InputFormatException(source, line, "p_normal", "probabilities sum to " + sum + ", not 1");
            }
            if (row[state] != max) {
                throw new InputFormatException(source, line, "state", "state " + state
                        + " is not the most probable state of the row");
            }
            Rows r = tracks.computeIfAbsent(id, k -> new Rows(line));
            if (reliableCol != null) {
                String cells = rec.get(reliableCol).trim() + "," + rec.get(reasonCol).trim();
                if (r.n == 0) {
                    r.verdictCells = cells;
                    r.verdict = verdict(rec.get(reliableCol).trim(), rec.get(reasonCol).trim(), source, line);
                } else if (!cells.equals(r.verdictCells)) {
                    throw new InputFormatException(source, line, "reliable", "track '" + id + "' has reliable,reason '"
                            + cells + "' here but '" + r.verdictCells + "' on line " + r.firstLine
                            + " (a track has one verdict)");
                }
            }
            if (r.n > 0 && frame <= r.frames[r.n - 1]) {
                throw new InputFormatException(source, line, "frame", "frame " + frame + " of track '" + id
                        + "' does not follow frame " + r.frames[r.n - 1]);
            }
            if (r.n == r.frames.length) {
                r.frames = Arrays.copyOf(r.frames, 2 * r.n);
                r.p = Arrays.copyOf(r.p, 8 * r.n);
            }
            if (segmentCol != null) {
                segmentCell(r, rec.get(segmentCol).trim(), state, id, source, line);
            }
            r.frames[r.n] = frame;
            System.arraycopy(row, 0, r.p, 4 * r.n, 4);
            r.n++;
        }
        List<Segmentation> out = new ArrayList<>(tracks.size());
        for (Map.Entry<String, Rows> e : tracks.entrySet()) {
            Rows r = e.getValue();
            try {
                Segmentation seg = Segmentation.ofFlat(e.getKey(), Arrays.copyOf(r.frames, r.n),
                        Arrays.copyOf(r.p, 4 * r.n));
                if (r.splitCount > 0) {
                    seg = seg.withSplits(Arrays.copyOf(r.splits, r.splitCount));
                }
                out.add(r.verdict == null ? seg : seg.withReliability(r.verdict));
            } catch (InvalidTrajectoryException ex) {
                throw new InputFormatException(source, r.firstLine, null, String.valueOf(ex.getMessage()), ex);
            }
        }
        return List.copyOf(out);
    }

    /**
     * Checks the {@code segment} cell of the row about to be added as row {@code r.n} and records a split where the
     * segment index steps up without a change of state.
     */
    private static void segmentCell(Rows r, String cell, int state, String id, String source, long line) {
        boolean empty = cell.isEmpty();
        if (r.n > 0 && empty != (r.segment == null)) {
            throw new InputFormatException(source, line, "segment", "track '" + id + "' has "
                    + (empty ? "an empty segment cell here but numbers" : "a segment number here but empty cells")
                    + " from line " + r.firstLine + " (all or none)");
        }
        if (empty) {
            return;
        }
        int k = Numbers.parseInt(cell, source, line, "segment");
        if (r.n == 0) {
            if (k != 0) {
                throw new InputFormatException(source, line, "segment", "the first segment of track '" + id
                        + "' is " + k + ", not 0");
            }
            r.segment = new int[r.frames.length];
        } else {
            if (r.segment.length < r.frames.length) {
                r.segment = Arrays.copyOf(r.segment, r.frames.length);
            }
            int prev = r.segment[r.n - 1];
            int prevState = stateOf(r.p, r.n - 1);
            boolean stateChanges = state != prevState;
            if (k != prev && k != prev + 1 || stateChanges && k == prev) {
                throw new InputFormatException(source, line, "segment", "segment " + k + " of track '" + id
                        + "' after segment " + prev + (stateChanges ? " with a change of state (expected "
                        + (prev + 1) + ")" : " (expected " + prev + " or " + (prev + 1) + ")"));
            }
            if (k == prev + 1 && !stateChanges) {
                if (r.splitCount == r.splits.length) {
                    r.splits = Arrays.copyOf(r.splits, Math.max(4, 2 * r.splitCount));
                }
                r.splits[r.splitCount++] = r.n;
            }
        }
        r.segment[r.n] = k;
    }

    /** @return the most probable state (ties to the lower index) of row i of a row-major n × 4 matrix */
    private static int stateOf(double[] p, int i) {
        int best = 0;
        for (int k = 1; k < 4; k++) {
            if (p[4 * i + k] > p[4 * i + best]) {
                best = k;
            }
        }
        return best;
    }

    /**
     * @return the verdict of the cells {@code reliable} ({@code true}, {@code false} or empty) and {@code reason}
     *     ({@code code:measured<threshold} joined by {@code ;}), or null when both are empty
     */
    private static @Nullable Reliability verdict(String reliable, String reason, String source, long line) {
        switch (reliable.toLowerCase(Locale.ROOT)) {
            case "" -> {
                if (!reason.isEmpty()) {
                    throw new InputFormatException(source, line, "reason", "reason '" + reason
                            + "' without a reliable value");
                }
                return null;
            }
            case "true" -> {
                if (!reason.isEmpty()) {
                    throw new InputFormatException(source, line, "reason", "a reliable track has no reason, got '"
                            + reason + "'");
                }
                return Reliability.passed();
            }
            case "false" -> {
                if (reason.isEmpty()) {
                    throw new InputFormatException(source, line, "reason", "an unreliable track needs a reason");
                }
                List<ReliabilityFinding> findings = new ArrayList<>();
                for (String item : reason.split(";", -1)) {
                    findings.add(finding(item.trim(), source, line));
                }
                try {
                    return Reliability.of(findings);
                } catch (IllegalArgumentException e) {
                    throw new InputFormatException(source, line, "reason", String.valueOf(e.getMessage()), e);
                }
            }
            default -> throw new InputFormatException(source, line, "reliable", "'" + reliable
                    + "' is not true, false or empty");
        }
    }

    private static ReliabilityFinding finding(String item, String source, long line) {
        int colon = item.indexOf(':');
        int lt = item.indexOf('<');
        if (colon < 1 || lt < colon) {
            throw new InputFormatException(source, line, "reason", "'" + item
                    + "' is not code:measured<threshold (e.g. too_short:7<100)");
        }
        try {
            UnreliableReason code = UnreliableReason.ofCode(item.substring(0, colon));
            double measured = Numbers.parseDouble(item.substring(colon + 1, lt), source, line, "reason");
            double threshold = Numbers.parseDouble(item.substring(lt + 1), source, line, "reason");
            return new ReliabilityFinding(code, measured, threshold);
        } catch (IllegalArgumentException e) {
            throw new InputFormatException(source, line, "reason", "'" + item + "': " + e.getMessage(), e);
        }
    }
}
