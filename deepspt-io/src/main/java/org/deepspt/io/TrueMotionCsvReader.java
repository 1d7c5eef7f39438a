package org.deepspt.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.deepspt.api.InputFormatException;
import org.deepspt.api.TrueMotion;
import org.jspecify.annotations.Nullable;

/**
 * Reads the true D and α of every point from a track CSV that has them (the {@value TrajectoryCsvWriter#TRUE_D}
 * and, optionally, {@value TrajectoryCsvWriter#TRUE_ALPHA} columns of {@code deepspt simulate}, see
 * {@link TrajectoryCsvWriter#openWithTrueMotion}), one {@link TrueMotion} per track id, with the track's id, frames,
 * D (µm²/s<sup>α</sup>) and α (unknown without a {@value TrajectoryCsvWriter#TRUE_ALPHA} column); its states are left
 * unknown: the track file's states come with the {@link org.deepspt.api.Trajectory}s that {@link TrackReaders} reads
 * from the same file. The track id column is
 * {@code particle} (or {@code track_id}, {@code trackid}, {@code track}, {@code trajectory}, {@code traj}: the track
 * reader's names, {@code CsvTrackReader.PARTICLE_COLUMNS}), then {@code frame}; headers are matched without regard
 * to case; comma, tab or semicolon
 * separated as the header line says. Rows of a track need not be contiguous, but its frames must increase
 * strictly. Every D cell and every α cell must be a finite number ≥ 0; errors are
 * {@link InputFormatException}s naming the line and column. Thread-safe (stateless).
 */
public final class TrueMotionCsvReader {
    private TrueMotionCsvReader() {
    }

    /**
     * @param file the track CSV (UTF-8, BOM tolerated)
     * @return the truth by track id in order of first appearance (unmodifiable), or empty when the file has no
     *     {@value TrajectoryCsvWriter#TRUE_D} column
     * @throws InputFormatException naming line and column on malformed content
     */
    public static Optional<Map<String, TrueMotion>> read(Path file) {
        return TrackReaders.readText(file, TrueMotionCsvReader::read);
    }

    /**
     * @param in the CSV text; not closed
     * @param sourceName name used in messages
     * @return as {@link #read(Path)}
     */
    public static Optional<Map<String, TrueMotion>> read(Reader in, @Nullable String sourceName) {
        String source = sourceName == null ? "<input>" : sourceName;
        BufferedReader br = new BufferedReader(in, 1 << 16);
        try {
            CsvTrackReader.skipBom(br);
            String first = CsvTrackReader.firstLine(br, source);
            if (first == null || first.isBlank()) {
                throw new InputFormatException(source, 1, null, "empty file: no header row");
            }
            CSVParser parser = CsvRecordLines.FORMAT.builder().setDelimiter(CsvTrackReader.delimiter(first)).get()
                    .parse(br);
            return parse(parser, source);
        } catch (IOException e) {
            throw TrackReaders.cannotRead(source, e);
        } catch (UncheckedIOException e) {
            throw ReadFailures.of(source, e);
        }
    }

    /** Growable per-point values of one track. */
    private static final class Rows {
        int n;
        int[] frames = new int[16];
        double[] d = new double[16];
        double[] alpha = new double[16];
    }

    private static Optional<Map<String, TrueMotion>> parse(CSVParser parser, String source) {
        Iterator<CSVRecord> it = parser.iterator();
        CsvRecordLines lines = new CsvRecordLines(parser);
        CSVRecord head = it.next();
        lines.next();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < head.size(); i++) {
            index.putIfAbsent(head.get(i).trim().toLowerCase(Locale.ROOT), i);
        }
        Integer dCol = index.get(TrajectoryCsvWriter.TRUE_D.toLowerCase(Locale.ROOT));
        if (dCol == null) {
            return Optional.empty();
        }
        Integer aCol = index.get(TrajectoryCsvWriter.TRUE_ALPHA.toLowerCase(Locale.ROOT));
        Integer pCol = null;
        for (String name : CsvTrackReader.PARTICLE_COLUMNS) {
            pCol = pCol != null ? pCol : index.get(name);
        }
        if (pCol == null) {
            throw new InputFormatException(source, 1, "particle", "missing track id column (one of "
                    + CsvTrackReader.PARTICLE_COLUMNS
                    + ") beside " + TrajectoryCsvWriter.TRUE_D);
        }
        Integer fCol = index.get("frame");
        if (fCol == null) {
            throw new InputFormatException(source, 1, "frame", "missing column 'frame' beside "
                    + TrajectoryCsvWriter.TRUE_D);
        }
        int needed = Math.max(Math.max(pCol, fCol), Math.max(dCol, aCol == null ? 0 : aCol));
        String dName = head.get(dCol).trim();
        String aName = aCol == null ? null : head.get(aCol).trim();
        Map<String, Rows> tracks = new LinkedHashMap<>();
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
            String id = rec.get(pCol).trim();
            if (id.isEmpty()) {
                throw new InputFormatException(source, line, head.get(pCol).trim(), "missing track id");
            }
            int frame = Numbers.parseInt(rec.get(fCol), source, line, "frame");
            double d = Numbers.parseDouble(rec.get(dCol), source, line, dName);
            if (!(d >= 0) || Double.isInfinite(d)) {
                throw new InputFormatException(source, line, dName, "true D '" + rec.get(dCol)
                        + "' is not a finite number >= 0");
            }
            double a = Double.NaN;
            if (aCol != null) {
                a = Numbers.parseDouble(rec.get(aCol), source, line, aName);
                if (!(a >= 0) || Double.isInfinite(a)) {
                    throw new InputFormatException(source, line, aName, "true alpha '" + rec.get(aCol)
                            + "' is not a finite number >= 0");
                }
            }
            Rows r = tracks.computeIfAbsent(id, k -> new Rows());
            if (r.n > 0 && frame <= r.frames[r.n - 1]) {
                throw new InputFormatException(source, line, "frame", "frame " + frame + " of track '" + id
                        + "' does not follow frame " + r.frames[r.n - 1]);
            }
            if (r.n == r.frames.length) {
                r.frames = Arrays.copyOf(r.frames, 2 * r.n);
                r.d = Arrays.copyOf(r.d, 2 * r.n);
                r.alpha = Arrays.copyOf(r.alpha, 2 * r.n);
            }
            r.frames[r.n] = frame;
            r.d[r.n] = d;
            r.alpha[r.n] = a;
            r.n++;
        }
        Map<String, TrueMotion> out = new LinkedHashMap<>();
        tracks.forEach((id, r) -> out.put(id, TrueMotion.of(id, Arrays.copyOf(r.frames, r.n), null,
                Arrays.copyOf(r.d, r.n), aCol == null ? null : Arrays.copyOf(r.alpha, r.n))));
        return Optional.of(Collections.unmodifiableMap(out));
    }
}
