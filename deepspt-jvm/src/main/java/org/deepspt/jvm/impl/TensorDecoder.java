package org.deepspt.jvm.impl;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.deepspt.jvm.impl.onnx.TensorProto;

/**
 * Decodes an ONNX {@code TensorProto} (initializer or attribute) into a {@link Tensor}: float32, int64,
 * int32 (widened to int64), double (narrowed to float32), bool, and int8 / uint8 (quantised weights and zero
 * points, {@link Tensor.Type#INT8} / {@link Tensor.Type#UINT8}), from {@code raw_data} (little endian; one
 * byte per int8, uint8 or bool) or the typed fields ({@code int32_data} for int8, uint8 and bool). External
 * data and other element types are refused with {@link IllegalArgumentException}.
 */
public final class TensorDecoder {
    private TensorDecoder() {
    }

    /** @param t the protobuf tensor @return the decoded tensor (unpooled) */
    public static Tensor decode(TensorProto t) {
        if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL || t.getExternalDataCount() > 0) {
            throw new IllegalArgumentException("tensor '" + t.getName() + "' uses external data");
        }
        int[] shape = new int[t.getDimsCount()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            long d = t.getDims(i);
            if (d < 0 || d > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("tensor '" + t.getName() + "' has dimension " + d);
            }
            shape[i] = (int) d;
            count = count == 0 || d == 0 ? 0 : count > Integer.MAX_VALUE / d ? Integer.MAX_VALUE : count * d;
        }
        if (count > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("tensor '" + t.getName() + "' of shape " + Arrays.toString(shape)
                    + " has more elements than a Java array holds");
        }
        int n = (int) count;
        boolean raw = !t.getRawData().isEmpty();
        ByteBuffer bb = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        // The data must be there before the array for them is allocated: a shape is a claim, the data a fact.
        int type = t.getDataType();
        long have = raw ? bb.remaining() : switch (type) {
            case 1 -> t.getFloatDataCount();
            case 11 -> t.getDoubleDataCount();
            case 7 -> t.getInt64DataCount();
            default -> t.getInt32DataCount();
        };
        long need = raw ? (long) n * switch (type) {
            case 11, 7 -> 8;
            case 1, 6 -> 4;
            default -> 1;
        } : n;
        if (type == 1 || type == 11 || type == 7 || type == 6 || type == 9 || type == 3 || type == 2) {
            check(t, have, need);
            LoadBudget.charge(n, type == 1 || type == 11 ? Float.BYTES : type == 9 ? 1 : Long.BYTES);
        }
        switch (t.getDataType()) {
            case 1: { // FLOAT
                float[] v = new float[n];
                if (raw) {
                    check(t, bb.remaining(), 4L * n);
                    bb.asFloatBuffer().get(v);
                } else {
                    check(t, t.getFloatDataCount(), n);
                    for (int i = 0; i < n; i++) {
                        v[i] = t.getFloatData(i);
                    }
                }
                return Tensor.of(shape, v);
            }
            case 11: { // DOUBLE, narrowed
                float[] v = new float[n];
                if (raw) {
                    check(t, bb.remaining(), 8L * n);
                    for (int i = 0; i < n; i++) {
                        v[i] = (float) bb.getDouble(8 * i);
                    }
                } else {
                    check(t, t.getDoubleDataCount(), n);
                    for (int i = 0; i < n; i++) {
                        v[i] = (float) t.getDoubleData(i);
                    }
                }
                return Tensor.of(shape, v);
            }
            case 7: { // INT64
                long[] v = new long[n];
                if (raw) {
                    check(t, bb.remaining(), 8L * n);
                    bb.asLongBuffer().get(v);
                } else {
                    check(t, t.getInt64DataCount(), n);
                    for (int i = 0; i < n; i++) {
                        v[i] = t.getInt64Data(i);
                    }
                }
                return Tensor.of(shape, v);
            }
            case 6: { // INT32, widened
                long[] v = new long[n];
                if (raw) {
                    check(t, bb.remaining(), 4L * n);
                    for (int i = 0; i < n; i++) {
                        v[i] = bb.getInt(4 * i);
                    }
                } else {
                    check(t, t.getInt32DataCount(), n);
                    for (int i = 0; i < n; i++) {
                        v[i] = t.getInt32Data(i);
                    }
                }
                return Tensor.of(shape, v);
            }
            case 9: { // BOOL (one byte each raw, int32_data otherwise)
                boolean[] v = new boolean[n];
                if (raw) {
                    check(t, bb.remaining(), n);
                    for (int i = 0; i < n; i++) {
                        v[i] = bb.get(i) != 0;
                    }
                } else {
                    check(t, t.getInt32DataCount(), n);
                    for (int i = 0; i < n; i++) {
                        v[i] = t.getInt32Data(i) != 0;
                    }
                }
                return Tensor.of(shape, v);
            }
            case 3: // INT8
            case 2: { // UINT8
                boolean signed = t.getDataType() == 3;
                int lo = signed ? -128 : 0;
                int hi = signed ? 127 : 255;
                long[] v = new long[n];
                if (raw) {
                    check(t, bb.remaining(), n);
                    for (int i = 0; i < n; i++) {
                        byte x = bb.get(i);
                        v[i] = signed ? x : x & 0xff;
                    }
                } else {
                    check(t, t.getInt32DataCount(), n);
                    for (int i = 0; i < n; i++) {
                        int x = t.getInt32Data(i);
                        if (x < lo || x > hi) {
                            throw new IllegalArgumentException("tensor '" + t.getName() + "' holds " + x
                                    + ", outside " + (signed ? "int8" : "uint8"));
                        }
                        v[i] = x;
                    }
                }
                return Tensor.quantized(signed ? Tensor.Type.INT8 : Tensor.Type.UINT8, shape, v);
            }
            default:
                throw new IllegalArgumentException("tensor '" + t.getName() + "' has data type " + t.getDataType()
                        + " (supported: float32, double, int32, int64, bool, int8, uint8)");
        }
    }

    private static void check(TensorProto t, long have, long need) {
        if (have != need) {
            throw new IllegalArgumentException("tensor '" + t.getName() + "' holds " + have + " values/bytes, its shape needs "
                    + need);
        }
    }
}
