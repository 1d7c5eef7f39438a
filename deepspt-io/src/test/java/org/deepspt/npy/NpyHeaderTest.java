package org.deepspt.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class NpyHeaderTest {

    @Test
    void headerBytesAreExact() {
        byte[] h = NpyHeader.of(NpyDtype.FLOAT32, 3, 2).encode();
        assertEquals(128, h.length);
        assertArrayEquals(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, 118, 0}, Arrays.copyOf(h, 10));
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (3, 2), }";
        String expected = dict + " ".repeat(118 - 1 - dict.length()) + "\n";
        assertEquals(expected, new String(h, 10, 118, StandardCharsets.ISO_8859_1));
    }

    @Test
    void oneDimensionalShapeHasTrailingComma() {
        assertEquals("{'descr': '|i1', 'fortran_order': False, 'shape': (5,), }",
                NpyHeader.of(NpyDtype.INT8, 5).dictText());
        assertEquals("{'descr': '<f8', 'fortran_order': False, 'shape': (), }",
                NpyHeader.of(NpyDtype.FLOAT64).dictText());
    }

    @Test
    void lengthIsAlignedAndIndependentOfFirstDimension() {
        int base = NpyHeader.of(NpyDtype.INT64, 0, 7).encode().length;
        for (long rows : new long[] {1, 99, 123_456_789L, Long.MAX_VALUE}) {
            byte[] h = NpyHeader.of(NpyDtype.INT64, rows, 7).encode();
            assertEquals(base, h.length, "rows " + rows);
            assertEquals(0, h.length % 64);
            assertEquals('\n', h[h.length - 1]);
        }
    }

    @Test
    void countsAndValidation() {
        NpyHeader h = NpyHeader.of(NpyDtype.INT32, 4, 5);
        assertEquals(20, h.elementCount());
        assertEquals(80, h.dataBytes());
        assertEquals(1, NpyHeader.of(NpyDtype.INT8).elementCount());
        assertThrows(IllegalArgumentException.class, () -> NpyHeader.of(NpyDtype.INT8, -1));
        assertEquals(NpyHeader.of(NpyDtype.INT8, 2, 3), NpyHeader.of(NpyDtype.INT8, 2, 3));
    }

    @Test
    void dtypeLookup() {
        assertEquals(NpyDtype.FLOAT32, NpyDtype.ofDescr("<f4"));
        assertEquals(NpyDtype.INT8, NpyDtype.ofDescr("<i1"));
        assertEquals(NpyDtype.INT8, NpyDtype.ofDescr("|i1"));
        assertThrows(IllegalArgumentException.class, () -> NpyDtype.ofDescr(">f4"));
        assertThrows(IllegalArgumentException.class, () -> NpyDtype.ofDescr("|O"));
    }
}
