package org.deepspt.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.deepspt.api.InputFormatException;
import org.deepspt.api.Messages;
import org.deepspt.api.TrackIssue;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Row-by-row reader of the three CSV flavours (DeepSPT/trackpy, Spot-On, TrackMate spots). Only per-track
 * primitive buffers are kept in memory.
 */
final class CsvTrackReader {
    private static final Logger LOG = LoggerFactory.getLogger(CsvTrackReader.class);

    /** Pseudo track id of the summary note about TrackMate spots that belong to no track. */
    static final String UNTRACKED_ID = "(untracked spots)";

    private static final Set<String> UNTRACKED = Set.of("", "ø", "none", "null", "nan");

    /** Header names of the track id column of a generic (DeepSPT/trackpy) CSV, in order of preference. */
    static final List<String> PARTICLE_COLUMNS = List.of("particle", "track_id", "trackid", "track", "trajectory",
            "traj");

    private static final Map<String, List<String>> GENERIC = Map.of(
            "x", List.of("x"),
            "y", List.of("y"),
            "z", List.of("z"),
            "particle", PARTICLE_COLUMNS,
            "frame", List.of("frame"),
            "state", List.of("state", "true_state"),
            "t", List.of("t", "time"));
    private static final Map<String, List<String>> SPOTON = Map.of(
            "x", List.of("x"),
            "y", List.of("y"),
            "z", List.of("z"),
            "particle", List.of("trajectory", "particle", "track_id"),
            "frame", List.of("frame"),
            "state", List.of("state", "true_state"),
            "t", List.of("t", "time"));
    private static final Map<String, List<String>> TRACKMATE = Map.of(
            "x", List.of("position_x"),
            "y", List.of("position_y"),
            "z", List.of("position_z"),
            "particle", List.of("track_id"),
            "frame", List.of("frame"),
            "state", List.of(),
            "t", List.of("position_t"));
    private static final List<String> REQUIRED = List.of("x", "y", "particle", "frame");

    private CsvTrackReader() {
    }

    static ReadResult read(Reader in, String source, TrackFormat format, ReadOptions options) {
        return read(in, source, format, options, false);
    }

    /**
     * @param prefetch lex the records on a background thread ({@link PrefetchedRecords}); only for sources
     *     whose reads cannot block indefinitely (files)
     */
    static ReadResult read(Reader in, String source, TrackFormat format, ReadOptions options, boolean prefetch) {
        BufferedReader br = in instanceof BufferedReader b ? b : new BufferedReader(in, 1 << 16);
        char delimiter;
        try {
            skipBom(br);
            String first = firstLine(br, source);
            if (first == null) {
                throw new InputFormatException(source, 1, null, "empty file: no header row; expected columns "
                        + expected(format));
            }
            if (first.isBlank()) {   // format detection skips blank lines, the row numbering does not
                throw new InputFormatException(source, 1, null, "line 1 is blank: the header row must be the first "
                        + "line; expected columns " + expected(format));
            }
            delimiter = delimiter(first);
        } catch (IOException e) {
            throw ReadFailures.of(source, 1, e);
        }
        CSVFormat csv = CsvRecordLines.FORMAT.builder().setDelimiter(delimiter).get();
        CSVParser parser;
        try {
            parser = csv.parse(br);
        } catch (IOException e) {
            throw ReadFailures.of(source, e);
        }
        try (parser) {
            return new Parse(parser, source, format, options).run(prefetch);
        } catch (PrefetchedRecords.FailedRead e) {
            // the reading thread has stopped where the one-thread reading would: same line as below
            if (e.error() instanceof UncheckedIOException u) {
                throw ReadFailures.of(source, parser.getCurrentLineNumber() + 1, u);
            }
            throw e.error();
        } catch (IOException e) {
            throw ReadFailures.of(source, e);
        } catch (UncheckedIOException e) {
            throw ReadFailures.of(source, parser.getCurrentLineNumber() + 1, e);
        }
    }

    /** Longest header line read, in characters. */
    static final int MAX_HEADER = 1 << 20;

    /**
     * Reads the header line without consuming it.
     *
     * @return the first line, or null at end of input
     * @throws InputFormatException when it is longer than {@link #MAX_HEADER} characters
     */
    static @Nullable String firstLine(BufferedReader br, String source) throws IOException {
        br.mark(MAX_HEADER + 2);
        StringBuilder sb = new StringBuilder();
        int c = br.read();
        if (c < 0) {
            br.reset();
            return null;
        }
        while (c >= 0 && c != '\n' && c != '\r') {
            if (sb.length() == MAX_HEADER) {
                throw new InputFormatException(source, 1, null, "the header line is longer than " + MAX_HEADER
                        + " characters; is this a CSV file of tracks?");
            }
            sb.append((char) c);
            c = br.read();
        }
        br.reset();
        return sb.toString();
    }

    static void skipBom(BufferedReader br) throws IOException {
        br.mark(1);
        int c = br.read();
        if (c != 0xFEFF && c != -1) {
            br.reset();
        }
    }

    static char delimiter(String headerLine) {
        if (headerLine.indexOf(',') >= 0) {
            return ',';
        }
        if (headerLine.indexOf('\t') >= 0) {
            return '\t';
        }
        if (headerLine.indexOf(';') >= 0) {
            return ';';
        }
        return ',';
    }

    private static Map<String, List<String>> synonyms(TrackFormat format) {
        return switch (format) {
            case SPOTON_CSV -> SPOTON;
            case TRACKMATE_CSV -> TRACKMATE;
            default -> GENERIC;
        };
    }

    private static String expected(TrackFormat format) {
        Map<String, List<String>> syn = synonyms(format);
        List<String> names = new ArrayList<>();
        for (String role : REQUIRED) {
            String n = syn.get(role).get(0);
            names.add(format == TrackFormat.TRACKMATE_CSV ? n.toUpperCase(Locale.ROOT) : n);
        }
        return String.join(", ", names);
    }

    /** State of one parse. */
    private static final class Parse {
        private final CSVParser parser;
        private final String source;
        private final TrackFormat format;
        private final ReadOptions options;
        private final boolean error;
        /** Under NonFinitePolicy.ERROR, the first non-finite z, raised at the end if the file is 3D; else null. */
        private InputFormatException pendingZError;
        private final FrameIntervalEstimator estimator = new FrameIntervalEstimator();
        private final CsvRecordLines lines;
        private List<String> header;
        private int ix;
        private int iy;
        private int iz;
        private int ip;
        private int iframe;
        private int istate;
        private int it;
        private int needed;
        private Boolean zPresent;
        private Boolean statePresent;
        private TrackAccumulator acc;
        private String spaceUnit;
        private String timeUnit;
        private long untracked;
        private long rows;
        private int extraHeaderRows;
        private boolean firstRowSeen;
        /** Id of the previous data row's track and its buffer: rows of one track usually come together. */
        private @Nullable String lastParticle;
        private @Nullable TrackBuffer lastBuffer;

        Parse(CSVParser parser, String source, TrackFormat format, ReadOptions options) {
            this.parser = parser;
            this.lines = new CsvRecordLines(parser);
            this.source = source;
            this.format = format;
            this.options = options;
            this.error = options.nonFinitePolicy() == NonFinitePolicy.ERROR;
        }

        ReadResult run(boolean prefetch) {
            Iterator<CSVRecord> records = parser.iterator();
            if (!records.hasNext()) {
                throw new InputFormatException(source, 1, null, "empty file: no header row; expected columns "
                        + expected(format));
            }
            resolveColumns(records.next());
            lines.next();
            if (prefetch) {
                try (PrefetchedRecords ahead = PrefetchedRecords.start(records, lines, source)) {
                    for (PrefetchedRecords.Item item = ahead.next(); item != null; item = ahead.next()) {
                        record(item.record(), item.line());
                    }
                }
            } else {
                while (records.hasNext()) {
                    CSVRecord rec = records.next();
                    record(rec, lines.next());
                }
            }
            if (rows == 0 && untracked == 0) {
                // the line after the header rows (TrackMate writes up to 4), where the data should start
                int headerRows = 1 + extraHeaderRows;
                throw new InputFormatException(source, headerRows + 1, null, "no data rows (header only"
                        + (headerRows > 1 ? ": " + headerRows + " header rows" : "") + ", then end of file)");
            }
            Units.FrameInterval interval = frameInterval();
            double dt = interval.seconds();
            Units.SpaceConversion space = Units.space(format == TrackFormat.TRACKMATE_CSV ? spaceUnit : null,
                    options, Double.NaN, source);
            double scale = space.factor();
            Calibration calibration = space.calibration(interval);
            List<TrackIssue> notes = new ArrayList<>(1);
            if (untracked > 0) {
                notes.add(TrackIssue.fileNote(UNTRACKED_ID, TrackIssue.Kind.REJECTED, untracked, untracked + " spot"
                        + (untracked == 1 ? "" : "s") + " with no TRACK_ID (empty, ø or None) ignored"));
            }
            if (acc == null) {
                return new ReadResult(List.of(), notes, calibration);
            }
            acc.calibration(calibration);
            if (pendingZError != null && acc.threeD()) {
                throw pendingZError;   // 3D after all: the first non-finite z is an error (NonFinitePolicy.ERROR)
            }
            LOG.debug("{}: {} rows, {} tracks, scale {} µm/unit, frame interval {} s", source, rows,
                    acc.trackCount(), scale, dt);
            return acc.finish(scale, dt, notes);
        }

        /** One record after the header: skipped when blank or a TrackMate extra header row, else a data row. */
        private void record(CSVRecord rec, long line) {
            if (CsvRecordLines.isBlank(rec)) {
                return;
            }
            if (format == TrackFormat.TRACKMATE_CSV && !firstRowSeen && extraHeaderRows < 3 && isHeaderRow(rec)) {
                extraHeaderRows++;
                return;
            }
            firstRowSeen = true;
            row(rec, line);
        }

        private Units.FrameInterval frameInterval() {
            OptionalDouble forced = options.frameInterval();
            return forced.isPresent() ? Units.FrameInterval.option(forced.getAsDouble(), fileFrameInterval(), source)
                    : fileFrameInterval();
        }

        /** @return the frame interval of the file's time column, else the default */
        private Units.FrameInterval fileFrameInterval() {
            if (it >= 0) {
                OptionalDouble est = estimator.estimate(source);
                if (est.isPresent()) {
                    double f = Units.timeFactor(timeUnit);
                    if (Double.isNaN(f)) {
                        if (options.frameInterval().isEmpty()) {
                            LOG.warn("{}: time unit '{}' is not a physical unit; frame interval set to 1 s", source,
                                    timeUnit);
                        }
                        return new Units.FrameInterval(1.0, "default; time unit '" + timeUnit + "' is not physical");
                    }
                    return new Units.FrameInterval(est.getAsDouble() * f, "file times");
                }
            }
            if (options.frameInterval().isEmpty()) {
                LOG.info("{}: no frame interval in the file or the options; using 1 s", source);
            }
            return Units.FrameInterval.DEFAULT;
        }

        private void resolveColumns(CSVRecord rec) {
            header = new ArrayList<>(rec.size());
            Map<String, Integer> index = new HashMap<>();
            for (int i = 0; i < rec.size(); i++) {
                String h = rec.get(i).trim();
                if (i == 0 && !h.isEmpty() && h.charAt(0) == '\uFEFF') {
                    h = h.substring(1).trim();
                }
                header.add(h);
                index.putIfAbsent(h.toLowerCase(Locale.ROOT), i);
            }
            Map<String, List<String>> syn = synonyms(format);
            ix = column("x", index, syn);
            iy = column("y", index, syn);
            iz = column("z", index, syn);
            ip = column("particle", index, syn);
            iframe = column("frame", index, syn);
            istate = column("state", index, syn);
            it = column("t", index, syn);
            needed = Math.max(Math.max(ix, iy), Math.max(Math.max(iz, ip), Math.max(iframe,
                    Math.max(istate, it))));
        }

        private int column(String role, Map<String, Integer> index, Map<String, List<String>> syn) {
            String override = options.columns().get(role);
            if (override != null) {
                Integer i = index.get(override.toLowerCase(Locale.ROOT));
                if (i == null) {
                    throw new InputFormatException(source, 1, override, "column '" + override
                            + "' given for role '" + role + "' is missing; header is " + header);
                }
                return i;
            }
            for (String name : syn.get(role)) {
                Integer i = index.get(name);
                if (i != null) {
                    return i;
                }
            }
            if (REQUIRED.contains(role)) {
                String name = syn.get(role).get(0);
                if (format == TrackFormat.TRACKMATE_CSV) {
                    name = name.toUpperCase(Locale.ROOT);
                }
                throw new InputFormatException(source, 1, name, "missing required column '" + name + "'"
                        + (syn.get(role).size() > 1 ? " (also accepted: " + syn.get(role).subList(1,
                        syn.get(role).size()) + ")" : "") + "; header is " + header
                        + "; map another column with " + ReadTerm.column(role));
            }
            return -1;
        }

        /** A TrackMate extra header row: the x field is not a number (e.g. "X", "(micron)"). */
        private boolean isHeaderRow(CSVRecord rec) {
            if (rec.size() <= ix) {
                return false;
            }
            String v = rec.get(ix).trim();
            try {
                Numbers.parseDouble(v, source, 0, null);
                return false;
            } catch (InputFormatException e) {
                if (v.startsWith("(") && v.endsWith(")")) {
                    spaceUnit = v;
                    if (it >= 0 && rec.size() > it) {
                        timeUnit = rec.get(it).trim();
                    }
                }
                return true;
            }
        }

        private String field(CSVRecord rec, int i, long line) {
            if (i >= rec.size()) {
                throw new InputFormatException(source, line, header.get(i), "row has " + rec.size()
                        + " fields; column '" + header.get(i) + "' (field " + (i + 1) + ") is missing");
            }
            return rec.get(i);
        }

        private void row(CSVRecord rec, long line) {
            if (rec.size() <= needed) {
                field(rec, needed, line);
            }
            if (rec.size() > header.size()) {
                // more values than columns: the header does not describe this row (e.g. a 3D file under a 2D
                // header would be read as 2D with z dropped); empty trailing fields (a trailing delimiter) are fine
                for (int i = header.size(); i < rec.size(); i++) {
                    if (!rec.get(i).isBlank()) {
                        throw new InputFormatException(source, line, null, "row has " + rec.size() + " fields but "
                                + "the header names " + header.size() + " columns (field " + (i + 1) + " = "
                                + Messages.quote(Messages.abbreviate(rec.get(i).trim())) + " has no column)");
                    }
                }
            }
            String particle = field(rec, ip, line).trim();
            boolean sameTrack = particle.equals(lastParticle);
            if (!sameTrack && UNTRACKED.contains(particle.toLowerCase(Locale.ROOT))) {
                if (format == TrackFormat.TRACKMATE_CSV) {
                    untracked++;
                    return;
                }
                throw new InputFormatException(source, line, header.get(ip), "missing track id");
            }
            rows++;
            int frame = Numbers.parseInt(rec.get(iframe), source, line, header.get(iframe));
            double x = Numbers.parseDouble(rec.get(ix), source, line, header.get(ix));
            double y = Numbers.parseDouble(rec.get(iy), source, line, header.get(iy));
            double z = 0;
            if (iz >= 0) {
                String zs = rec.get(iz).trim();
                boolean has = !zs.isEmpty();
                if (zPresent == null) {
                    zPresent = has;
                } else if (has != zPresent) {
                    throw new InputFormatException(source, line, header.get(iz), "mixed 2D and 3D rows: "
                            + (has ? "z given here but empty on earlier rows" : "z empty here but given on earlier"
                            + " rows"));
                }
                if (has) {
                    z = Numbers.parseDouble(zs, source, line, header.get(iz));
                }
            }
            int state = 0;
            if (istate >= 0) {
                String ss = rec.get(istate).trim();
                boolean has = !ss.isEmpty();
                if (statePresent == null) {
                    statePresent = has;
                } else if (has != statePresent) {
                    throw new InputFormatException(source, line, header.get(istate), has
                            ? "state given here but empty on earlier rows" : "state missing (given on earlier rows)");
                }
                if (has) {
                    state = Numbers.parseInt(ss, source, line, header.get(istate));
                    if (state < 0 || state > 3) {
                        throw new InputFormatException(source, line, header.get(istate), "state " + state
                                + " is not 0..3");
                    }
                }
            }
            if (it >= 0 && options.frameInterval().isEmpty()) {
                estimator.add(frame, Numbers.parseDouble(rec.get(it), source, line, header.get(it)));
            } else if (it >= 0) {
                // only to tell the user when the option replaces another interval: an unreadable time is no
                // error when the option replaces the times
                try {
                    estimator.add(frame, Numbers.parseDouble(rec.get(it), source, line, header.get(it)));
                } catch (InputFormatException e) {
                    LOG.debug("{}: line {}: time not read ({})", source, line, e.getMessage());
                }
            }
            if (acc == null) {
                acc = new TrackAccumulator(options, iz >= 0, istate >= 0 && Boolean.TRUE.equals(statePresent));
            }
            TrackBuffer b;
            if (sameTrack) {
                b = lastBuffer;
            } else {
                b = acc.track(particle);
                lastParticle = particle;
                lastBuffer = b;
            }
            if (Double.isFinite(x) && Double.isFinite(y) && !Double.isFinite(z)) {
                // only z: whether it matters is known at the end (a 2D file may have a z column of NaN)
                String what = "non-finite " + header.get(iz) + " = " + Messages.abbreviate(rec.get(iz).trim());
                if (b.zRejectReason == null) {
                    b.zRejectReason = what + " at line " + line;
                }
                if (error && pendingZError == null) {
                    pendingZError = new InputFormatException(source, line, header.get(iz), what + " in track "
                            + Messages.quote(particle) + " (use "
                            + ReadTerm.NON_FINITE_DROP_TRACK + " to drop such tracks)");
                }
            } else if (!Double.isFinite(x) || !Double.isFinite(y) || !Double.isFinite(z)) {
                int bad = !Double.isFinite(x) ? ix : !Double.isFinite(y) ? iy : iz;
                String raw = rec.get(bad).trim();
                String what = "non-finite " + header.get(bad) + " = " + (raw.isEmpty() ? "(missing)"
                        : Messages.abbreviate(raw));
                if (error) {
                    throw new InputFormatException(source, line, header.get(bad), what + " in track "
                            + Messages.quote(particle) + " (use "
                            + ReadTerm.NON_FINITE_DROP_TRACK + " to drop such tracks)");
                }
                if (b.rejectReason == null) {
                    b.rejectReason = what + " at line " + line;
                }
            }
            b.add(frame, x, y, z, state);
        }
    }
}
