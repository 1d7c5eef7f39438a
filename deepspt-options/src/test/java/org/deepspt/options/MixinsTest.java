package org.deepspt.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deepspt.api.SegmenterOptions;
import org.deepspt.io.GapPolicy;
import org.deepspt.io.NonFinitePolicy;
import org.deepspt.io.ReadOptions;
import org.deepspt.pipeline.PostProcessing;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class MixinsTest {

    @Command(name = "tool")
    static final class Tool {
        @Mixin
        ReadPolicyOptions read = new ReadPolicyOptions();
        @Mixin
        ModelChoiceOptions models = new ModelChoiceOptions();
        @Mixin
        PostProcessingOptions post = new PostProcessingOptions();
    }

    private static Tool parse(String... args) {
        Tool t = new Tool();
        new CommandLine(t).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(args);
        return t;
    }

    @Test
    void defaultsLeaveTheReadersDefaults() {
        Tool t = parse();
        assertNull(t.read.pixelSize());
        assertNull(t.read.frameInterval());
        assertNull(t.read.gapPolicy());
        ReadOptions r = t.read.applyTo(ReadOptions.builder()).build();
        assertEquals(ReadOptions.defaults().gapPolicy(), r.gapPolicy());
        assertEquals(NonFinitePolicy.ERROR, r.nonFinitePolicy());
        assertEquals(1.0, r.pixelSize());
        assertTrue(r.frameInterval().isEmpty());
        assertEquals("unet", t.models.model());
        assertEquals("auto", t.models.backendAsGiven());
        assertEquals("cpu", t.models.checkedDevice());
    }

    @Test
    void givenValuesReachTheReaderOptions() {
        Tool t = parse("--pixel-size", "0.108", "--frame-interval", "0.03", "--gaps", "reject", "--non-finite",
                "drop_track", "--model", "rolling-msd", "--device", "CUDA");
        ReadOptions r = t.read.applyTo(ReadOptions.builder()).build();
        assertEquals(0.108, r.pixelSize());
        assertEquals(0.03, r.frameInterval().orElseThrow());
        assertEquals(GapPolicy.REJECT, r.gapPolicy());
        assertEquals(NonFinitePolicy.DROP_TRACK, r.nonFinitePolicy());
        assertEquals("rolling-msd", t.models.model());
        assertEquals("cuda", t.models.checkedDevice());
    }

    @Test
    void badValuesAreUsageErrorsBeforeAnythingIsSet() {
        Tool t = parse("--frame-interval", "-0.03");
        OptionUsageException e = assertThrows(OptionUsageException.class,
                () -> t.read.applyTo(ReadOptions.builder()));
        assertEquals("--frame-interval must be finite and > 0 s, got -0.03", e.getMessage());
        assertThrows(OptionUsageException.class, () -> parse("--device", "tpu").models.checkedDevice());
    }

    @Test
    void theCliWordingIsTheDefaultDescription() {
        String usage = new CommandLine(new Tool()).getUsageMessage().replaceAll("\\s+", " ");
        assertTrue(usage.contains("Frame interval in s (default: from the file when it has one, else 1 s with a "
                + "warning). " + ReadPolicyOptions.OPTION_VS_FILE), usage);
        assertTrue(usage.contains("(default ERROR)"), usage);
        assertTrue(usage.contains("--model=NAME Segmentation model: unet (the default"), usage);
    }

    /** No post-processing option: {@code analyze}'s and the Fiji plugin's defaults, a neural model opened to smooth. */
    @Test
    void postProcessingDefaultsAreTheLibrarysDefaults() {
        PostProcessingOptions p = parse().post;
        assertEquals(PostProcessing.defaults(), p.settings());
        assertTrue(p.refineBoundaries());
        assertEquals(PostProcessing.defaults().segmenterOptions(SegmenterOptions.defaults(), true),
                p.segmenterOptions(SegmenterOptions.defaults()));
    }

    @Test
    void postProcessingOptionsReachTheSettingsAndTheSegmenter() {
        PostProcessingOptions p = parse("--smooth", "4", "--no-refine", "--no-d-changes", "--min-segment", "3").post;
        assertEquals(new PostProcessing(4, false, 3), p.settings());
        SegmenterOptions opened = p.segmenterOptions(SegmenterOptions.defaults().withBackend("jvm"));
        assertEquals(4, opened.switchPenalty());
        assertEquals(false, opened.refineBoundaries());
        assertEquals(false, opened.diffusivityChanges(), "D changes are the pipeline's");
        assertEquals("jvm", opened.backend());
        // --smooth alone is the default penalty; with --no-smooth there is no smoothing
        assertEquals(PostProcessing.defaults(), parse("--smooth").post.settings());
        assertEquals(new PostProcessing(0, true, 1), parse("--no-smooth").post.settings());
        assertEquals(new PostProcessing(0, true, 1), parse("--smooth", "4", "--no-smooth").post.settings());
        assertEquals(0, parse("--no-smooth").post.segmenterOptions(SegmenterOptions.defaults()).switchPenalty());
    }

    @Test
    void badPostProcessingValuesAreUsageErrorsNamingTheOption() {
        for (String v : new String[] {"-1", "NaN", "Infinity"}) {
            OptionUsageException e = assertThrows(OptionUsageException.class,
                    () -> parse("--smooth=" + v).post.validate());
            assertEquals("--smooth must be a finite penalty >= 0 nats, got " + Double.valueOf(v), e.getMessage());
            // a bad penalty is refused even when --no-smooth turns the smoothing off
            assertThrows(OptionUsageException.class, () -> parse("--smooth=" + v, "--no-smooth").post.settings());
        }
        assertEquals("--min-segment must be >= 1, got 0", assertThrows(OptionUsageException.class,
                () -> parse("--min-segment", "0").post.validate()).getMessage());
    }
}
