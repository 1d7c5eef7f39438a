package org.deepspt.fingerprint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ConvexHullTest {

    @Test
    void squareWithInteriorEdgeAndDuplicatePoints() {
        double[] x = {0, 2, 2, 0, 1, 1, 2, 0, 0.5, 2};
        double[] y = {0, 0, 2, 2, 1, 0, 1, 2, 1.5, 0};
        assertEquals(4.0, ConvexHull.area(x, y), 1e-12);
    }

    @Test
    void degenerateSetsHaveZeroArea() {
        assertEquals(0, ConvexHull.area(new double[0], new double[0]), 0);
        assertEquals(0, ConvexHull.area(new double[] {1}, new double[] {1}), 0);
        assertEquals(0, ConvexHull.area(new double[] {1, 1, 1}, new double[] {2, 2, 2}), 0);
        assertEquals(0, ConvexHull.area(new double[] {0, 1, 2, 3, 1.5}, new double[] {0, 2, 4, 6, 3}), 0);
        assertEquals(0, ConvexHull.volume(new double[] {0, 1, 0}, new double[] {0, 0, 1}, new double[3]), 0);
        // coplanar (z = x + y) and collinear 3D sets
        Random r = new Random(3);
        double[] px = new double[50];
        double[] py = new double[50];
        double[] pz = new double[50];
        for (int i = 0; i < 50; i++) {
            px[i] = r.nextDouble();
            py[i] = r.nextDouble();
            pz[i] = px[i] + py[i];
        }
        assertEquals(0, ConvexHull.volume(px, py, pz), 1e-12);
        assertEquals(0, ConvexHull.volume(px, px, px), 0);
    }

    @Test
    void triangleArea() {
        assertEquals(6.0, ConvexHull.area(new double[] {0, 4, 0}, new double[] {0, 0, 3}), 1e-12);
    }

    @Test
    void cubeWithInteriorAndDuplicatePoints() {
        Random r = new Random(7);
        int n = 8 + 200 + 8;
        double[] x = new double[n];
        double[] y = new double[n];
        double[] z = new double[n];
        for (int i = 0; i < 8; i++) {
            x[i] = 2 * (i & 1);
            y[i] = 2 * ((i >> 1) & 1);
            z[i] = 2 * ((i >> 2) & 1);
            x[n - 1 - i] = x[i];
            y[n - 1 - i] = y[i];
            z[n - 1 - i] = z[i];
        }
        for (int i = 8; i < 208; i++) {
            x[i] = 2 * r.nextDouble();
            y[i] = 2 * r.nextDouble();
            z[i] = i % 5 == 0 ? 2.0 : 2 * r.nextDouble(); // some on the top face
        }
        assertEquals(8.0, ConvexHull.volume(x, y, z), 1e-9);
    }

    @Test
    void pointsOnASphereApproachItsVolume() {
        Random r = new Random(11);
        int n = 2000;
        double[] x = new double[n];
        double[] y = new double[n];
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            double a = r.nextGaussian();
            double b = r.nextGaussian();
            double c = r.nextGaussian();
            double norm = Math.sqrt(a * a + b * b + c * c);
            x[i] = a / norm;
            y[i] = b / norm;
            z[i] = c / norm;
        }
        double v = ConvexHull.volume(x, y, z);
        double sphere = 4.0 / 3 * Math.PI;
        assertEquals(sphere, v, 0.01 * sphere);
        // order does not matter
        double[][] s = shuffled(r, x, y, z);
        assertEquals(v, ConvexHull.volume(s[0], s[1], s[2]), 1e-9);
    }

    @Test
    void hugeCoordinatesGiveTheAreaOrInfinityNotAnIndexOutOfBounds() {
        // 1e300: products overflow; before scaling, NaN turn tests let the chain outgrow its buffer.
        double[] x = new double[9];
        double[] y = new double[9];
        for (int i = 0; i < 9; i++) {
            x[i] = 1e300 * (1 + 0.1 * i);
            y[i] = -1e300 * (1 + 0.05 * ((i * 3) % 4));
        }
        assertEquals(Double.POSITIVE_INFINITY, ConvexHull.area(x, y), "beyond the double range");
        assertEquals(Double.POSITIVE_INFINITY, ConvexHull.measure(new double[][] {x, y}, 0, 9));
        // Scaled but representable: a right triangle with legs 1e154 µm has area 5e307 µm².
        double a = ConvexHull.area(new double[] {1e154, 2e154, 1e154, 1.2e154}, new double[] {-1e154, -1e154, 0,
            -0.9e154});
        assertEquals(5e307, a, 1e-12 * 5e307);
        // Points collinear at that scale are still collinear.
        assertEquals(0, ConvexHull.area(new double[] {1e300, 2e300, 3e300}, new double[] {1e300, 2e300, 3e300}), 0);
    }

    @Test
    void randomPolygonAreaIsOrderInvariantAndBoundedByBox() {
        Random r = new Random(5);
        double[] x = new double[500];
        double[] y = new double[500];
        for (int i = 0; i < 500; i++) {
            double t = 2 * Math.PI * r.nextDouble();
            double rad = Math.sqrt(r.nextDouble());
            x[i] = rad * Math.cos(t);
            y[i] = rad * Math.sin(t);
        }
        double a = ConvexHull.area(x, y);
        assertEquals(Math.PI, a, 0.05 * Math.PI);
        double[][] s = shuffled(r, x, y);
        assertEquals(a, ConvexHull.area(s[0], s[1]), 1e-12);
        assertEquals(a, ConvexHull.measure(new double[][] {x, y}, 0, 500), 0);
    }

    private static double[][] shuffled(Random r, double[]... axes) {
        int n = axes[0].length;
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        double[][] out = new double[axes.length][n];
        for (int a = 0; a < axes.length; a++) {
            for (int i = 0; i < n; i++) {
                out[a][i] = axes[a][p[i]];
            }
        }
        return out;
    }
}
