package org.deepspt.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class OversamplingTest {

    @Test
    void balancesClassesWithRowsOfTheRightClass() {
        int[] y = new int[130];
        for (int i = 0; i < y.length; i++) {
            y[i] = i < 100 ? 0 : i < 120 ? 1 : 2;
        }
        int[] rows = Oversampling.balance(y, 3, 5);
        assertEquals(300, rows.length);
        int[] counts = new int[3];
        for (int r : rows) {
            counts[y[r]]++;
        }
        assertArrayEquals(new int[] {100, 100, 100}, counts);
        for (int i = 0; i < y.length; i++) {
            assertEquals(i, rows[i], "originals kept in order");
        }
        // the 80 extra class-2 draws (10 rows) use every row about equally: each at least once
        assertTrue(Arrays.stream(rows, 130, 300).filter(r -> y[r] == 2).distinct().count() == 10);
        assertArrayEquals(rows, Oversampling.balance(y, 3, 5));
        assertNotEquals(Arrays.toString(rows), Arrays.toString(Oversampling.balance(y, 3, 6)));
    }

    @Test
    void balancedInputUnchanged() {
        int[] y = {0, 1, 0, 1};
        assertArrayEquals(new int[] {0, 1, 2, 3}, Oversampling.balance(y, 2, 1));
    }
}
