package org.deepspt.fingerprint;

/**
 * Shape family: the {@link ConvexHull} of the points, their largest pairwise distance d<sub>max</sub>
 * (found among the hull vertices, µm; shared with trappedness) and the features {@code convex_hull},
 * {@code efficiency}, {@code log_efficiency} and {@code fractal_dimension} (definitions on
 * {@link DiffusionalFingerprint}). Per-thread scratch object (part of
 * {@link DiffusionalFingerprint.Workspace}); not thread-safe.
 */
final class PathShape {
    private int[] order = new int[0];
    private int[] hull = new int[0];
    private double hullMeasure;
    private double maxDistance;

    /**
     * Measures the hull and d<sub>max</sub> of points {@code from..from+n−1}.
     *
     * @param axes 2 or 3 per-axis coordinate arrays, µm
     * @param from first point
     * @param n number of points, ≥ 1
     */
    void measure(double[][] axes, int from, int n) {
        if (order.length < n) {
            int c = Math.max(n, 2 * order.length);
            order = new int[c];
            hull = new int[c + 1];
        }
        if (axes.length == 2) {
            int h = ConvexHull.hull2d(axes[0], axes[1], from, n, order, hull);
            hullMeasure = ConvexHull.polygonArea(axes[0], axes[1], hull, h);
            maxDistance = maxDistance(axes, hull, h);
        } else {
            hullMeasure = ConvexHull.Hull3d.build(axes[0], axes[1], axes[2], from, n, order);
            if (order[0] < 0) {
                maxDistance = maxDistanceAll(axes, from, n);
            } else {
                int h = 0;
                for (int i = 0; i < n; i++) {
                    if (order[i] == 1) {
                        hull[h++] = from + i;
                    }
                }
                maxDistance = maxDistance(axes, hull, h);
            }
        }
    }

    /** @return d<sub>max</sub> of the last measured points, µm */
    double maxDistance() {
        return maxDistance;
    }

    /**
     * Writes the shape features.
     *
     * @param axes the measured coordinates, µm
     * @param from first point
     * @param n number of points, ≥ 2
     * @param steps the step lengths of the same points
     * @param out destination, indexed by {@link FingerprintFeature#ordinal()} + {@code o}
     * @param o offset
     */
    void write(double[][] axes, int from, int n, StepLengths steps, double[] out, int o) {
        int m = n - 1;
        double e2 = 0;
        for (double[] c : axes) {
            double d = c[from + n - 1] - c[from];
            e2 += d * d;
        }
        double sumSl = steps.sum();
        double sumSl2 = steps.sumOfSquares();
        double eff = sumSl2 > 0 ? e2 / (m * sumSl2) : Double.NaN;
        double fdDen = Math.log(m) + Math.log(maxDistance / sumSl);
        out[o + FingerprintFeature.EFFICIENCY.ordinal()] = eff;
        out[o + FingerprintFeature.LOG_EFFICIENCY.ordinal()] = eff > 0 ? Math.log(eff) : Double.NaN;
        out[o + FingerprintFeature.FRACTAL_DIMENSION.ordinal()] = sumSl > 0 && fdDen > 0
                ? Math.log(m) / fdDen : Double.NaN;
        out[o + FingerprintFeature.CONVEX_HULL.ordinal()] = hullMeasure;
    }

    private static double maxDistance(double[][] axes, int[] idx, int h) {
        double best = 0;
        int dim = axes.length;
        for (int i = 0; i < h; i++) {
            for (int j = i + 1; j < h; j++) {
                double s = 0;
                for (int a = 0; a < dim; a++) {
                    double d = axes[a][idx[i]] - axes[a][idx[j]];
                    s += d * d;
                }
                best = Math.max(best, s);
            }
        }
        return Math.sqrt(best);
    }

    private static double maxDistanceAll(double[][] axes, int from, int n) {
        double best = 0;
        int dim = axes.length;
        for (int i = from; i < from + n; i++) {
            for (int j = i + 1; j < from + n; j++) {
                double s = 0;
                for (int a = 0; a < dim; a++) {
                    double d = axes[a][i] - axes[a][j];
                    s += d * d;
                }
                best = Math.max(best, s);
            }
        }
        return Math.sqrt(best);
    }
}
