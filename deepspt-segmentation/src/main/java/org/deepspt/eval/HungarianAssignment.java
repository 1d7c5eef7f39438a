package org.deepspt.eval;

import java.util.Arrays;

/**
 * Minimum-cost assignment (linear sum assignment) of the rows of a rectangular cost matrix to its columns
 * by the Hungarian method (Kuhn–Munkres) with dual potentials and shortest augmenting paths.
 *
 * <p>For an r × c matrix with finite costs, every row is assigned to a distinct column when r ≤ c (and
 * every column to a distinct row when r &gt; c), minimising the total cost Σ cost[i][assigned(i)]; the
 * number of assigned pairs is min(r, c). This is the problem {@code scipy.optimize.linear_sum_assignment}
 * solves. When several assignments reach the minimum, which one is returned is deterministic (it depends
 * only on the matrix) but unspecified.
 *
 * <p>Algorithm: H. W. Kuhn, "The Hungarian method for the assignment problem", Naval Research Logistics
 * Quarterly 2 (1955) 83–97, doi:10.1002/nav.3800020109; J. Munkres, "Algorithms for the assignment and
 * transportation problems", J. SIAM 5 (1957) 32–38, doi:10.1137/0105003. Rows are added one at a time;
 * each addition finds a shortest augmenting path with Dijkstra-like relaxation on reduced costs
 * (potentials u, v with cost[i][j] − u[i] − v[j] ≥ 0), O(r² · c) time for r ≤ c, O(r · c) memory.
 *
 * <p>Stateless; the static method is thread-safe.
 */
public final class HungarianAssignment {

    private HungarianAssignment() {
    }

    /**
     * @param cost r × c matrix of finite costs (rows of equal length; r or c may be 0)
     * @return {@code assignment[i]} = the column assigned to row i, or −1 for a row left unassigned
     *     (only when r &gt; c)
     * @throws IllegalArgumentException if the rows differ in length or a cost is NaN or infinite
     */
    public static int[] solve(double[][] cost) {
        int r = cost.length;
        if (r == 0) {
            return new int[0];
        }
        int c = cost[0].length;
        for (int i = 0; i < r; i++) {
            if (cost[i].length != c) {
                throw new IllegalArgumentException("cost row " + i + " has " + cost[i].length
                        + " entries, row 0 has " + c);
            }
            for (int j = 0; j < c; j++) {
                if (!Double.isFinite(cost[i][j])) {
                    throw new IllegalArgumentException("cost[" + i + "][" + j + "] is " + cost[i][j]);
                }
            }
        }
        int[] out = new int[r];
        Arrays.fill(out, -1);
        if (c == 0) {
            return out;
        }
        if (r <= c) {
            int[] rowOfColumn = solveRowsLeColumns(cost, r, c, false);
            for (int j = 0; j < c; j++) {
                if (rowOfColumn[j] >= 0) {
                    out[rowOfColumn[j]] = j;
                }
            }
        } else {
            // Transposed problem: columns become rows.
            int[] colOfRow = solveRowsLeColumns(cost, c, r, true);
            for (int i = 0; i < r; i++) {
                out[i] = colOfRow[i];
            }
        }
        return out;
    }

    /**
     * Shortest-augmenting-path Hungarian method for n ≤ m (n rows, m columns of the possibly transposed
     * matrix). Returns, for each of the m columns, its row (−1 if free).
     */
    private static int[] solveRowsLeColumns(double[][] a, int n, int m, boolean transposed) {
        // 1-based arrays; index 0 is the virtual source row/column.
        double[] u = new double[n + 1];
        double[] v = new double[m + 1];
        int[] p = new int[m + 1];      // p[j] = row matched to column j (0 = none)
        int[] way = new int[m + 1];
        double[] minv = new double[m + 1];
        boolean[] used = new boolean[m + 1];
        for (int i = 1; i <= n; i++) {
            p[0] = i;
            int j0 = 0;
            Arrays.fill(minv, Double.POSITIVE_INFINITY);
            Arrays.fill(used, false);
            do {
                used[j0] = true;
                int i0 = p[j0];
                double delta = Double.POSITIVE_INFINITY;
                int j1 = -1;
                for (int j = 1; j <= m; j++) {
                    if (!used[j]) {
                        double cur = (transposed ? a[j - 1][i0 - 1] : a[i0 - 1][j - 1]) - u[i0] - v[j];
                        if (cur < minv[j]) {
                            minv[j] = cur;
                            way[j] = j0;
                        }
                        if (minv[j] < delta) {
                            delta = minv[j];
                            j1 = j;
                        }
                    }
                }
                for (int j = 0; j <= m; j++) {
                    if (used[j]) {
                        u[p[j]] += delta;
                        v[j] -= delta;
                    } else {
                        minv[j] -= delta;
                    }
                }
                j0 = j1;
            } while (p[j0] != 0);
            do {
                int j1 = way[j0];
                p[j0] = p[j1];
                j0 = j1;
            } while (j0 != 0);
        }
        int[] rowOfColumn = new int[m];
        for (int j = 1; j <= m; j++) {
            rowOfColumn[j - 1] = p[j] - 1;
        }
        return rowOfColumn;
    }
}
