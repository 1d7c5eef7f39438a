package org.deepspt.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.deepspt.api.InputFormatException;
import org.deepspt.api.Messages;
import org.deepspt.api.Prediction;

/**
 * Track labels for training: a CSV with header {@code particle,label} (further columns ignored; column
 * order free), one row per track. Ids must be distinct and labels non-empty and not
 * {@value Prediction#UNCERTAIN}.
 */
public final class TrackLabels {
    private static final CSVFormat READ = CsvRecordLines.FORMAT;

    private TrackLabels() {
    }

    /**
     * @param file the labels CSV
     * @return particle id → label, in file order (unmodifiable)
     * @throws InputFormatException naming file, line and column
     */
    public static Map<String, String> read(Path file) {
        try (Reader in = new BufferedReader(TrackReaders.utf8(Files.newInputStream(file)))) {
            return read(in, file.toString());
        } catch (IOException e) {
            throw ReadFailures.of(file.toString(), e);
        }
    }

    /**
     * @param in CSV text
     * @param source name for error messages
     * @return particle id → label, in input order (unmodifiable)
     */
    public static Map<String, String> read(Reader in, String source) {
        try (CSVParser p = CSVParser.builder().setReader(in).setFormat(READ).get()) {
            Map<String, String> out = new LinkedHashMap<>();
            int idCol = -1;
            int labelCol = -1;
            boolean header = true;
            CsvRecordLines lines = new CsvRecordLines(p);
            for (CSVRecord rec : p) {
                long line = lines.next();
                if (CsvRecordLines.isBlank(rec)) {
                    continue;
                }
                if (header) {
                    List<String> h = rec.toList();
                    for (int i = 0; i < h.size(); i++) {
                        String name = h.get(i).replace("\uFEFF", "");
                        if (name.equalsIgnoreCase("particle")) {
                            idCol = i;
                        } else if (name.equalsIgnoreCase("label")) {
                            labelCol = i;
                        }
                    }
                    if (idCol < 0 || labelCol < 0) {
                        throw new InputFormatException(source, line, idCol < 0 ? "particle" : "label",
                                "labels file needs columns 'particle' and 'label', got " + h);
                    }
                    header = false;
                    continue;
                }
                if (rec.size() <= Math.max(idCol, labelCol)) {
                    throw new InputFormatException(source, line, null, "too few columns");
                }
                String id = rec.get(idCol);
                String label = rec.get(labelCol);
                if (id.isEmpty()) {
                    throw new InputFormatException(source, line, "particle", "empty particle id");
                }
                if (label.isEmpty() || label.equals(Prediction.UNCERTAIN)) {
                    throw new InputFormatException(source, line, "label", "invalid label " + Messages.quote(label)
                            + " (empty or reserved)");
                }
                if (out.put(id, label) != null) {
                    throw new InputFormatException(source, line, "particle", "particle " + Messages.quote(id)
                            + " repeats");
                }
            }
            if (header) {
                throw new InputFormatException(source, 0, null, "empty labels file");
            }
            return Collections.unmodifiableMap(out);
        } catch (IOException e) {
            throw ReadFailures.of(source, e);
        } catch (UncheckedIOException e) {
            throw ReadFailures.of(source, e);
        }
    }
}
