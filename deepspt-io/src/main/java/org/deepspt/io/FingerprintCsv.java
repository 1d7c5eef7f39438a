package org.deepspt.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.deepspt.api.Fingerprint;
import org.deepspt.api.InputFormatException;
import org.deepspt.api.Messages;
import org.deepspt.fingerprint.FingerprintContext;
import org.deepspt.fingerprint.FingerprintFeature;
import org.deepspt.msd.MsdFitBound;
import org.deepspt.api.FitStatus;
import org.deepspt.msd.MsdFitter;

/**
 * Fingerprint tables as CSV: header {@code particle,<feature name>,…[,msd_fit_at_bound]}, one row per track,
 * UTF-8, '\n' line ends, RFC 4180 quoting where needed.
 *
 * <p>Values are written with {@link Double#toString} (round-trips exactly; NaN as {@code NaN}). Reading
 * accepts any decimal Java parses, {@code NaN} (any case), an empty cell (→ NaN) and {@code Infinity}. The
 * feature columns must be distinct known {@link FingerprintFeature} names; the particle ids distinct and
 * non-empty. Any other column than those below is an error naming it (and the nearest feature name, when one is
 * close): a metadata column such as {@code condition} is refused rather than skipped, because a skipped column
 * could as well be a misspelt feature (labels go in a separate file, {@link TrackLabels}).
 *
 * <p>The column {@value #MSD_FIT_AT_BOUND_COLUMN} ({@link FingerprintCsvWriter} appends it when the table
 * has {@code alpha} and {@code diffusion_coefficient}) flags tracks whose MSD fit ended on a bound
 * ({@link MsdFitBound#label()}). It is not a feature: reading checks each cell is one of {@code none},
 * {@code D}, {@code alpha}, {@code D+alpha} and leaves it out of the {@link Fingerprint}s (it follows from
 * α and D and the fitter's bounds: {@link MsdFitter#boundOf(double, double)}). The column
 * {@value #MSD_FIT_STATUS_COLUMN} that follows it says whether α and D are estimates ({@link FitStatus}:
 * {@code ok}, {@code at_bound}, {@code undetermined}, {@code not_converged}, {@code no_motion},
 * {@code too_few_lags}; see {@link FingerprintCsvWriter}); it is checked and left out the same way. Tables without them (written before they existed) read as before.
 *
 * <p>The columns of {@link TrackColumns#context} ({@code dimension}, {@code frame_interval_s}, {@code length_unit},
 * {@code segmenter}, {@code post_processing}, {@code fingerprint_version}) say what the fingerprints were computed
 * with; reading checks them and gathers them into {@link FingerprintTable#context()}. Every row must agree on all
 * but the frame interval (one table is one run of one segmenter on tracks of one dimension and unit); a row that
 * differs is an {@link InputFormatException} naming its line and column. Tables without them read as before, with an
 * unknown context.
 */
public final class FingerprintCsv {
    /** Header of the id column. */
    public static final String ID_COLUMN = "particle";
    /** Header of the optional MSD-fit bound flag column (not a feature). */
    public static final String MSD_FIT_AT_BOUND_COLUMN = "msd_fit_at_bound";
    /** Header of the optional MSD-fit status column ({@link FitStatus#label()}; not a feature). */
    public static final String MSD_FIT_STATUS_COLUMN = "msd_fit_status";
    /** The per-track columns of {@link TrackColumns}: where a track came from, not features. */
    private static final Set<String> TRACK_COLUMNS = Set.of(TrackColumns.FILE, TrackColumns.INPUT_TRACK,
            TrackColumns.INTERPOLATED_POINTS, TrackColumns.DIMENSION, TrackColumns.FRAME_INTERVAL,
            TrackColumns.LENGTH_UNIT, TrackColumns.SEGMENTER, TrackColumns.POST_PROCESSING,
            TrackColumns.FINGERPRINT_VERSION);
    private static final CSVFormat READ = CsvRecordLines.FORMAT;

    private FingerprintCsv() {
    }

    /** Headers (lower case) that make a table a track file, never a fingerprint table. */
    private static final Set<String> TRACK_FILE_COLUMNS = Set.of("x", "y", "frame");

    /**
     * Cheap check of the first line: true when its first column is {@code particle} and it is a fingerprint
     * table's header ({@link #isFingerprintHeader}).
     *
     * @param file a file
     * @return whether it looks like a fingerprint table
     */
    public static boolean isFingerprintCsv(Path file) {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = r.readLine();
            if (first == null) {
                return false;
            }
            if (first.startsWith("\uFEFF")) {
                first = first.substring(1);
            }
            return isFingerprintHeader(java.util.Arrays.stream(first.split(",", -1)).map(String::trim).toList());
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    /**
     * Whether a CSV header is a fingerprint table's: its first column is {@code particle} (any case) and either
     * <ul>
     *   <li>every further column is a fingerprint feature name (at least one) or one of the columns that are no
     *       features ({@value #MSD_FIT_AT_BOUND_COLUMN}, {@value #MSD_FIT_STATUS_COLUMN}, the {@link TrackColumns}),
     *       or</li>
     *   <li>some columns are unknown (a misspelt feature such as {@code alpah}, or metadata such as
     *       {@code condition}), but there is no track file column ({@code x}, {@code y}, {@code frame}, any case)
     *       and the feature names are a majority of the {@value FingerprintFeature#COUNT} fingerprint features or of
     *       the {@value FingerprintFeature#TRACK_FEATURE_COUNT} track features: reading it then names the unknown
     *       column (review: one unknown column made a fingerprint table a track file that "cannot be detected").</li>
     * </ul>
     *
     * @param columns the header's cells, in order
     * @return whether it is a fingerprint table's header
     */
    public static boolean isFingerprintHeader(List<String> columns) {
        if (columns.size() < 2 || !columns.get(0).equalsIgnoreCase(ID_COLUMN)) {
            return false;
        }
        Set<String> known = new HashSet<>(FingerprintFeature.allNames());
        Set<String> track = new HashSet<>(FingerprintFeature.trackNames());
        int features = 0;
        int trackFeatures = 0;
        boolean unknown = false;
        for (String c : columns.subList(1, columns.size())) {
            if (known.contains(c)) {
                features++;
                trackFeatures += track.contains(c) ? 1 : 0;
            } else if (TRACK_FILE_COLUMNS.contains(c.toLowerCase(java.util.Locale.ROOT))) {
                return false;
            } else if (!c.equals(MSD_FIT_AT_BOUND_COLUMN) && !c.equals(MSD_FIT_STATUS_COLUMN)
                    && !TRACK_COLUMNS.contains(c)) {
                unknown = true;
            }
        }
        return features > 0 && (!unknown || features > FingerprintFeature.COUNT / 2
                || trackFeatures > FingerprintFeature.TRACK_FEATURE_COUNT / 2);
    }

    /**
     * @param file a fingerprint CSV
     * @return fingerprints in file order (unmodifiable)
     * @throws InputFormatException naming file, line and column on a bad header or value
     */
    public static List<Fingerprint> read(Path file) {
        return readTable(file).fingerprints();
    }

    /**
     * @param file a fingerprint CSV
     * @return its fingerprints with the input track of every piece ({@value TrackColumns#INPUT_TRACK} column)
     * @throws InputFormatException naming file, line and column on a bad header or value
     */
    public static FingerprintTable readTable(Path file) {
        try (Reader in = new BufferedReader(TrackReaders.utf8(Files.newInputStream(file)))) {
            return readTable(in, file.toString());
        } catch (IOException e) {
            throw ReadFailures.of(file.toString(), e);
        }
    }

    /**
     * @param in CSV text
     * @param source name for error messages
     * @return fingerprints in input order (unmodifiable)
     */
    public static List<Fingerprint> read(Reader in, String source) {
        return readTable(in, source).fingerprints();
    }

    /**
     * @param in CSV text
     * @param source name for error messages
     * @return its fingerprints with the input track of every piece
     */
    public static FingerprintTable readTable(Reader in, String source) {
        try (CSVParser p = CSVParser.builder().setReader(in).setFormat(READ).get()) {
            List<String> header = null;
            List<String> names = null;
            int[] featureColumn = null;
            int flagColumn = -1;
            int statusColumn = -1;
            int inputColumn = -1;
            Map<String, Integer> contextColumns = new HashMap<>();
            ContextReader context = new ContextReader(source);
            Map<String, String> inputTracks = new HashMap<>();
            Set<String> ids = new HashSet<>();
            List<Fingerprint> out = new ArrayList<>();
            Set<String> known = new HashSet<>(FingerprintFeature.allNames());
            CsvRecordLines lines = new CsvRecordLines(p);
            for (CSVRecord rec : p) {
                long line = lines.next();
                if (CsvRecordLines.isBlank(rec)) {
                    continue;
                }
                if (header == null) {
                    header = rec.toList();
                    if (!header.isEmpty() && header.get(0).startsWith("\uFEFF")) {
                        header.set(0, header.get(0).substring(1));
                    }
                    if (header.size() < 2 || !header.get(0).equalsIgnoreCase(ID_COLUMN)) {
                        throw new InputFormatException(source, line, header.isEmpty() ? null : header.get(0),
                                "a fingerprint table starts with column 'particle' followed by feature names");
                    }
                    names = new ArrayList<>();
                    List<Integer> columns = new ArrayList<>();
                    Set<String> seen = new HashSet<>();
                    for (int c = 1; c < header.size(); c++) {
                        String n = header.get(c);
                        if (!seen.add(n)) {
                            throw new InputFormatException(source, line, n, "column repeats");
                        }
                        if (n.equals(MSD_FIT_AT_BOUND_COLUMN)) {
                            flagColumn = c;
                            continue;
                        }
                        if (n.equals(MSD_FIT_STATUS_COLUMN)) {
                            statusColumn = c;
                            continue;
                        }
                        if (n.equals(TrackColumns.INPUT_TRACK)) {
                            inputColumn = c;
                            continue;
                        }
                        if (TrackColumns.CONTEXT.contains(n)) {
                            contextColumns.put(n, c);
                            continue;
                        }
                        if (TRACK_COLUMNS.contains(n)) {
                            continue;   // where the track came from, not a feature
                        }
                        if (!known.contains(n)) {
                            throw new InputFormatException(source, line, n, unknownColumn(n));
                        }
                        names.add(n);
                        columns.add(c);
                    }
                    if (names.isEmpty()) {
                        throw new InputFormatException(source, line, null, "no fingerprint feature column");
                    }
                    names = List.copyOf(names);
                    featureColumn = columns.stream().mapToInt(Integer::intValue).toArray();
                    continue;
                }
                if (rec.size() != header.size()) {
                    throw new InputFormatException(source, line, null, "expected " + header.size()
                            + " columns, got " + rec.size());
                }
                String id = CsvOut.untext(rec.get(0));   // as FingerprintCsvWriter guarded it
                if (id.isEmpty()) {
                    throw new InputFormatException(source, line, ID_COLUMN, "empty particle id");
                }
                if (!ids.add(id)) {
                    throw new InputFormatException(source, line, ID_COLUMN, "particle " + Messages.quote(id)
                            + " repeats");
                }
                double[] v = new double[names.size()];
                for (int j = 0; j < v.length; j++) {
                    v[j] = parse(rec.get(featureColumn[j]), source, line, names.get(j));
                }
                if (flagColumn >= 0) {
                    try {
                        MsdFitBound.ofLabel(rec.get(flagColumn));
                    } catch (IllegalArgumentException e) {
                        throw new InputFormatException(source, line, MSD_FIT_AT_BOUND_COLUMN,
                                String.valueOf(e.getMessage()));
                    }
                }
                if (statusColumn >= 0) {
                    try {
                        FitStatus.ofLabel(rec.get(statusColumn));
                    } catch (IllegalArgumentException e) {
                        throw new InputFormatException(source, line, MSD_FIT_STATUS_COLUMN,
                                String.valueOf(e.getMessage()));
                    }
                }
                if (inputColumn >= 0) {
                    String input = rec.get(inputColumn);
                    if (input.isEmpty()) {
                        throw new InputFormatException(source, line, TrackColumns.INPUT_TRACK, "empty input track");
                    }
                    if (!input.equals(id)) {
                        inputTracks.put(id, input);
                    }
                }
                for (Map.Entry<String, Integer> c : contextColumns.entrySet()) {
                    context.add(c.getKey(), CsvOut.untext(rec.get(c.getValue())), line);
                }
                out.add(Fingerprint.of(id, names, v));
            }
            if (header == null) {
                throw new InputFormatException(source, 0, null, "empty file: no header");
            }
            return new FingerprintTable(out, inputTracks, context.context());
        } catch (IOException e) {
            throw ReadFailures.of(source, e);
        } catch (UncheckedIOException e) {
            throw ReadFailures.of(source, e);
        }
    }

    /** Gathers the context columns of the rows; every row must agree on all but the frame interval. */
    private static final class ContextReader {
        private final String source;
        private final Map<String, String> first = new HashMap<>();
        private final Map<String, Long> firstLine = new HashMap<>();
        private final java.util.TreeSet<Double> intervals = new java.util.TreeSet<>();

        ContextReader(String source) {
            this.source = source;
        }

        void add(String column, String value, long line) {
            if (value.isEmpty()) {
                throw new InputFormatException(source, line, column, "empty");
            }
            switch (column) {
                case TrackColumns.FRAME_INTERVAL -> {
                    double dt = parse(value, source, line, column);
                    if (!(dt > 0) || Double.isInfinite(dt)) {
                        throw new InputFormatException(source, line, column, "not a frame interval > 0 s: "
                                + Messages.quote(value));
                    }
                    intervals.add(dt);
                    return;
                }
                case TrackColumns.DIMENSION -> {
                    if (!value.equals("2") && !value.equals("3")) {
                        throw new InputFormatException(source, line, column, "expected 2 or 3, got "
                                + Messages.quote(value));
                    }
                }
                case TrackColumns.FINGERPRINT_VERSION -> {
                    if (!value.matches("[1-9][0-9]{0,8}")) {
                        throw new InputFormatException(source, line, column, "expected a version >= 1, got "
                                + Messages.quote(value));
                    }
                }
                default -> {
                    // text: length unit, segmenter, post-processing
                }
            }
            String before = first.putIfAbsent(column, value);
            if (before == null) {
                firstLine.put(column, line);
            } else if (!before.equals(value)) {
                throw new InputFormatException(source, line, column, Messages.quote(value) + " differs from "
                        + Messages.quote(before) + " on line " + firstLine.get(column) + ": the rows of one table "
                        + "come from one run (one segmenter, dimension and unit); classify such tables separately");
            }
        }

        FingerprintContext context() {
            FingerprintContext c = FingerprintContext.UNKNOWN.withFrameIntervals(intervals);
            String v = first.get(TrackColumns.DIMENSION);
            if (v != null) {
                c = c.withDimension(Integer.parseInt(v));
            }
            v = first.get(TrackColumns.LENGTH_UNIT);
            if (v != null) {
                c = c.withLengthUnit(v);
            }
            v = first.get(TrackColumns.SEGMENTER);
            if (v != null) {
                c = c.withSegmenter(v);
            }
            v = first.get(TrackColumns.POST_PROCESSING);
            if (v != null) {
                c = c.withPostProcessing(v);
            }
            v = first.get(TrackColumns.FINGERPRINT_VERSION);
            if (v != null) {
                c = c.withDefinitionVersion(Integer.parseInt(v));
            }
            return c;
        }
    }

    /**
     * @param column a header that is neither a feature name nor one of the columns a fingerprint table may have
     * @return why it is refused: the nearest feature name when one is close (a misspelling), and which columns a
     *     fingerprint table holds (other columns, such as metadata, are not read: a silently skipped column could be
     *     a misspelt feature)
     */
    private static String unknownColumn(String column) {
        String near = null;
        int best = Integer.MAX_VALUE;
        for (String f : FingerprintFeature.allNames()) {
            int d = editDistance(column.toLowerCase(java.util.Locale.ROOT), f);
            if (d < best) {
                best = d;
                near = f;
            }
        }
        boolean close = near != null && best <= Math.min(3, Math.max(2, near.length() / 4));
        return "not a fingerprint feature name" + (close ? " (did you mean " + Messages.quote(near) + "?)" : "")
                + "; a fingerprint table has column particle, then feature names as 'deepspt fingerprint' writes "
                + "them, and optionally " + MSD_FIT_AT_BOUND_COLUMN + ", " + MSD_FIT_STATUS_COLUMN + ", "
                + TrackColumns.FILE + ", " + TrackColumns.INPUT_TRACK + ", " + TrackColumns.INTERPOLATED_POINTS
                + ", " + String.join(", ", TrackColumns.CONTEXT) + "; other columns (e.g. metadata) are not read: remove the column or correct its name";
    }

    /** @return the Levenshtein distance of two strings (insertions, deletions, substitutions; a swap counts 2) */
    private static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j], cur[j - 1]) + 1);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private static double parse(String s, String source, long line, String field) {
        if (s.isEmpty() || s.equalsIgnoreCase("nan")) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new InputFormatException(source, line, field, "not a number: " + Messages.quote(s));
        }
    }

    /**
     * Writes a table; every fingerprint must have the first one's feature names in the same order. The
     * {@value #MSD_FIT_AT_BOUND_COLUMN} flag uses the bounds of {@link MsdFitter#defaults()}; use
     * {@link FingerprintCsvWriter#open(Path, List, MsdFitter)} for another fitter.
     *
     * @param file destination (overwritten)
     * @param fingerprints rows (at least one)
     * @throws IllegalArgumentException when the list is empty or names differ
     */
    public static void write(Path file, List<Fingerprint> fingerprints) {
        if (fingerprints.isEmpty()) {
            throw new IllegalArgumentException("no fingerprints to write");
        }
        try (FingerprintCsvWriter w = FingerprintCsvWriter.open(file, fingerprints.get(0).names())) {
            fingerprints.forEach(w::write);
        }
    }
}
