package org.deepspt.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Recognises the files this tool writes by their header row, so that a folder given as input is not read together
 * with an earlier run's outputs: segmentation, segments, error report, stream states and events, MSD table,
 * predictions. The headers are the writers' own ({@link SegmentationCsvWriter}, {@link SegmentsCsvWriter},
 * {@link IssueReportWriter}, {@link FrameStateCsvWriter}, {@link StateChangeCsvWriter}, {@link MsdCsvWriter},
 * {@link PredictionCsvWriter}); a file whose first line starts with the first (up to) four columns of one of them
 * is an output. Fingerprint tables are not among them: they are inputs of the classifier commands.
 */
public final class OwnOutputFiles {
    private static final int COLUMNS = 4;
    private static final List<String> PREFIXES = List.of(prefix(List.of(SegmentationCsvWriter.HEADER)),
            prefix(SegmentsCsvWriter.HEADER), prefix(List.of(IssueReportWriter.HEADER)),
            prefix(List.of(FrameStateCsvWriter.HEADER)), prefix(List.of(StateChangeCsvWriter.HEADER)),
            prefix(MsdCsvWriter.HEADER), prefix(PredictionCsvWriter.HEADER));

    private OwnOutputFiles() {
    }

    private static String prefix(List<String> header) {
        return String.join(",", header.subList(0, Math.min(COLUMNS, header.size())));
    }

    /**
     * @param file a file
     * @return whether its first line (BOM, quotes, case and surrounding blanks ignored) is the header of one of
     *     this tool's outputs; false for an unreadable or empty file (the reader will say what is wrong with it)
     */
    public static boolean isOwnOutput(Path file) {
        try (var r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = r.readLine();
            if (first == null) {
                return false;
            }
            String h = (first.startsWith("\uFEFF") ? first.substring(1) : first).strip().toLowerCase(Locale.ROOT)
                    .replace("\"", "");
            return PREFIXES.stream().anyMatch(h::startsWith);
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }
}
