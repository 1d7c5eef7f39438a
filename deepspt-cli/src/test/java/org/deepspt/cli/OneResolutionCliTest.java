package org.deepspt.cli;

import static org.deepspt.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A model name is resolved once per run: validated before the input is read, and that resolution opens the
 * segmenter (no second provider scan; the report learns the model file from the segmenter's provenance). Counted
 * with {@link CountingSegmenterProvider}; before this, {@code segment} scanned the providers twice and
 * {@code analyze} looked the name up a third time for the report.
 */
class OneResolutionCliTest {
    private static final Path TRACKS = Path.of("../examples/tracks-2d.csv");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"segment", "fingerprint", "analyze"})
    void everySegmentingCommandResolvesTheModelNameOnce(String command) {
        Path out = dir.resolve(command.equals("analyze") ? "out" : "out.csv");
        CountingSegmenterProvider.reset();
        CliRun r = run(command, "--in", TRACKS.toString(), "--out", out.toString(), "--model",
                CountingSegmenterProvider.SPEC, "--no-progress");
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of(1, 1, 1), counts(), "provider scans, look-ups of the name, segmenters opened");
    }

    /**
     * With a bundled model the backends are scanned twice: once to validate {@code --backend} before the input is
     * read, once to load the model (before: four times, the options being rebuilt for the check, the opening and
     * the report's second look-up).
     */
    @Test
    void analyzeWithTheDefaultModelScansTheBackendsTwice() throws Exception {
        Path tracks = dir.resolve("five.csv");
        List<String> lines = java.nio.file.Files.readAllLines(TRACKS);
        java.nio.file.Files.write(tracks, lines.stream().filter(l -> !l.matches("([5-9]|[1-9][0-9]),.*")).toList());
        FailingBackend.SCANS.set(0);
        CliRun r = run("analyze", "--in", tracks.toString(), "--out", dir.resolve("a").toString(), "--no-progress");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("analysed 5 tracks with deepspt-unet-2d"), r.err());
        assertEquals(2, FailingBackend.SCANS.get(), "backend scans");
    }

    @Test
    void theClassifierCommandsResolveTheirSegmentationModelOnce() throws Exception {
        Path model = dir.resolve("c.json");
        Path labels = dir.resolve("labels.csv");
        List<String> rows = new ArrayList<>(List.of("particle,label"));
        for (int i = 0; i < 50; i++) {
            rows.add(i + "," + (i % 2 == 0 ? "a" : "b"));
        }
        java.nio.file.Files.write(labels, rows);
        CountingSegmenterProvider.reset();
        CliRun t = run("train-classifier", "--in", TRACKS.toString(), "--labels", labels.toString(), "--out",
                model.toString(), "--folds", "0", "--model", CountingSegmenterProvider.SPEC);
        assertEquals(0, t.code(), t.err());
        assertEquals(List.of(1, 1, 1), counts());
        CountingSegmenterProvider.reset();
        CliRun c = run("classify", "--in", TRACKS.toString(), "--classifier", model.toString(), "--out",
                dir.resolve("p.csv").toString(), "--model", CountingSegmenterProvider.SPEC);
        assertEquals(0, c.code(), c.err());
        assertEquals(List.of(1, 1, 1), counts());
    }

    private static List<Integer> counts() {
        return List.of(CountingSegmenterProvider.SCANS.get(), CountingSegmenterProvider.ACCEPTS.get(),
                CountingSegmenterProvider.OPENS.get());
    }
}
