package org.deepspt.npy;

import java.util.Locale;

/**
 * Element types supported by {@link NpyWriter} and {@link NpyReader}: little-endian, fixed width.
 *
 * <p>The descriptor is the string NumPy writes in the header's {@code 'descr'} field; single-byte types use
 * NumPy's byte-order-free {@code '|'} prefix when written, and {@code '<'} or {@code '|'} is accepted on
 * reading.
 */
public enum NpyDtype {
    /** {@code <f4}: IEEE-754 single precision. */
    FLOAT32("<f4", 4),
    /** {@code <f8}: IEEE-754 double precision. */
    FLOAT64("<f8", 8),
    /** {@code |i1}: signed byte. */
    INT8("|i1", 1),
    /** {@code <i4}: signed 32-bit integer. */
    INT32("<i4", 4),
    /** {@code <i8}: signed 64-bit integer. */
    INT64("<i8", 8);

    private final String descr;
    private final int bytes;

    NpyDtype(String descr, int bytes) {
        this.descr = descr;
        this.bytes = bytes;
    }

    /** @return the descriptor written in the header, e.g. {@code "<f4"} */
    public String descr() {
        return descr;
    }

    /** @return bytes per element */
    public int byteSize() {
        return bytes;
    }

    /**
     * Looks a descriptor up.
     *
     * @param descr a NumPy descriptor such as {@code "<f4"}, {@code "|i1"} or {@code "<i1"}
     * @return the matching type
     * @throws IllegalArgumentException when the type is not supported (big-endian, unsigned, complex, …)
     */
    public static NpyDtype ofDescr(String descr) {
        String d = descr.trim().toLowerCase(Locale.ROOT);
        for (NpyDtype t : values()) {
            if (t.descr.equals(d)) {
                return t;
            }
        }
        if (d.equals("<i1") || d.equals("i1") || d.equals("<b") || d.equals("|b")) {
            return INT8;
        }
        throw new IllegalArgumentException("unsupported dtype '" + descr + "' (supported: <f4, <f8, |i1, <i4, <i8)");
    }
}
