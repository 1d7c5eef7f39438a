package org.deepspt.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.deepspt.api.DeepSptException;
import org.deepspt.api.InputFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files are read with the records lexed on a second thread ({@link PrefetchedRecords}); the result, and every
 * error with its line, must be what the one-thread reading of the same text gives. The files span several
 * read-ahead batches, so that batch boundaries and the queue are crossed.
 */
class PrefetchedReadingTest {
    @TempDir
    Path dir;

    /** Tracks of 0..n rows, ids in blocks, a blank line and a multi-line quoted id inside. */
    private static String tracks(int rows) {
        StringBuilder sb = new StringBuilder("x,y,particle,frame\n");
        for (int i = 0; i < rows; i++) {
            String id = i == rows / 2 ? "\"multi\nline\"" : Integer.toString(i / 37);
            sb.append(i * 0.001).append(',').append(Math.sin(i)).append(',').append(id).append(',').append(i % 37)
                    .append('\n');
            if (i == rows / 3) {
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    private ReadResult viaFile(String text) throws IOException {
        Path f = dir.resolve("t" + System.nanoTime() + ".csv");
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return TrackReaders.read(f, ReadOptions.builder().format(TrackFormat.DEEPSPT_CSV).build());
    }

    @Test
    void aFileGivesTheSameTracksAsTheOneThreadReader() throws IOException {
        String text = tracks(5 * PrefetchedRecords.BATCH + 17);
        ReadResult oneThread = IoTestSupport.readCsv(text, ReadOptions.defaults());
        ReadResult prefetched = viaFile(text);
        assertEquals(oneThread.trajectories(), prefetched.trajectories());
        assertEquals(oneThread.issues(), prefetched.issues());
        assertTrue(prefetched.trajectories().size() > 250, "several hundred tracks");
    }

    @Test
    void aBadValueLateInTheFileIsReportedAtTheSameLine() throws IOException {
        String text = tracks(3 * PrefetchedRecords.BATCH) + "1.0,2.0,late,zero\n" + tracks(10).substring(19);
        InputFormatException one = assertThrows(InputFormatException.class,
                () -> IoTestSupport.readCsv(text, ReadOptions.defaults()));
        InputFormatException pre = assertThrows(InputFormatException.class, () -> viaFile(text));
        assertEquals(one.line(), pre.line());
        assertEquals(one.getMessage().replace("test", "#"), pre.getMessage().replaceAll("/\\S*\\.csv", "#"));
    }

    @Test
    void aMalformedQuotedFieldLateInTheFileIsReportedAtTheSameLine() throws IOException {
        String text = tracks(2 * PrefetchedRecords.BATCH + 5) + "1.0,2.0,\"bad\"x,3\n1.0,2.0,b,4\n";
        DeepSptException one = assertThrows(DeepSptException.class,
                () -> IoTestSupport.readCsv(text, ReadOptions.defaults()));
        DeepSptException pre = assertThrows(DeepSptException.class, () -> viaFile(text));
        assertEquals(one.getClass(), pre.getClass());
        assertEquals(one.getMessage().replace("test", "#"), pre.getMessage().replaceAll("/\\S*\\.csv", "#"));
    }

    @Test
    void aBadValueJustBeforeAMalformedFieldIsReportedFirstAsByTheOneThreadReader() throws IOException {
        String text = tracks(PrefetchedRecords.BATCH + 5) + "1.0,2.0,b,zero\n1.0,2.0,\"bad\"x,3\n";
        InputFormatException one = assertThrows(InputFormatException.class,
                () -> IoTestSupport.readCsv(text, ReadOptions.defaults()));
        InputFormatException pre = assertThrows(InputFormatException.class, () -> viaFile(text));
        assertEquals(one.line(), pre.line());
        assertEquals("frame", pre.field().orElseThrow());
    }

    @Test
    void recordsArriveInOrderWithTheirLinesAndAFailureAfterThem() throws IOException {
        String text = "a\n\"b\nb\"\nc\n" + "d\n".repeat(3 * PrefetchedRecords.BATCH) + "\"e\"x\n";
        try (CSVParser parser = CsvRecordLines.FORMAT.parse(new StringReader(text))) {
            CsvRecordLines lines = new CsvRecordLines(parser);
            List<String> got = new ArrayList<>();
            List<Long> at = new ArrayList<>();
            PrefetchedRecords.FailedRead failed;
            try (PrefetchedRecords ahead = PrefetchedRecords.start(parser.iterator(), lines, "test")) {
                failed = assertThrows(PrefetchedRecords.FailedRead.class, () -> {
                    for (PrefetchedRecords.Item i = ahead.next(); i != null; i = ahead.next()) {
                        got.add(i.record().get(0));
                        at.add(i.line());
                    }
                });
            }
            assertEquals(List.of("a", "b\nb", "c", "d"), got.subList(0, 4));
            assertEquals(List.of(1L, 2L, 4L, 5L), at.subList(0, 4));
            assertEquals(3 + 3 * PrefetchedRecords.BATCH, got.size());
            assertTrue(failed.error() instanceof UncheckedIOException, failed.error().toString());
        }
    }

    @Test
    void closingEarlyStopsTheReadingThread() throws IOException {
        String text = "d\n".repeat(50 * PrefetchedRecords.BATCH);
        try (CSVParser parser = CsvRecordLines.FORMAT.parse(new StringReader(text))) {
            PrefetchedRecords ahead = PrefetchedRecords.start(parser.iterator(), new CsvRecordLines(parser), "test");
            CSVRecord first = ahead.next().record();
            assertEquals("d", first.get(0));
            ahead.close();   // returns only when the reading thread has stopped, long before 100,000 records
            assertTrue(parser.getRecordNumber() < 50L * PrefetchedRecords.BATCH, "stopped early");
        }
    }
}
