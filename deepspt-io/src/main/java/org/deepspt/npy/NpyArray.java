package org.deepspt.npy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * An immutable n-dimensional array in C (row-major) order with a {@link NpyDtype} element type, as stored in
 * a {@code .npy} file. The data is held as little-endian bytes; the {@code to…Array()} accessors return fresh
 * copies and check the element type.
 *
 * <p>Arrays are limited to fewer than 2<sup>31</sup> data bytes (Java array size).
 */
public final class NpyArray {
    private final NpyHeader header;
    private final byte[] data;

    private NpyArray(NpyHeader header, byte[] data) {
        if (header.dataBytes() != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(header.shape()) + " of "
                    + header.dtype().descr() + " needs " + header.dataBytes() + " bytes, got " + data.length);
        }
        this.header = header;
        this.data = data;
    }

    /** Wraps raw little-endian bytes without copying; callers must not modify them afterwards. */
    static NpyArray wrap(NpyHeader header, byte[] littleEndianData) {
        return new NpyArray(header, littleEndianData);
    }

    private static ByteBuffer buffer(int elements, int size) {
        return ByteBuffer.allocate(Math.multiplyExact(elements, size)).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static long[] shapeOrVector(long[] shape, int length) {
        return shape.length == 0 ? new long[] {length} : shape;
    }

    /**
     * @param values elements in C order
     * @param shape dimensions; empty means a vector of {@code values.length}
     * @return a float32 array
     * @throws IllegalArgumentException when the shape does not match the number of values
     */
    public static NpyArray ofFloats(float[] values, long... shape) {
        ByteBuffer b = buffer(values.length, 4);
        b.asFloatBuffer().put(values);
        return new NpyArray(NpyHeader.of(NpyDtype.FLOAT32, shapeOrVector(shape, values.length)), b.array());
    }

    /**
     * @param values elements in C order
     * @param shape dimensions; empty means a vector
     * @return a float64 array
     */
    public static NpyArray ofDoubles(double[] values, long... shape) {
        ByteBuffer b = buffer(values.length, 8);
        b.asDoubleBuffer().put(values);
        return new NpyArray(NpyHeader.of(NpyDtype.FLOAT64, shapeOrVector(shape, values.length)), b.array());
    }

    /**
     * @param values elements in C order
     * @param shape dimensions; empty means a vector
     * @return an int8 array
     */
    public static NpyArray ofBytes(byte[] values, long... shape) {
        return new NpyArray(NpyHeader.of(NpyDtype.INT8, shapeOrVector(shape, values.length)), values.clone());
    }

    /**
     * @param values elements in C order
     * @param shape dimensions; empty means a vector
     * @return an int32 array
     */
    public static NpyArray ofInts(int[] values, long... shape) {
        ByteBuffer b = buffer(values.length, 4);
        b.asIntBuffer().put(values);
        return new NpyArray(NpyHeader.of(NpyDtype.INT32, shapeOrVector(shape, values.length)), b.array());
    }

    /**
     * @param values elements in C order
     * @param shape dimensions; empty means a vector
     * @return an int64 array
     */
    public static NpyArray ofLongs(long[] values, long... shape) {
        ByteBuffer b = buffer(values.length, 8);
        b.asLongBuffer().put(values);
        return new NpyArray(NpyHeader.of(NpyDtype.INT64, shapeOrVector(shape, values.length)), b.array());
    }

    /** @return the header (type and shape) */
    public NpyHeader header() {
        return header;
    }

    /** @return the element type */
    public NpyDtype dtype() {
        return header.dtype();
    }

    /** @return a copy of the shape */
    public long[] shape() {
        return header.shape();
    }

    /** @return the number of elements */
    public int size() {
        return (int) header.elementCount();
    }

    /** @return a copy of the raw little-endian data bytes */
    public byte[] rawBytes() {
        return data.clone();
    }

    ByteBuffer view() {
        return ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    private void require(NpyDtype expected) {
        if (dtype() != expected) {
            throw new IllegalStateException("array has dtype " + dtype().descr() + ", not " + expected.descr());
        }
    }

    /** @return the elements of a float32 array */
    public float[] toFloatArray() {
        require(NpyDtype.FLOAT32);
        float[] out = new float[size()];
        view().asFloatBuffer().get(out);
        return out;
    }

    /** @return the elements of a float64 array */
    public double[] toDoubleArray() {
        require(NpyDtype.FLOAT64);
        double[] out = new double[size()];
        view().asDoubleBuffer().get(out);
        return out;
    }

    /** @return the elements of an int8 array */
    public byte[] toByteArray() {
        require(NpyDtype.INT8);
        return data.clone();
    }

    /** @return the elements of an int32 array */
    public int[] toIntArray() {
        require(NpyDtype.INT32);
        int[] out = new int[size()];
        view().asIntBuffer().get(out);
        return out;
    }

    /** @return the elements of an int64 array */
    public long[] toLongArray() {
        require(NpyDtype.INT64);
        long[] out = new long[size()];
        view().asLongBuffer().get(out);
        return out;
    }

    /**
     * Elements of any integer type widened to {@code long}.
     *
     * @return the elements
     * @throws IllegalStateException for a floating-point array
     */
    public long[] toLongArrayWidening() {
        long[] out = new long[size()];
        ByteBuffer v = view();
        switch (dtype()) {
            case INT8 -> {
                for (int i = 0; i < out.length; i++) {
                    out[i] = data[i];
                }
            }
            case INT32 -> {
                for (int i = 0; i < out.length; i++) {
                    out[i] = v.getInt(4 * i);
                }
            }
            case INT64 -> v.asLongBuffer().get(out);
            default -> throw new IllegalStateException("array has floating dtype " + dtype().descr());
        }
        return out;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof NpyArray a && a.header.equals(header) && Arrays.equals(a.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * header.hashCode() + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "NpyArray[" + dtype().descr() + ", shape=" + Arrays.toString(header.shape()) + "]";
    }
}
