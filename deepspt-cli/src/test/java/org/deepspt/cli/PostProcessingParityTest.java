package org.deepspt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deepspt.api.Segmenter;
import org.deepspt.api.SegmenterOptions;
import org.deepspt.api.Segmenters;
import org.deepspt.io.TrackColumns;
import org.deepspt.options.PostProcessingOptions;
import org.deepspt.pipeline.PostProcessing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The CLI and the Fiji plugin post-process and record alike: both go through {@link PostProcessing}, the CLI with
 * the settings its options make, the plugin with {@link PostProcessing#defaults()} (its
 * {@code TrackAnalysis.POST_PROCESSING}, whose test checks what it records against the same call) on a segmenter it
 * opens with {@link SegmenterOptions#defaults()}. So a classifier trained with {@code analyze} finds the same
 * post-processing in Fiji, and the other way round. Before, each tool had its own code for this.
 */
class PostProcessingParityTest {
    @TempDir
    Path dir;

    @Test
    void theOptionsAtTheirDefaultsAreTheFijiPluginsPostProcessing() {
        PostProcessingOptions none = CommandLine.populateCommand(new PostProcessingOptions());
        assertEquals(PostProcessing.defaults(), none.settings());
        PostProcessingOptions some = CommandLine.populateCommand(new PostProcessingOptions(), "--smooth", "4",
                "--no-d-changes", "--min-segment", "3");
        assertEquals(new PostProcessing(4, false, 3), some.settings());
        assertEquals(new PostProcessing(0, true, 1),
                CommandLine.populateCommand(new PostProcessingOptions(), "--no-smooth").settings());
    }

    /** What the CLI records for the default options is what the Fiji plugin computes for its segmenter. */
    @Test
    void fingerprintRecordsWhatTheFijiPluginRecordsForEveryKindOfSegmenter() throws Exception {
        Path tracks = dir.resolve("tracks.csv");
        assertEquals(0, CliRun.run("simulate", "--tracks", "4", "--seed", "3", "--out", tracks.toString()).code());
        for (String model : List.of("rolling-msd", "unet")) {
            Path out = dir.resolve(model + ".csv");
            CliRun r = CliRun.run("fingerprint", "--model", model, "--in", tracks.toString(), "--out",
                    out.toString());
            assertEquals(0, r.code(), r.err());
            String fiji;
            // as TrackAnalysis opens it (the backend does not change the wording)
            try (Segmenter s = Segmenters.open(model, 2, SegmenterOptions.defaults())) {
                fiji = PostProcessing.defaults().describe(s);
            }
            assertEquals(fiji, postProcessingColumn(out), model);
        }
        assertEquals("smooth=9.0;refine=off;d-changes=off;min-segment=1",
                postProcessingColumn(dir.resolve("rolling-msd.csv")));
        assertEquals("smooth=9.0;refine=on;d-changes=on;min-segment=1", postProcessingColumn(dir.resolve("unet.csv")));
    }

    private static String postProcessingColumn(Path fingerprints) throws Exception {
        List<String> lines = Files.readAllLines(fingerprints);
        int at = List.of(lines.get(0).split(",", -1)).indexOf(TrackColumns.POST_PROCESSING);
        return lines.get(1).split(",", -1)[at];
    }
}
