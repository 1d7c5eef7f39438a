package org.deepspt.npy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The header of a {@code .npy} file: element type and C-order shape.
 *
 * <p>Encoding follows NumPy's {@code np.save} (format 1.0): magic {@code \x93NUMPY}, version bytes 1 0, a
 * little-endian uint16 header length, then the dict
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (3, 2), }}, followed by
 * {@code 21 − digits(shape[0])} spaces of room for growing the first axis (none for 0-d arrays), padded with
 * spaces and a final {@code '\n'} so that the data starts at a multiple of 64 bytes. Because of the growth
 * room the header length does not depend on the first dimension as long as it has at most 21 digits, which
 * lets {@link NpyWriter} rewrite it in place when streaming.
 *
 * @param dtype element type
 * @param shape dimensions, each ≥ 0 (copied; empty for a 0-d array)
 */
public record NpyHeader(NpyDtype dtype, long[] shape) {

    /** The six magic bytes every {@code .npy} file starts with. */
    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int ALIGN = 64;
    private static final int GROWTH_AXIS_MAX_DIGITS = 21;

    /**
     * @param dtype element type
     * @param shape dimensions, each ≥ 0
     * @throws IllegalArgumentException for a negative dimension
     */
    public NpyHeader {
        if (dtype == null) {
            throw new IllegalArgumentException("dtype must not be null");
        }
        shape = shape.clone();
        for (long s : shape) {
            if (s < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
        }
    }

    /**
     * @param dtype element type
     * @param shape dimensions
     * @return the header
     */
    public static NpyHeader of(NpyDtype dtype, long... shape) {
        return new NpyHeader(dtype, shape);
    }

    /** @return a copy of the shape */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** @return the number of elements, the product of the shape (1 for a 0-d array) */
    public long elementCount() {
        long n = 1;
        for (long s : shape) {
            n = Math.multiplyExact(n, s);
        }
        return n;
    }

    /** @return the number of data bytes, {@code elementCount() × dtype.byteSize()} */
    public long dataBytes() {
        return Math.multiplyExact(elementCount(), dtype.byteSize());
    }

    /** @return the Python-literal dict text without padding, e.g. {@code {'descr': '<f4', …, }} */
    String dictText() {
        StringBuilder sb = new StringBuilder("{'descr': '").append(dtype.descr())
                .append("', 'fortran_order': False, 'shape': (");
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(shape[i]);
        }
        if (shape.length == 1) {
            sb.append(',');
        }
        sb.append("), }");
        return sb.toString();
    }

    /**
     * Encodes magic, version, length and padded dict.
     *
     * @return the header bytes; their count is a multiple of 64
     */
    public byte[] encode() {
        StringBuilder text = new StringBuilder(dictText());
        if (shape.length > 0) {
            text.append(" ".repeat(Math.max(0, GROWTH_AXIS_MAX_DIGITS - Long.toString(shape[0]).length())));
        }
        int hlen = text.length() + 1;
        int pad = ALIGN - ((MAGIC.length + 2 + 2 + hlen) % ALIGN);
        if (pad == ALIGN) {
            pad = 0;
        }
        text.append(" ".repeat(pad)).append('\n');
        byte[] dict = text.toString().getBytes(StandardCharsets.ISO_8859_1);
        if (dict.length > 0xFFFF) {
            throw new IllegalArgumentException("header too long for format 1.0: " + dict.length + " bytes");
        }
        ByteBuffer buf = ByteBuffer.allocate(MAGIC.length + 4 + dict.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) dict.length).put(dict);
        return buf.array();
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof NpyHeader h && h.dtype == dtype && Arrays.equals(h.shape, shape);
    }

    @Override
    public int hashCode() {
        return 31 * dtype.hashCode() + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return "NpyHeader[" + dtype.descr() + ", shape=" + Arrays.toString(shape) + "]";
    }
}
