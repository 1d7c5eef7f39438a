package org.deepspt.jvm.impl;

import java.util.Arrays;

/**
 * A dense row-major tensor of one of the element types the interpreter runs: {@code float32},
 * {@code int64} or {@code bool}, and the quantised {@code int8} and {@code uint8}, held widened in a
 * {@code long[]}, which only QuantizeLinear and DequantizeLinear produce or read (the other operators refuse
 * them).
 *
 * <p>The backing array may be longer than {@link #size()} (float buffers come from an {@link Arena} and
 * are reused across runs); only the first {@code size()} elements are the tensor. A tensor is not changed
 * after the operator that produced it returns. Not thread-safe; one run owns its tensors.
 */
public final class Tensor {

    /** Element type, with its ONNX {@code TensorProto.DataType} code. */
    public enum Type {
        /** float32, ONNX code 1. */
        FLOAT(1),
        /** int64, ONNX code 7. */
        INT64(7),
        /** bool, ONNX code 9. */
        BOOL(9),
        /** int8 (−128…127, held in a {@code long[]}), ONNX code 3. */
        INT8(3),
        /** uint8 (0…255, held in a {@code long[]}), ONNX code 2. */
        UINT8(2);

        private final int onnx;

        Type(int onnx) {
            this.onnx = onnx;
        }

        /** @return the ONNX data-type code */
        public int onnxCode() {
            return onnx;
        }

        /** @param code ONNX data-type code @return the type, or {@code null} when not supported */
        public static Type ofOnnx(int code) {
            for (Type t : values()) {
                if (t.onnx == code) {
                    return t;
                }
            }
            return null;
        }

        /** @return whether the elements are held in a {@code long[]} (int64, int8, uint8) */
        public boolean integral() {
            return this == INT64 || this == INT8 || this == UINT8;
        }
    }

    private final Type type;
    private final int[] shape;
    private final int size;
    private final float[] f;
    private final long[] l;
    private final boolean[] b;
    private final boolean pooled;

    private Tensor(Type type, int[] shape, float[] f, long[] l, boolean[] b, boolean pooled) {
        this.type = type;
        this.shape = shape;
        this.size = sizeOf(shape);
        this.f = f;
        this.l = l;
        this.b = b;
        this.pooled = pooled;
        int cap = f != null ? f.length : l != null ? l.length : b.length;
        if (cap < size) {
            throw new IllegalArgumentException("array of " + cap + " elements for shape " + Arrays.toString(shape));
        }
    }

    /** @param shape dimensions, each ≥ 0 @return their product */
    public static int sizeOf(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            }
            n *= d;
            if (n > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException("tensor too large: " + Arrays.toString(shape));
            }
        }
        return (int) n;
    }

    /** @return a float tensor over {@code data} (not copied, not pooled) */
    public static Tensor of(int[] shape, float[] data) {
        return new Tensor(Type.FLOAT, shape.clone(), data, null, null, false);
    }

    /** @return an int64 tensor over {@code data} (not copied) */
    public static Tensor of(int[] shape, long[] data) {
        return new Tensor(Type.INT64, shape.clone(), null, data, null, false);
    }

    /**
     * @param type {@link Type#INT8} or {@link Type#UINT8}
     * @param data values, each within the type's range (not copied, not checked)
     * @return a quantised tensor over {@code data}
     */
    public static Tensor quantized(Type type, int[] shape, long[] data) {
        if (type != Type.INT8 && type != Type.UINT8) {
            throw new IllegalArgumentException("not a quantised type: " + type);
        }
        return new Tensor(type, shape.clone(), null, data, null, false);
    }

    /** @return a new int8 or uint8 tensor whose buffer is taken from {@code arena} (contents unspecified) */
    public static Tensor quantized(Type type, Arena arena, int[] shape) {
        if (type != Type.INT8 && type != Type.UINT8) {
            throw new IllegalArgumentException("not a quantised type: " + type);
        }
        return new Tensor(type, shape, null, arena.takeLongs(sizeOf(shape)), null, true);
    }

    /** @return a bool tensor over {@code data} (not copied) */
    public static Tensor of(int[] shape, boolean[] data) {
        return new Tensor(Type.BOOL, shape.clone(), null, null, data, false);
    }

    /** @return a new float tensor whose buffer is taken from {@code arena} (returned to it after last use) */
    public static Tensor floats(Arena arena, int[] shape) {
        return new Tensor(Type.FLOAT, shape, arena.take(sizeOf(shape)), null, null, true);
    }

    /** @return a new int64 tensor whose buffer is taken from {@code arena} (contents unspecified) */
    public static Tensor longs(Arena arena, int[] shape) {
        return new Tensor(Type.INT64, shape, null, arena.takeLongs(sizeOf(shape)), null, true);
    }

    /** @return a new zero-filled int64 tensor */
    public static Tensor longs(int[] shape) {
        int n = sizeOf(shape);
        LoadBudget.charge(n, Long.BYTES);
        return new Tensor(Type.INT64, shape, null, new long[n], null, false);
    }

    /** @return a new all-false bool tensor */
    public static Tensor bools(int[] shape) {
        int n = sizeOf(shape);
        LoadBudget.charge(n, 1);
        return new Tensor(Type.BOOL, shape, null, null, new boolean[n], false);
    }

    /** @return a new tensor of {@code type}; float buffers come from {@code arena} */
    public static Tensor allocate(Type type, int[] shape, Arena arena) {
        switch (type) {
            case FLOAT:
                return floats(arena, shape);
            case INT64:
                return longs(arena, shape);
            case INT8:
            case UINT8:
                return quantized(type, arena, shape);
            default:
                return bools(shape);
        }
    }

    /** Returns this tensor's buffer to {@code arena} when it came from one. */
    public void release(Arena arena) {
        if (pooled) {
            if (f != null) {
                arena.give(f);
            } else if (l != null) {
                arena.give(l);
            }
        }
    }

    /** @return a copy with exactly sized, unpooled arrays (for constants kept beyond a run) */
    public Tensor detached() {
        LoadBudget.charge(size, type == Type.FLOAT ? Float.BYTES : type == Type.BOOL ? 1 : Long.BYTES);
        switch (type) {
            case FLOAT:
                return of(shape, Arrays.copyOf(f, size));
            case INT64:
                return of(shape, Arrays.copyOf(l, size));
            case INT8:
            case UINT8:
                return quantized(type, shape, Arrays.copyOf(l, size));
            default:
                return of(shape, Arrays.copyOf(b, size));
        }
    }

    /** @return element type */
    public Type type() {
        return type;
    }

    /** @return the shape; do not modify */
    public int[] shape() {
        return shape;
    }

    /** @return number of dimensions */
    public int rank() {
        return shape.length;
    }

    /** @param axis dimension index @return its extent */
    public int dim(int axis) {
        return shape[axis];
    }

    /** @return number of elements */
    public int size() {
        return size;
    }

    /** @return float data (length ≥ size) */
    public float[] floats() {
        if (f == null) {
            throw new IllegalStateException("expected a float tensor, got " + type);
        }
        return f;
    }

    /** @return int64, int8 or uint8 data (length ≥ size) */
    public long[] longs() {
        if (l == null) {
            throw new IllegalStateException("expected an integer tensor, got " + type);
        }
        return l;
    }

    /** @return bool data (length ≥ size) */
    public boolean[] bools() {
        if (b == null) {
            throw new IllegalStateException("expected a bool tensor, got " + type);
        }
        return b;
    }

    /** @return whether the buffer belongs to an arena */
    public boolean pooled() {
        return pooled;
    }

    /** @param i flat index @return element i as a double (bool: 1 or 0) */
    public double getDouble(int i) {
        switch (type) {
            case FLOAT:
                return f[i];
            case INT64:
            case INT8:
            case UINT8:
                return l[i];
            default:
                return b[i] ? 1 : 0;
        }
    }

    /** @param i flat index @return element i as a long (float: truncated toward zero) */
    public long getLong(int i) {
        switch (type) {
            case FLOAT:
                return (long) f[i];
            case INT64:
            case INT8:
            case UINT8:
                return l[i];
            default:
                return b[i] ? 1 : 0;
        }
    }

    /** @return the elements as longs (for shape, axes and index inputs) */
    public long[] toLongArray() {
        LoadBudget.charge(size, Long.BYTES);
        long[] out = new long[size];
        for (int i = 0; i < size; i++) {
            out[i] = getLong(i);
        }
        return out;
    }

    /** @return row-major strides of {@code shape} */
    public static int[] strides(int[] shape) {
        int[] s = new int[shape.length];
        int acc = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= shape[i];
        }
        return s;
    }

    @Override
    public String toString() {
        return type + Arrays.toString(shape);
    }
}
