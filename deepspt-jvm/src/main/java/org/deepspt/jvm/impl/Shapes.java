package org.deepspt.jvm.impl;

import java.util.Arrays;

/** Shape arithmetic shared by the operators: numpy broadcasting, axis normalisation, strided copies. */
public final class Shapes {
    private Shapes() {
    }

    /**
     * Multidirectional (numpy) broadcasting of two shapes.
     *
     * @return the broadcast shape
     * @throws IllegalArgumentException when two dimensions differ and neither is 1
     */
    public static int[] broadcast(int[] a, int[] b) {
        int r = Math.max(a.length, b.length);
        int[] out = new int[r];
        for (int i = 0; i < r; i++) {
            int da = i < r - a.length ? 1 : a[i - (r - a.length)];
            int db = i < r - b.length ? 1 : b[i - (r - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException("shapes " + Arrays.toString(a) + " and " + Arrays.toString(b)
                        + " do not broadcast");
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /**
     * Strides of {@code in} seen from the broadcast shape {@code out}: 0 along broadcast dimensions.
     *
     * @param in input shape (rank ≤ out's)
     * @param out broadcast shape
     * @return one stride per output dimension
     */
    public static int[] broadcastStrides(int[] in, int[] out) {
        int[] s = Tensor.strides(in);
        int[] r = new int[out.length];
        int off = out.length - in.length;
        for (int i = 0; i < in.length; i++) {
            r[i + off] = in[i] == 1 && out[i + off] != 1 ? 0 : s[i];
        }
        return r;
    }

    /**
     * @param axis an axis, negative counting from the end
     * @param rank tensor rank
     * @return the axis in {@code [0, rank)}
     * @throws IllegalArgumentException when out of range
     */
    public static int axis(long axis, int rank) {
        long a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new IllegalArgumentException("axis " + axis + " out of range for rank " + rank);
        }
        return (int) a;
    }

    /** @return product of {@code shape[from..to)} */
    public static int product(int[] shape, int from, int to) {
        int p = 1;
        for (int i = from; i < to; i++) {
            p *= shape[i];
        }
        return p;
    }

    /**
     * Copies {@code dst.size()} elements into the contiguous {@code dst}, reading
     * {@code src[offset + Σ index[d]·strides[d]]} for each index of {@code dst}'s shape (strides may be 0 or
     * negative). Used by Slice, Expand and Transpose.
     */
    public static void stridedCopy(Tensor src, int offset, int[] strides, Tensor dst) {
        int[] shape = dst.shape();
        int n = dst.size();
        if (n == 0) {
            return;
        }
        int rank = shape.length;
        if (rank == 0) {
            copy(src, offset, dst, 0, 1);
            return;
        }
        int inner = shape[rank - 1];
        int innerStride = strides[rank - 1];
        int[] idx = new int[rank];
        int s = offset;
        for (int d = 0; d < n; d += inner) {
            if (innerStride == 1) {
                copy(src, s, dst, d, inner);
            } else {
                gather(src, s, innerStride, dst, d, inner);
            }
            for (int k = rank - 2; k >= 0; k--) {
                idx[k]++;
                s += strides[k];
                if (idx[k] < shape[k]) {
                    break;
                }
                s -= strides[k] * shape[k];
                idx[k] = 0;
            }
        }
    }

    /** Copies {@code n} contiguous elements of the same type. */
    public static void copy(Tensor src, int srcPos, Tensor dst, int dstPos, int n) {
        switch (src.type()) {
            case FLOAT:
                System.arraycopy(src.floats(), srcPos, dst.floats(), dstPos, n);
                break;
            case INT64:
                System.arraycopy(src.longs(), srcPos, dst.longs(), dstPos, n);
                break;
            default:
                System.arraycopy(src.bools(), srcPos, dst.bools(), dstPos, n);
        }
    }

    private static void gather(Tensor src, int s, int stride, Tensor dst, int d, int n) {
        switch (src.type()) {
            case FLOAT: {
                float[] a = src.floats();
                float[] b = dst.floats();
                for (int i = 0; i < n; i++) {
                    b[d + i] = a[s + i * stride];
                }
                break;
            }
            case INT64: {
                long[] a = src.longs();
                long[] b = dst.longs();
                for (int i = 0; i < n; i++) {
                    b[d + i] = a[s + i * stride];
                }
                break;
            }
            default: {
                boolean[] a = src.bools();
                boolean[] b = dst.bools();
                for (int i = 0; i < n; i++) {
                    b[d + i] = a[s + i * stride];
                }
            }
        }
    }

    /** @return a tensor of the same type as {@code like} (float from the arena) */
    public static Tensor newLike(Tensor like, int[] shape, Arena arena) {
        return Tensor.allocate(like.type(), shape, arena);
    }

    /** @return the long values of a 0-d or 1-d int tensor, as ints, checked against int range */
    public static int[] toInts(Tensor t) {
        long[] v = t.toLongArray();
        int[] r = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            if (v[i] > Integer.MAX_VALUE || v[i] < Integer.MIN_VALUE) {
                throw new IllegalArgumentException("value " + v[i] + " out of int range");
            }
            r[i] = (int) v[i];
        }
        return r;
    }
}
