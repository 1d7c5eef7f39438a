package org.deepspt.fingerprint;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Convex hull area (2D) and volume (3D) of point sets, for the {@code convex_hull} fingerprint feature.
 *
 * <ul>
 *   <li>2D: Andrew's monotone chain (O(N log N)) on the points sorted by (x, y), collinear points
 *       dropped (a turn counts only when its cross product exceeds 1e-12 × the squared largest side of the
 *       bounding box, so points collinear up to rounding give 0), then the shoelace formula A = ½·|Σ (x<sub>i</sub>·y<sub>i+1</sub> −
 *       x<sub>i+1</sub>·y<sub>i</sub>)| over the hull, µm². commons-math3's {@code MonotoneChain} would
 *       also do, but its {@code ConvexHull2D} rejects degenerate hulls with an exception and allocates a
 *       {@code Vector2D} per point; this version is allocation-light and returns 0 for them.</li>
 *   <li>3D: incremental hull (commons-math3 has no 3D hull): an initial tetrahedron of extreme points,
 *       then each point outside the current hull (signed distance to a face plane &gt; ε) replaces the
 *       faces it sees by a fan of faces from the horizon to the point. The volume is
 *       V = Σ<sub>faces</sub> det(a − o, b − o, c − o)/6 with o inside, µm³. Expected cost O(N·h) for h
 *       hull faces.</li>
 * </ul>
 * Tolerance: ε = 1e-10 × the largest side of the bounding box. Coordinates beyond ±2<sup>500</sup> µm (e.g.
 * 1e300, whose products overflow) are scaled by a power of two for the 2D turn tests and the shoelace sum,
 * so the hull stays a hull and an area beyond the double range is +∞, never an index out of bounds.
 * Degenerate inputs (fewer than 3 (2D) or 4
 * (3D) points, duplicates only, all points collinear (2D) or coplanar within ε (3D)) give 0, never an
 * exception. Stateless and thread-safe.
 */
public final class ConvexHull {
    private static final double REL_EPS = 1e-10;
    private static final double CROSS_EPS = 1e-12;

    private ConvexHull() {
    }

    /**
     * @param x x coordinates, µm
     * @param y y coordinates, µm (same length)
     * @return area of the convex hull, µm² (0 for degenerate sets)
     */
    public static double area(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y must have equal lengths, got " + x.length + " and " + y.length);
        }
        int n = x.length;
        return area(x, y, 0, n, new int[n], new int[n + 1]);
    }

    /**
     * @param x x coordinates, µm
     * @param y y coordinates, µm
     * @param z z coordinates, µm (all the same length)
     * @return volume of the convex hull, µm³ (0 for degenerate sets)
     */
    public static double volume(double[] x, double[] y, double[] z) {
        if (x.length != y.length || x.length != z.length) {
            throw new IllegalArgumentException("x, y and z must have equal lengths");
        }
        return Hull3d.build(x, y, z, 0, x.length, null);
    }

    /**
     * Area (2 axes) or volume (3 axes) of {@code axes[a][from .. from+n)}.
     *
     * @param axes per-axis coordinates, µm; 2 or 3 axes
     * @param from first point
     * @param n number of points
     * @return µm² or µm³
     */
    public static double measure(double[][] axes, int from, int n) {
        if (axes.length == 2) {
            return area(axes[0], axes[1], from, n, new int[n], new int[n + 1]);
        }
        if (axes.length == 3) {
            return Hull3d.build(axes[0], axes[1], axes[2], from, n, null);
        }
        throw new IllegalArgumentException("convex hull needs 2 or 3 axes, got " + axes.length);
    }

    /**
     * 2D hull area with caller buffers: {@code order} (length ≥ n) is scratch, {@code hull}
     * (length ≥ n + 1) receives the hull vertex indices as in {@link #hull2d}.
     */
    static double area(double[] x, double[] y, int from, int n, int[] order, int[] hull) {
        return polygonArea(x, y, hull, hull2d(x, y, from, n, order, hull));
    }

    /** Largest |coordinate| below which differences and their products cannot overflow. */
    private static final double SAFE_MAGNITUDE = 0x1p500;

    /**
     * @param magnitude largest |coordinate| of the points
     * @return 1 for ordinary coordinates, else the power of two that brings them below 1 in magnitude
     */
    private static double scaleFor(double magnitude) {
        return magnitude <= SAFE_MAGNITUDE ? 1.0 : Math.scalb(1.0, -(Math.getExponent(magnitude) + 1));
    }

    /** Shoelace area of the polygon with vertices {@code hull[0..h)}; 0 when h &lt; 3. */
    static double polygonArea(double[] x, double[] y, int[] hull, int h) {
        if (h < 3) {
            return 0;
        }
        double magnitude = 0;
        for (int i = 0; i < h; i++) {
            magnitude = Math.max(magnitude, Math.max(Math.abs(x[hull[i]]), Math.abs(y[hull[i]])));
        }
        double c = scaleFor(magnitude);
        double s = 0;
        double x0 = x[hull[0]] * c;
        double y0 = y[hull[0]] * c;
        for (int i = 1; i + 1 < h; i++) {
            int a = hull[i];
            int b = hull[i + 1];
            s += (x[a] * c - x0) * (y[b] * c - y0) - (x[b] * c - x0) * (y[a] * c - y0);
        }
        return Math.abs(0.5 * s) / c / c;
    }

    /**
     * Monotone chain. {@code order} (length ≥ n) is scratch; {@code hull} (length ≥ n + 1) receives the
     * vertex indices counter-clockwise without repetition of the first.
     *
     * @return number of hull vertices (1 for identical points, 2 for collinear points)
     */
    static int hull2d(double[] x, double[] y, int from, int n, int[] order, int[] hull) {
        if (n <= 0) {
            return 0;
        }
        for (int i = 0; i < n; i++) {
            order[i] = from + i;
        }
        sortByXy(order, n, x, y);
        double x0 = x[order[0]];
        double x1 = x[order[n - 1]];
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            yMin = Math.min(yMin, y[order[i]]);
            yMax = Math.max(yMax, y[order[i]]);
        }
        double c = scaleFor(Math.max(Math.max(Math.abs(x0), Math.abs(x1)), Math.max(Math.abs(yMin),
                Math.abs(yMax))));
        double extent = Math.max(x1 * c - x0 * c, yMax * c - yMin * c);
        double tol = CROSS_EPS * extent * extent;
        int k = 0;
        for (int i = 0; i < n; i++) {
            int p = order[i];
            while (k >= 2 && cross(x, y, hull[k - 2], hull[k - 1], p, c) <= tol) {
                k--;
            }
            hull[k++] = p;
        }
        int lower = k + 1;
        for (int i = n - 2; i >= 0; i--) {
            int p = order[i];
            while (k >= lower && cross(x, y, hull[k - 2], hull[k - 1], p, c) <= tol) {
                k--;
            }
            hull[k++] = p;
        }
        int h = k - 1;
        if (h < 1) {
            h = 1;
        }
        // identical points: both ends equal
        if (h == 2 && x[hull[0]] == x[hull[1]] && y[hull[0]] == y[hull[1]]) {
            h = 1;
        }
        return h;
    }

    /** Cross product of (a − o) and (b − o), coordinates × {@code c} (a power of two, usually 1). */
    private static double cross(double[] x, double[] y, int o, int a, int b, double c) {
        return (x[a] * c - x[o] * c) * (y[b] * c - y[o] * c) - (y[a] * c - y[o] * c) * (x[b] * c - x[o] * c);
    }

    /** Insertion sort for short runs, else a merge sort on indices by (x, y). */
    private static void sortByXy(int[] idx, int n, double[] x, double[] y) {
        if (n < 32) {
            insertion(idx, 0, n, x, y);
            return;
        }
        int[] tmp = new int[n];
        mergeSort(idx, tmp, 0, n, x, y);
    }

    private static void mergeSort(int[] a, int[] tmp, int lo, int hi, double[] x, double[] y) {
        if (hi - lo < 32) {
            insertion(a, lo, hi, x, y);
            return;
        }
        int mid = (lo + hi) >>> 1;
        mergeSort(a, tmp, lo, mid, x, y);
        mergeSort(a, tmp, mid, hi, x, y);
        if (less(a[mid - 1], a[mid], x, y) <= 0) {
            return;
        }
        System.arraycopy(a, lo, tmp, lo, hi - lo);
        int i = lo;
        int j = mid;
        for (int k = lo; k < hi; k++) {
            if (i < mid && (j >= hi || less(tmp[i], tmp[j], x, y) <= 0)) {
                a[k] = tmp[i++];
            } else {
                a[k] = tmp[j++];
            }
        }
    }

    private static void insertion(int[] a, int lo, int hi, double[] x, double[] y) {
        for (int i = lo + 1; i < hi; i++) {
            int v = a[i];
            int j = i - 1;
            while (j >= lo && less(a[j], v, x, y) > 0) {
                a[j + 1] = a[j];
                j--;
            }
            a[j + 1] = v;
        }
    }

    private static int less(int p, int q, double[] x, double[] y) {
        int c = Double.compare(x[p], x[q]);
        return c != 0 ? c : Double.compare(y[p], y[q]);
    }

    /** Incremental 3D hull. */
    static final class Hull3d {
        private final double[] x;
        private final double[] y;
        private final double[] z;
        private int[] fa = new int[64];
        private int[] fb = new int[64];
        private int[] fc = new int[64];
        private double[] nx = new double[64];
        private double[] ny = new double[64];
        private double[] nz = new double[64];
        private double[] off = new double[64];
        private int faces;
        private double ox;
        private double oy;
        private double oz;
        private double eps;
        private int[] edges = new int[96];

        private Hull3d(double[] x, double[] y, double[] z) {
            this.x = x;
            this.y = y;
            this.z = z;
        }

        /**
         * @param vertices when non-null, must have length ≥ n; receives hull vertex flags (1 = vertex) at
         *     relative positions; untouched for a degenerate set
         * @return the hull volume, µm³; 0 for a degenerate set (then vertices[0] is set to −1 when given)
         */
        static double build(double[] x, double[] y, double[] z, int from, int n, int @Nullable [] vertices) {
            if (vertices != null && n > 0) {
                vertices[0] = -1;
            }
            if (n < 4) {
                return 0;
            }
            return new Hull3d(x, y, z).run(from, n, vertices);
        }

        private double run(int from, int n, int @Nullable [] vertices) {
            int to = from + n;
            double minX = Double.POSITIVE_INFINITY;
            double maxX = Double.NEGATIVE_INFINITY;
            double minY = minX;
            double maxY = maxX;
            double minZ = minX;
            double maxZ = maxX;
            int i0 = from;
            for (int i = from; i < to; i++) {
                if (x[i] < minX) {
                    minX = x[i];
                    i0 = i;
                }
                maxX = Math.max(maxX, x[i]);
                minY = Math.min(minY, y[i]);
                maxY = Math.max(maxY, y[i]);
                minZ = Math.min(minZ, z[i]);
                maxZ = Math.max(maxZ, z[i]);
            }
            double extent = Math.max(maxX - minX, Math.max(maxY - minY, maxZ - minZ));
            if (!(extent > 0)) {
                return 0;
            }
            eps = REL_EPS * extent;
            int i1 = -1;
            double best = 0;
            for (int i = from; i < to; i++) {
                double d = dist2(i, i0);
                if (d > best) {
                    best = d;
                    i1 = i;
                }
            }
            if (i1 < 0 || Math.sqrt(best) <= eps) {
                return 0;
            }
            int i2 = -1;
            best = 0;
            double ux = x[i1] - x[i0];
            double uy = y[i1] - y[i0];
            double uz = z[i1] - z[i0];
            double ul = Math.sqrt(ux * ux + uy * uy + uz * uz);
            for (int i = from; i < to; i++) {
                double vx = x[i] - x[i0];
                double vy = y[i] - y[i0];
                double vz = z[i] - z[i0];
                double cx = uy * vz - uz * vy;
                double cy = uz * vx - ux * vz;
                double cz = ux * vy - uy * vx;
                double d = Math.sqrt(cx * cx + cy * cy + cz * cz) / ul;
                if (d > best) {
                    best = d;
                    i2 = i;
                }
            }
            if (i2 < 0 || best <= eps) {
                return 0;
            }
            addFace(i0, i1, i2);
            int i3 = -1;
            best = 0;
            for (int i = from; i < to; i++) {
                double d = Math.abs(distance(0, i));
                if (d > best) {
                    best = d;
                    i3 = i;
                }
            }
            if (i3 < 0 || best <= eps) {
                return 0;
            }
            ox = (x[i0] + x[i1] + x[i2] + x[i3]) / 4;
            oy = (y[i0] + y[i1] + y[i2] + y[i3]) / 4;
            oz = (z[i0] + z[i1] + z[i2] + z[i3]) / 4;
            faces = 0;
            addOriented(i0, i1, i2);
            addOriented(i0, i1, i3);
            addOriented(i0, i2, i3);
            addOriented(i1, i2, i3);
            for (int p = from; p < to; p++) {
                if (p == i0 || p == i1 || p == i2 || p == i3) {
                    continue;
                }
                addPoint(p);
            }
            double vol = 0;
            for (int f = 0; f < faces; f++) {
                vol += det(fa[f], fb[f], fc[f]);
            }
            if (vertices != null) {
                Arrays.fill(vertices, 0, n, 0);
                for (int f = 0; f < faces; f++) {
                    vertices[fa[f] - from] = 1;
                    vertices[fb[f] - from] = 1;
                    vertices[fc[f] - from] = 1;
                }
            }
            return Math.abs(vol) / 6.0;
        }

        private double det(int a, int b, int c) {
            double ax = x[a] - ox;
            double ay = y[a] - oy;
            double az = z[a] - oz;
            double bx = x[b] - ox;
            double by = y[b] - oy;
            double bz = z[b] - oz;
            double cx = x[c] - ox;
            double cy = y[c] - oy;
            double cz = z[c] - oz;
            return ax * (by * cz - bz * cy) - ay * (bx * cz - bz * cx) + az * (bx * cy - by * cx);
        }

        private double dist2(int i, int j) {
            double dx = x[i] - x[j];
            double dy = y[i] - y[j];
            double dz = z[i] - z[j];
            return dx * dx + dy * dy + dz * dz;
        }

        private double distance(int f, int p) {
            return nx[f] * x[p] + ny[f] * y[p] + nz[f] * z[p] - off[f];
        }

        private void addPoint(int p) {
            int ne = 0;
            int w = 0;
            // remove visible faces (compacting in place), collecting their directed edges
            for (int f = 0; f < faces; f++) {
                if (distance(f, p) > eps) {
                    if (edges.length < 2 * (ne + 3)) {
                        edges = Arrays.copyOf(edges, edges.length * 2);
                    }
                    edges[2 * ne] = fa[f];
                    edges[2 * ne + 1] = fb[f];
                    edges[2 * ne + 2] = fb[f];
                    edges[2 * ne + 3] = fc[f];
                    edges[2 * ne + 4] = fc[f];
                    edges[2 * ne + 5] = fa[f];
                    ne += 3;
                } else {
                    if (w != f) {
                        copyFace(f, w);
                    }
                    w++;
                }
            }
            if (ne == 0) {
                return;
            }
            faces = w;
            for (int e = 0; e < ne; e++) {
                int a = edges[2 * e];
                int b = edges[2 * e + 1];
                boolean shared = false;
                for (int g = 0; g < ne; g++) {
                    if (edges[2 * g] == b && edges[2 * g + 1] == a) {
                        shared = true;
                        break;
                    }
                }
                if (!shared) {
                    addOriented(a, b, p);
                }
            }
        }

        private void copyFace(int from, int to) {
            fa[to] = fa[from];
            fb[to] = fb[from];
            fc[to] = fc[from];
            nx[to] = nx[from];
            ny[to] = ny[from];
            nz[to] = nz[from];
            off[to] = off[from];
        }

        /** Adds face (a, b, c), flipping it if needed so that the interior point o is behind it. */
        private void addOriented(int a, int b, int c) {
            int f = addFace(a, b, c);
            if (nx[f] * ox + ny[f] * oy + nz[f] * oz - off[f] > 0) {
                fb[f] = c;
                fc[f] = b;
                nx[f] = -nx[f];
                ny[f] = -ny[f];
                nz[f] = -nz[f];
                off[f] = -off[f];
            }
        }

        private int addFace(int a, int b, int c) {
            if (faces == fa.length) {
                int len = faces * 2;
                fa = Arrays.copyOf(fa, len);
                fb = Arrays.copyOf(fb, len);
                fc = Arrays.copyOf(fc, len);
                nx = Arrays.copyOf(nx, len);
                ny = Arrays.copyOf(ny, len);
                nz = Arrays.copyOf(nz, len);
                off = Arrays.copyOf(off, len);
            }
            int f = faces++;
            double ux = x[b] - x[a];
            double uy = y[b] - y[a];
            double uz = z[b] - z[a];
            double vx = x[c] - x[a];
            double vy = y[c] - y[a];
            double vz = z[c] - z[a];
            double cx = uy * vz - uz * vy;
            double cy = uz * vx - ux * vz;
            double cz = ux * vy - uy * vx;
            double len = Math.sqrt(cx * cx + cy * cy + cz * cz);
            if (len > 0) {
                cx /= len;
                cy /= len;
                cz /= len;
            }
            fa[f] = a;
            fb[f] = b;
            fc[f] = c;
            nx[f] = cx;
            ny[f] = cy;
            nz[f] = cz;
            off[f] = cx * x[a] + cy * y[a] + cz * z[a];
            return f;
        }
    }
}
