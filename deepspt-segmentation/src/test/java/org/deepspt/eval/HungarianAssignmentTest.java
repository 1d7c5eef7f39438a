package org.deepspt.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class HungarianAssignmentTest {

    /** The example of scipy.optimize.linear_sum_assignment: minimum 1 + 2 + 2 = 5, unique. */
    @Test
    void squareGolden() {
        double[][] c = {{4, 1, 3}, {2, 0, 5}, {3, 2, 2}};
        assertArrayEquals(new int[] {1, 0, 2}, HungarianAssignment.solve(c));
    }

    /**
     * 2 × 3: the six assignments cost 1+4, 1+6, 2+2, 2+6, 3+2, 3+4; the minimum 4 is row 0 → 1, row 1 → 0.
     * The 3 × 2 transpose has the same optimum, with row 2 left out.
     */
    @Test
    void rectangularGolden() {
        assertArrayEquals(new int[] {1, 0}, HungarianAssignment.solve(new double[][] {{1, 2, 3}, {2, 4, 6}}));
        assertArrayEquals(new int[] {1, 0, -1}, HungarianAssignment.solve(new double[][] {{1, 2}, {2, 4}, {3, 6}}));
    }

    @Test
    void emptyAndInvalid() {
        assertArrayEquals(new int[0], HungarianAssignment.solve(new double[0][]));
        assertArrayEquals(new int[] {-1, -1}, HungarianAssignment.solve(new double[2][0]));
        assertThrows(IllegalArgumentException.class, () -> HungarianAssignment.solve(new double[][] {{1, 2}, {1}}));
        assertThrows(IllegalArgumentException.class,
                () -> HungarianAssignment.solve(new double[][] {{Double.NaN}}));
    }

    /** Minimum total cost equals brute force over all injective assignments, random shapes up to 5 × 5. */
    @Test
    void matchesBruteForce() {
        Random rnd = new Random(3);
        for (int trial = 0; trial < 400; trial++) {
            int r = 1 + rnd.nextInt(5);
            int c = 1 + rnd.nextInt(5);
            double[][] cost = new double[r][c];
            for (double[] row : cost) {
                for (int j = 0; j < c; j++) {
                    row[j] = trial % 2 == 0 ? rnd.nextInt(6) : rnd.nextDouble() * 10;   // ties in half
                }
            }
            int[] a = HungarianAssignment.solve(cost);
            boolean[] usedCol = new boolean[c];
            double total = 0;
            int pairs = 0;
            for (int i = 0; i < r; i++) {
                if (a[i] >= 0) {
                    assertEquals(false, usedCol[a[i]], "column used twice");
                    usedCol[a[i]] = true;
                    total += cost[i][a[i]];
                    pairs++;
                }
            }
            assertEquals(Math.min(r, c), pairs);
            assertEquals(brute(cost, 0, new boolean[c], r <= c), total, 1e-9, "trial " + trial);
        }
    }

    /** Best cost of assigning rows from {@code i} on (r ≤ c) or leaving r − c rows out (r > c). */
    private static double brute(double[][] cost, int i, boolean[] used, boolean allRows) {
        int r = cost.length;
        int c = cost[0].length;
        if (i == r) {
            int usedCount = 0;
            for (boolean u : used) {
                usedCount += u ? 1 : 0;
            }
            return usedCount == Math.min(r, c) ? 0 : Double.POSITIVE_INFINITY;
        }
        double best = allRows ? Double.POSITIVE_INFINITY : brute(cost, i + 1, used, false);
        for (int j = 0; j < c; j++) {
            if (!used[j]) {
                used[j] = true;
                best = Math.min(best, cost[i][j] + brute(cost, i + 1, used, allRows));
                used[j] = false;
            }
        }
        return best;
    }
}
