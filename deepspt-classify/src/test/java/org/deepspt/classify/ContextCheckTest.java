package org.deepspt.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deepspt.classify.ContextCheck.Difference;
import org.deepspt.classify.ContextCheck.Part;
import org.deepspt.fingerprint.FingerprintContext;
import org.deepspt.fingerprint.FingerprintFeature;
import org.junit.jupiter.api.Test;

class ContextCheckTest {
    private static final String SMOOTHED = FingerprintContext.postProcessing(9, true, true, 1);
    private static final FingerprintContext TRAINED = FingerprintContext.of(2, List.of(0.03, 0.1), "µm", "unet",
            SMOOTHED);

    @Test
    void theSameContextPasses() {
        ContextCheck c = ContextCheck.of(TRAINED, FingerprintContext.of(2, List.of(0.1), "µm", "unet", SMOOTHED));
        assertEquals(List.of(), c.differences());
        assertEquals(List.of(), c.unknownInModel());
        assertEquals(List.of(), c.unknownInInput());
        assertTrue(c.dimension().isEmpty());
    }

    @Test
    void anotherDimensionIsRefusedNamingBothValues() {
        ContextCheck c = ContextCheck.of(TRAINED, TRAINED.withDimension(3));
        assertEquals(new Difference(Part.DIMENSION, "2D", "3D"), c.dimension().orElseThrow());
        ContextMismatchException e = assertThrows(ContextMismatchException.class,
                () -> c.requireSameDimension("m.json", "t3.csv"));
        assertEquals("classifier m.json was trained on fingerprints of 2D tracks but t3.csv has 3D tracks: its "
                + "dimension changes what every feature means, so no answer would mean anything; train a classifier "
                + "on 3D tracks", e.getMessage());
    }

    @Test
    void everyOtherPartThatDiffersIsNamedWithBothValues() {
        FingerprintContext input = FingerprintContext.of(2, List.of(0.01, 0.1), "px", "rolling-msd",
                FingerprintContext.postProcessing(0, false, false, 1)).withDefinitionVersion(1);
        ContextCheck c = ContextCheck.of(TRAINED, input);
        assertTrue(c.dimension().isEmpty());
        assertEquals(List.of("frame interval 0.01 s (classifier: 0.03, 0.1 s)", "length unit px (classifier: µm)",
                "segmenter 'rolling-msd' (classifier: 'unet')", "post-processing "
                + "smooth=0.0;refine=off;d-changes=off;min-segment=1 (classifier: "
                + "smooth=9.0;refine=on;d-changes=on;min-segment=1)", "fingerprint version 1 (classifier: "
                + FingerprintFeature.DEFINITION_VERSION + ")"),
                c.differences().stream().map(Difference::describe).toList());
    }

    @Test
    void intervalsAgreeWithinARelativeMillionth() {
        assertEquals(List.of(), ContextCheck.of(TRAINED, TRAINED.withFrameIntervals(List.of(0.0300000001)))
                .differences());
    }

    @Test
    void unknownPartsAreListedPerSide() {
        ContextCheck c = ContextCheck.of(FingerprintContext.UNKNOWN.withSegmenter("unet"), TRAINED);
        assertEquals(List.of(Part.DIMENSION, Part.FRAME_INTERVAL, Part.LENGTH_UNIT, Part.POST_PROCESSING,
                Part.DEFINITION_VERSION), c.unknownInModel());
        assertEquals(List.of(), c.unknownInInput());
        assertEquals(List.of(), c.differences());
        assertEquals("dimension, frame interval, length unit, post-processing and fingerprint version",
                ContextCheck.words(c.unknownInModel()));
        ContextCheck none = ContextCheck.of(TRAINED, FingerprintContext.UNKNOWN);
        assertEquals(List.of(Part.values()), none.unknownInInput());
        assertTrue(none.dimension().isEmpty());
        // a version-1 model and an old table: both sides lack everything, and each side says so
        ContextCheck neither = ContextCheck.of(FingerprintContext.UNKNOWN, FingerprintContext.UNKNOWN);
        assertEquals(List.of(Part.values()), neither.unknownInModel());
        assertEquals(List.of(Part.values()), neither.unknownInInput());
    }
}
