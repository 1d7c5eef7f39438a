package org.deepspt.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVPrinter;
import org.deepspt.api.DiffusionState;
import org.deepspt.api.Segmentation;
import org.deepspt.fingerprint.FeatureMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The table writers append rows to their own buffer instead of calling {@code CSVPrinter.printRecord} per row;
 * their bytes are those of the former path, kept here as the reference: a {@link CSVPrinter} over
 * {@link CsvOut#FORMAT} printing {@code CsvOut.text(id)}, integers as {@link Integer#toString} and numbers
 * as {@link CsvOut#number}. Track ids include every character that quoting or the formula guard treats
 * specially.
 */
class CsvWriterBytesTest {
    /** Ids that need quoting, a formula guard, or neither; a first cell that is empty is quoted. */
    static final List<String> TRICKY_IDS = List.of("7", "0", "-12", "+3", "1.5e3", "a,b", "say \"hi\"", "\"",
        "line\nbreak", "cr\rhere", "crlf\r\nx", "=cmd|' /C calc'!A0", "=1+2", "+x", "-x", "@sum", "\tlead-tab",
        " lead space", "trail space ", "  ", "#comment", "!bang", "ünïcødé µm²/s", "日本語", "emoji \uD83D\uDE00",
        "", "'quoted'", "semi;colon", "tab\tinside", "back\\slash", "trailing,", "x\u0000y", "\u007f", "~");

    @TempDir
    Path dir;

    /** The former writing path: one {@code CSVPrinter.printRecord} per row. */
    private static String reference(List<String> header, Consumer<CSVPrinter> rows) {
        StringWriter sw = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(sw, CsvOut.FORMAT)) {
            p.printRecord(header);
            rows.accept(p);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return sw.toString();
    }

    private static void record(CSVPrinter p, Object... values) {
        try {
            p.printRecord(values);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static List<Segmentation> segmentations(SplittableRandom r) {
        List<Segmentation> out = new ArrayList<>();
        double[] special = {0.0, -0.0, 1.0, Double.MIN_VALUE, 1e-300, 1e-5, 0.1, 0.25, 1.0 / 3};
        int t = 0;
        for (String id : TRICKY_IDS) {
            int n = 1 + r.nextInt(40);
            int[] frames = new int[n];
            double[] p = new double[4 * n];
            int f0 = t++ % 3 == 0 ? -5 : r.nextInt(1_000_000);
            for (int i = 0; i < n; i++) {
                frames[i] = f0 + i;
                int hot = r.nextInt(4);
                double sum = 0;
                for (int k = 0; k < 4; k++) {
                    double v = k == hot ? 0 : (r.nextInt(5) == 0 ? special[r.nextInt(special.length)] : r.nextDouble());
                    p[4 * i + k] = v;
                    sum += v;
                }
                for (int k = 0; k < 4; k++) {
                    if (k != hot) {
                        p[4 * i + k] /= Math.max(sum, 1) * 2;
                    }
                }
                double rest = 0;
                for (int k = 0; k < 4; k++) {
                    rest += k == hot ? 0 : p[4 * i + k];
                }
                p[4 * i + hot] = 1 - rest;
            }
            out.add(Segmentation.ofFlat(id, frames, p));
        }
        return out;
    }

    /** @return the index of the segment of every point, from {@link Segmentation#segments()} */
    private static int[] segmentOfPoint(Segmentation s) {
        int[] out = new int[s.size()];
        for (int k = 0; k < s.segments().size(); k++) {
            for (int i = s.segments().get(k).startIndex(); i <= s.segments().get(k).endIndex(); i++) {
                out[i] = k;
            }
        }
        return out;
    }

    @Test
    void segmentationRowsAreTheBytesOfCsvPrinter() {
        List<Segmentation> segs = segmentations(new SplittableRandom(17));
        String expected = reference(List.of(SegmentationCsvWriter.HEADER), p -> {
            for (Segmentation s : segs) {
                double[] m = s.probabilityMatrix();
                int[] states = s.stateIndices();
                int[] segment = segmentOfPoint(s);
                for (int i = 0; i < s.size(); i++) {
                    record(p, CsvOut.text(s.trackId()), Integer.toString(s.frame(i)), Integer.toString(states[i]),
                            CsvOut.number(m[4 * i]), CsvOut.number(m[4 * i + 1]), CsvOut.number(m[4 * i + 2]),
                            CsvOut.number(m[4 * i + 3]), "", "", Integer.toString(segment[i]));
                }
            }
        });
        StringWriter sw = new StringWriter();
        try (SegmentationCsvWriter w = SegmentationCsvWriter.open(sw)) {
            segs.forEach(w::write);
        }
        assertEquals(expected, sw.toString());
        assertTrue(expected.contains("\"a,b\"") && expected.contains("\n\"\",") && expected.contains("'=1+2"),
                "the ids exercise quoting and the formula guard");
    }

    @Test
    void singleRowsOfTheOnlineSegmenterAreTheBytesOfCsvPrinter() {
        SplittableRandom r = new SplittableRandom(3);
        double[][] probabilities = {{0.25, 0.25, 0.25, 0.25}, {Double.NaN, 0.5, 0.5, 0}, {-0.0, 1, 0, 0},
            {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e300, -1e-300}, {0.1, 0.2, 0.3, 0.4}};
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            String id = TRICKY_IDS.get(r.nextInt(TRICKY_IDS.size()));
            int frame = r.nextInt(-3, Integer.MAX_VALUE);
            rows.add(new Object[] {id, frame, probabilities[r.nextInt(probabilities.length)]});
            if (r.nextBoolean()) {
                rows.add(new Object[] {id, frame + 1, probabilities[r.nextInt(probabilities.length)]});
            }
        }
        String expected = reference(List.of(SegmentationCsvWriter.HEADER), p -> {
            for (Object[] row : rows) {
                double[] q = (double[]) row[2];
                int best = 0;
                for (int k = 1; k < 4; k++) {
                    best = q[k] > q[best] ? k : best;
                }
                record(p, CsvOut.text((String) row[0]), Integer.toString((int) row[1]), Integer.toString(best),
                        CsvOut.number(q[0]), CsvOut.number(q[1]), CsvOut.number(q[2]), CsvOut.number(q[3]), "", "", "");
            }
        });
        StringWriter sw = new StringWriter();
        try (SegmentationCsvWriter w = SegmentationCsvWriter.open(sw)) {
            for (Object[] row : rows) {
                w.writeRow((String) row[0], (int) row[1], (double[]) row[2]);
            }
        }
        assertEquals(expected, sw.toString());
    }

    @Test
    void aLargeFileIsTheSameUtf8BytesOnDisk() throws IOException {
        // several times the writer's chunk, so that rows straddle the pieces handed to the file
        SplittableRandom r = new SplittableRandom(5);
        List<Segmentation> segs = new ArrayList<>();
        for (int rep = 0; rep < 60; rep++) {
            segs.addAll(segmentations(r));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Writer w = new OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
            w.write(reference(List.of(SegmentationCsvWriter.HEADER), p -> {
                for (Segmentation s : segs) {
                    double[] m = s.probabilityMatrix();
                    int[] states = s.stateIndices();
                    int[] segment = segmentOfPoint(s);
                    for (int i = 0; i < s.size(); i++) {
                        record(p, CsvOut.text(s.trackId()), Integer.toString(s.frame(i)),
                                Integer.toString(states[i]), CsvOut.number(m[4 * i]), CsvOut.number(m[4 * i + 1]),
                                CsvOut.number(m[4 * i + 2]), CsvOut.number(m[4 * i + 3]), "", "",
                                Integer.toString(segment[i]));
                    }
                }
            }));
        }
        Path file = dir.resolve("seg.csv");
        try (SegmentationCsvWriter w = SegmentationCsvWriter.open(file)) {
            segs.forEach(w::write);
        }
        byte[] written = Files.readAllBytes(file);
        assertTrue(written.length > 4 * TableCsvWriter.CHUNK, "file of " + written.length + " bytes");
        assertArrayEquals(bytes.toByteArray(), written);
    }

    @Test
    void timeResolvedRowsAreTheBytesOfCsvPrinter() {
        SplittableRandom r = new SplittableRandom(9);
        List<String> names = List.of("alpha", "D, µm²/s", "eff\"ective");
        double[] values = {0.5, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e-320,
            -123.456, 1e21};
        List<FeatureMatrix> ms = new ArrayList<>();
        for (String id : TRICKY_IDS) {
            int n = 1 + r.nextInt(5);
            int[] frames = new int[n];
            double[] v = new double[n * names.size()];
            for (int i = 0; i < n; i++) {
                frames[i] = i - 1;
            }
            for (int i = 0; i < v.length; i++) {
                v[i] = r.nextBoolean() ? values[r.nextInt(values.length)] : r.nextGaussian();
            }
            ms.add(FeatureMatrix.of(id, names, frames, v));
        }
        List<String> header = new ArrayList<>(List.of("particle", "frame"));
        header.addAll(names);
        String expected = reference(header, p -> {
            for (FeatureMatrix m : ms) {
                for (int i = 0; i < m.rows(); i++) {
                    List<Object> row = new ArrayList<>();
                    row.add(CsvOut.text(m.trackId()));
                    row.add(Integer.toString(m.frames()[i]));
                    for (int j = 0; j < m.columns(); j++) {
                        row.add(CsvOut.number(m.get(i, j)));
                    }
                    record(p, row.toArray());
                }
            }
        });
        StringWriter sw = new StringWriter();
        try (TimeResolvedCsvWriter w = TimeResolvedCsvWriter.open(sw, names)) {
            ms.forEach(w::write);
        }
        assertEquals(expected, sw.toString());
    }

    @Test
    void recordsOfTheOtherWritersAreTheBytesOfCsvPrinter() {
        SplittableRandom r = new SplittableRandom(13);
        DiffusionState[] states = DiffusionState.values();
        List<Object[]> events = new ArrayList<>();
        for (String id : TRICKY_IDS) {
            events.add(new Object[] {id, r.nextInt(-2, 500), states[r.nextInt(4)], states[r.nextInt(4)],
                r.nextInt(4) == 0 ? Double.NaN : r.nextDouble()});
        }
        String expected = reference(List.of(StateChangeCsvWriter.HEADER), p -> {
            for (Object[] e : events) {
                record(p, CsvOut.text((String) e[0]), "7", Integer.toString((int) e[1]), ((DiffusionState) e[2]).label(),
                        ((DiffusionState) e[3]).label(), CsvOut.number((double) e[4]));
            }
        });
        StringWriter sw = new StringWriter();
        try (StateChangeCsvWriter w = StateChangeCsvWriter.open(sw)) {
            for (Object[] e : events) {
                w.write((String) e[0], 7, (int) e[1], (DiffusionState) e[2], (DiffusionState) e[3], (double) e[4]);
            }
        }
        assertEquals(expected, sw.toString());
    }

    @Test
    void firstCellsAreQuotedAsAtTheStartOfARecord() {
        assertEquals("7", TableCsvWriter.firstCell("7"));
        assertEquals("\"\"", TableCsvWriter.firstCell(""));
        assertEquals("\"a,b\"", TableCsvWriter.firstCell("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", TableCsvWriter.firstCell("say \"hi\""));
        assertEquals("\"line\nbreak\"", TableCsvWriter.firstCell("line\nbreak"));
        assertEquals("'=1+2", TableCsvWriter.firstCell(CsvOut.text("=1+2")));
        assertEquals("-12", TableCsvWriter.firstCell(CsvOut.text("-12")));
    }
}
