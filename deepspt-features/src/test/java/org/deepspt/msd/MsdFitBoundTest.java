package org.deepspt.msd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MsdFitBoundTest {

    @Test
    void labelsRoundTripAndFlagsMatch() {
        assertEquals("none", MsdFitBound.NONE.label());
        assertEquals("D", MsdFitBound.D.label());
        assertEquals("alpha", MsdFitBound.ALPHA.label());
        assertEquals("D+alpha", MsdFitBound.D_AND_ALPHA.label());
        for (MsdFitBound b : MsdFitBound.values()) {
            assertEquals(b, MsdFitBound.ofLabel(b.label()));
            assertEquals(b, MsdFitBound.of(b.diffusion(), b.alpha()));
            assertEquals(b != MsdFitBound.NONE, b.any());
        }
        assertTrue(MsdFitBound.D_AND_ALPHA.diffusion() && MsdFitBound.D_AND_ALPHA.alpha());
        assertFalse(MsdFitBound.D.alpha());
        assertFalse(MsdFitBound.ALPHA.diffusion());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MsdFitBound.ofLabel("d"));
        assertTrue(e.getMessage().contains("'d'"), e.getMessage());
    }
}
