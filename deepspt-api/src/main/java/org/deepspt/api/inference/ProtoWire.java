package org.deepspt.api.inference;

import java.nio.charset.StandardCharsets;

/**
 * A reader of the protocol-buffers wire format over a slice of a byte array, enough to walk an ONNX model
 * without generated classes: fields are visited in file order, length-delimited values are returned as
 * slices (no copy), and every length and offset is checked against the slice before it is used, so a
 * truncated or forged file ends in a {@link Malformed} naming the byte offset, never in an array index error
 * or an allocation of the size a field claims.
 */
final class ProtoWire {
    /** Wire type of a varint. */
    static final int VARINT = 0;
    /** Wire type of a fixed 64-bit value. */
    static final int I64 = 1;
    /** Wire type of a length-delimited value (message, string, bytes, packed repeated). */
    static final int LEN = 2;
    /** Wire type of a fixed 32-bit value. */
    static final int I32 = 5;

    /** The file is not valid protobuf wire format. */
    static final class Malformed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message);
        }
    }

    private final byte[] data;
    private final int end;
    private int pos;
    private int field;
    private int wireType;
    private long varint;
    private int sliceFrom;
    private int sliceTo;

    private ProtoWire(byte[] data, int from, int to) {
        this.data = data;
        this.pos = from;
        this.end = to;
    }

    /** @return a reader of {@code data[from, to)} */
    static ProtoWire of(byte[] data, int from, int to) {
        return new ProtoWire(data, from, to);
    }

    /** @return a reader of the current length-delimited field's bytes */
    ProtoWire message() {
        return new ProtoWire(data, sliceFrom, sliceTo);
    }

    /**
     * Reads the next field's key and value.
     *
     * @return false at the end of the slice
     * @throws Malformed when the key or value runs past the slice or uses a wire type ONNX never writes
     */
    boolean next() {
        if (pos >= end) {
            return false;
        }
        int at = pos;
        long key = readVarint();
        field = (int) (key >>> 3);
        wireType = (int) (key & 7);
        if (field <= 0 || key >>> 3 > 536_870_911L) {
            throw new Malformed("invalid field number at byte " + at);
        }
        switch (wireType) {
            case VARINT -> varint = readVarint();
            case I64 -> skip(8, at);
            case I32 -> {
                sliceFrom = pos;
                skip(4, at);
            }
            case LEN -> {
                long n = readVarint();
                if (n < 0 || n > end - pos) {
                    throw new Malformed("field " + field + " at byte " + at + " claims " + n + " bytes, "
                            + (end - pos) + " remain");
                }
                sliceFrom = pos;
                sliceTo = pos + (int) n;
                pos = sliceTo;
            }
            default -> throw new Malformed("wire type " + wireType + " of field " + field + " at byte " + at
                    + " is not used by ONNX");
        }
        return true;
    }

    private void skip(int n, int at) {
        if (end - pos < n) {
            throw new Malformed("field " + field + " at byte " + at + " is truncated");
        }
        sliceFrom = pos;
        sliceTo = pos + n;
        pos += n;
    }

    private long readVarint() {
        long v = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            if (pos >= end) {
                throw new Malformed("truncated varint at byte " + pos);
            }
            byte b = data[pos++];
            v |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return v;
            }
        }
        throw new Malformed("varint longer than 10 bytes at byte " + pos);
    }

    /** @return the current field's number */
    int field() {
        return field;
    }

    /** @return the current field's wire type */
    int wireType() {
        return wireType;
    }

    /** @return the current varint field's value */
    long varint() {
        return varint;
    }

    /** @return the current length-delimited field's length in bytes */
    int length() {
        return sliceTo - sliceFrom;
    }

    /** @return the current length-delimited field as UTF-8 text */
    String string() {
        return new String(data, sliceFrom, sliceTo - sliceFrom, StandardCharsets.UTF_8);
    }

    /** @return the current fixed 32-bit field as a float */
    float fixed32Float() {
        return Float.intBitsToFloat(le32(sliceFrom));
    }

    /** @return the little-endian int at {@code at} of the underlying array */
    int le32(int at) {
        return (data[at] & 0xff) | (data[at + 1] & 0xff) << 8 | (data[at + 2] & 0xff) << 16 | data[at + 3] << 24;
    }

    /** @return the start of the current length-delimited field in the underlying array */
    int sliceFrom() {
        return sliceFrom;
    }

    /** @return the underlying array */
    byte[] data() {
        return data;
    }

    /**
     * Counts the varints of a packed repeated field (the current field), checking that they fit.
     *
     * @return how many varints it holds
     */
    int packedVarintCount() {
        int n = 0;
        for (int i = sliceFrom; i < sliceTo; i++) {
            if (data[i] >= 0) {
                n++;
            }
        }
        if (sliceTo > sliceFrom && data[sliceTo - 1] < 0) {
            throw new Malformed("truncated packed varints at byte " + (sliceTo - 1));
        }
        return n;
    }

    /**
     * Calls {@code each} with every varint of the current packed repeated field.
     *
     * @param each receives the values in order
     */
    void packedVarints(java.util.function.LongConsumer each) {
        new ProtoWire(data, sliceFrom, sliceTo).eachVarint(each);
    }

    /**
     * Calls {@code each} with every varint from here to the end of this reader's slice.
     *
     * @param each receives the values in order
     */
    void eachVarint(java.util.function.LongConsumer each) {
        while (pos < end) {
            each.accept(readVarint());
        }
    }
}
