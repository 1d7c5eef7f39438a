package org.deepspt.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.function.UnaryOperator;
import org.deepspt.api.DiffusionState;
import org.junit.jupiter.api.Test;

class SimulationConfigTest {

    @Test
    void paperDefaults() {
        SimulationConfig c = SimulationConfig.paper(3);
        assertEquals(3, c.dimension());
        assertEquals(1.0, c.frameInterval());
        assertEquals(1e-4, c.diffusionMin());
        assertEquals(0.5, c.diffusionMax());
        assertEquals(5, c.lengthMin());
        assertEquals(600, c.lengthMax());
        assertEquals(1, c.snrMin());
        assertEquals(16, c.snrMax());
        assertTrue(c.noise());
        assertEquals(5, c.directedRMin());
        assertEquals(25, c.directedRMax());
        assertEquals(5, c.directedNvMin());
        assertEquals(600, c.directedNvMax());
        assertEquals(0.05, c.confinementAxisMin());
        assertEquals(0.25, c.confinementAxisMax());
        assertEquals(100, c.confinementSubSteps());
        assertEquals(0, c.alphaMin());
        assertEquals(0.7, c.alphaMax());
        assertEquals(0.8, c.heterogeneousFraction());
        assertEquals(2, c.segmentCountMin());
        assertEquals(4, c.segmentCountMax());
        assertEquals(5, c.minSegmentLength());
        assertEquals(EnumSet.allOf(DiffusionState.class), c.allowedStates());
        assertThrows(UnsupportedOperationException.class, () -> c.allowedStates().clear());
        assertEquals(c, c.toBuilder().build());
        assertEquals(c.hashCode(), c.toBuilder().build().hashCode());
        SimulationConfig d = c.toBuilder().fixedLength(50).fixedSnr(4).noise(false).build();
        assertEquals(50, d.lengthMin());
        assertEquals(50, d.lengthMax());
        assertEquals(4, d.snrMin());
        assertEquals(4, d.snrMax());
        assertTrue(!d.noise());
        assertTrue(!c.equals(d));
    }

    @Test
    void invalidFieldsAreNamed() {
        assertThrows(IllegalArgumentException.class, () -> SimulationConfig.paper(1));
        assertThrows(IllegalArgumentException.class, () -> SimulationConfig.builder(4));
        assertInvalid("frameInterval", b -> b.frameInterval(0));
        assertInvalid("frameInterval", b -> b.frameInterval(Double.NaN));
        assertInvalid("diffusionRange", b -> b.diffusionRange(0, 1));
        assertInvalid("diffusionRange", b -> b.diffusionRange(0.5, 0.1));
        assertInvalid("lengthRange", b -> b.lengthRange(1, 10));
        assertInvalid("lengthRange", b -> b.lengthRange(10, 9));
        assertInvalid("snrRange", b -> b.snrRange(0, 1));
        assertInvalid("directedRRange", b -> b.directedRRange(-1, 1));
        assertInvalid("directedNvRange", b -> b.directedNvRange(0, 5));
        assertInvalid("confinementAxisRange", b -> b.confinementAxisRange(0, 0.1));
        assertInvalid("confinementSubSteps", b -> b.confinementSubSteps(0));
        assertInvalid("alphaRange", b -> b.alphaRange(-0.1, 0.5));
        assertInvalid("alphaRange", b -> b.alphaRange(0.1, 2.0));
        assertInvalid("heterogeneousFraction", b -> b.heterogeneousFraction(1.5));
        assertInvalid("segmentCountRange", b -> b.segmentCountRange(1, 3));
        assertInvalid("minSegmentLength", b -> b.minSegmentLength(0));
        assertInvalid("allowedStates", b -> b.allowedStates(EnumSet.noneOf(DiffusionState.class)));
        assertInvalid("allowedStates", b -> b.allowedStates(DiffusionState.NORMAL));
        assertInvalid("lengthRange", b -> b.fixedLength(9));
        // Valid: single state without heterogeneous tracks, short fixed lengths then.
        SimulationConfig ok = SimulationConfig.builder(2).allowedStates(DiffusionState.NORMAL)
                .heterogeneousFraction(0).fixedLength(2).build();
        assertEquals(EnumSet.of(DiffusionState.NORMAL), ok.allowedStates());
    }

    private static void assertInvalid(String field, UnaryOperator<SimulationConfig.Builder> change) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> change.apply(SimulationConfig.builder(2)).build());
        assertTrue(e.getMessage().contains(field), () -> "message should name " + field + ": " + e.getMessage());
    }
}
