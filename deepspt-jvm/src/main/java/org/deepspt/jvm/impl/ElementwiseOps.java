package org.deepspt.jvm.impl;

import java.util.Arrays;

/**
 * Elementwise operators with numpy broadcasting: Add, Sub, Mul, Div, Mod, Equal, Where, Clip, Relu, Sqrt, Log, Exp,
 * Cast. Semantics of ONNX opsets 13–21.
 */
public final class ElementwiseOps {
    private ElementwiseOps() {
    }

    /** The binary operators. */
    public enum Kind {
        /** a + b. */
        ADD,
        /** a − b. */
        SUB,
        /** a · b. */
        MUL,
        /** a / b (int64: truncated toward zero, as C). */
        DIV,
        /** Python-style remainder (sign of the divisor); int64 only. */
        MOD,
        /** C-style remainder (sign of the dividend), {@code fmod=1}. */
        FMOD,
        /** a == b, bool output. */
        EQUAL
    }

    /** Binary operator with broadcasting; inputs of one type (float32 or int64; Equal also bool). */
    public static final class Binary implements Op {
        private final Kind kind;

        /** @param kind which operator */
        public Binary(Kind kind) {
            this.kind = kind;
        }

        /** @return the operator, with its node checked */
        public static Binary of(NodeSpec n, Kind kind) {
            n.checkArity(2, 2, 1, 1);
            if (kind == Kind.MOD) {
                n.allowAttributes("fmod");
                long fmod = n.getInt("fmod", 0);
                if (fmod != 0 && fmod != 1) {
                    throw n.refuse("fmod=" + fmod);
                }
                return new Binary(fmod == 1 ? Kind.FMOD : Kind.MOD);
            }
            n.allowAttributes();
            return new Binary(kind);
        }

        @Override
        public void run(Tensor[] in, Tensor[] out, Arena arena) {
            Tensor a = in[0];
            Tensor b = in[1];
            if (a.type() != b.type()) {
                throw new IllegalArgumentException("input types differ: " + a.type() + ", " + b.type());
            }
            int[] shape = Arrays.equals(a.shape(), b.shape()) ? a.shape().clone() : Shapes.broadcast(a.shape(), b.shape());
            Tensor.Type outType = kind == Kind.EQUAL ? Tensor.Type.BOOL : a.type();
            Tensor o = Tensor.allocate(outType, shape, arena);
            out[0] = o;
            int n = o.size();
            if (n == 0) {
                return;
            }
            if (a.type() == Tensor.Type.FLOAT && kind != Kind.EQUAL) {
                if (kind == Kind.MOD) {
                    throw new IllegalArgumentException("Mod with fmod=0 on float32 inputs is undefined in ONNX");
                }
                float[] x = a.floats();
                float[] y = b.floats();
                float[] z = o.floats();
                if (a.size() == n && b.size() == n) {
                    for (int i = 0; i < n; i++) {
                        z[i] = f(kind, x[i], y[i]);
                    }
                } else if (b.size() == 1 && a.size() == n) {
                    float v = y[0];
                    for (int i = 0; i < n; i++) {
                        z[i] = f(kind, x[i], v);
                    }
                } else {
                    int[] sa = Shapes.broadcastStrides(a.shape(), shape);
                    int[] sb = Shapes.broadcastStrides(b.shape(), shape);
                    int[] idx = new int[shape.length];
                    int ia = 0;
                    int ib = 0;
                    for (int i = 0; i < n; i++) {
                        z[i] = f(kind, x[ia], y[ib]);
                        for (int d = shape.length - 1; d >= 0; d--) {
                            idx[d]++;
                            ia += sa[d];
                            ib += sb[d];
                            if (idx[d] < shape[d]) {
                                break;
                            }
                            ia -= sa[d] * shape[d];
                            ib -= sb[d] * shape[d];
                            idx[d] = 0;
                        }
                    }
                }
                return;
            }
            // int64 arithmetic, or Equal on any type: generic path over broadcast indices.
            int[] sa = Shapes.broadcastStrides(a.shape(), shape);
            int[] sb = Shapes.broadcastStrides(b.shape(), shape);
            int[] idx = new int[shape.length];
            int ia = 0;
            int ib = 0;
            for (int i = 0; i < n; i++) {
                if (kind == Kind.EQUAL) {
                    boolean eq;
                    switch (a.type()) {
                        case FLOAT:
                            eq = a.floats()[ia] == b.floats()[ib];
                            break;
                        case INT64:
                            eq = a.longs()[ia] == b.longs()[ib];
                            break;
                        default:
                            eq = a.bools()[ia] == b.bools()[ib];
                    }
                    o.bools()[i] = eq;
                } else if (a.type() == Tensor.Type.INT64) {
                    o.longs()[i] = l(kind, a.longs()[ia], b.longs()[ib]);
                } else {
                    throw new IllegalArgumentException(kind + " on " + a.type() + " inputs");
                }
                for (int d = shape.length - 1; d >= 0; d--) {
                    idx[d]++;
                    ia += sa[d];
                    ib += sb[d];
                    if (idx[d] < shape[d]) {
                        break;
                    }
                    ia -= sa[d] * shape[d];
                    ib -= sb[d] * shape[d];
                    idx[d] = 0;
                }
            }
        }

        private static float f(Kind k, float x, float y) {
            switch (k) {
                case ADD:
                    return x + y;
                case SUB:
                    return x - y;
                case MUL:
                    return x * y;
                case DIV:
                    return x / y;
                default: // FMOD
                    return x % y;
            }
        }

        private static long l(Kind k, long x, long y) {
            switch (k) {
                case ADD:
                    return x + y;
                case SUB:
                    return x - y;
                case MUL:
                    return x * y;
                case DIV:
                    return x / y;
                case MOD:
                    return Math.floorMod(x, y);
                default:
                    return x % y;
            }
        }
    }

    /**
     * Relu (max(x, 0)), Sqrt, Log (natural logarithm; log 0 = −∞, log of a negative = NaN) or Exp on
     * float32.
     */
    public static final class Unary implements Op {
        /** The function applied to every element. */
        public enum Function {
            /** max(x, 0). */
            RELU,
            /** √x. */
            SQRT,
            /** ln x. */
            LOG,
            /** e^x. */
            EXP
        }

        private final Function function;

        private Unary(Function function) {
            this.function = function;
        }

        /** @return the operator applying {@code function}, node checked */
        public static Unary of(NodeSpec n, Function function) {
            n.checkArity(1, 1, 1, 1);
            n.allowAttributes();
            return new Unary(function);
        }

        @Override
        public void run(Tensor[] in, Tensor[] out, Arena arena) {
            Tensor a = in[0];
            Tensor o = Tensor.floats(arena, a.shape().clone());
            float[] x = a.floats();
            float[] z = o.floats();
            int n = a.size();
            switch (function) {
                case RELU:
                    for (int i = 0; i < n; i++) {
                        z[i] = Math.max(x[i], 0f);
                    }
                    break;
                case SQRT:
                    for (int i = 0; i < n; i++) {
                        z[i] = (float) Math.sqrt(x[i]);
                    }
                    break;
                case LOG:
                    for (int i = 0; i < n; i++) {
                        z[i] = (float) Math.log(x[i]);
                    }
                    break;
                default:
                    for (int i = 0; i < n; i++) {
                        z[i] = (float) Math.exp(x[i]);
                    }
                    break;
            }
            out[0] = o;
        }
    }

    /** Clip (opset 13): {@code min(max(x, lo), hi)}, bounds from optional scalar inputs 1 and 2. */
    public static final class Clip implements Op {
        /** @return the operator, node checked */
        public static Clip of(NodeSpec n) {
            n.checkArity(1, 3, 1, 1);
            n.allowAttributes();
            return new Clip();
        }

        @Override
        public void run(Tensor[] in, Tensor[] out, Arena arena) {
            Tensor a = in[0];
            Tensor lo = in.length > 1 ? in[1] : null;
            Tensor hi = in.length > 2 ? in[2] : null;
            if ((lo != null && lo.size() != 1) || (hi != null && hi.size() != 1)) {
                throw new IllegalArgumentException("Clip bounds must be scalars");
            }
            Tensor o = Shapes.newLike(a, a.shape().clone(), arena);
            int n = a.size();
            if (a.type() == Tensor.Type.FLOAT) {
                float l = lo == null ? Float.NEGATIVE_INFINITY : lo.floats()[0];
                float h = hi == null ? Float.POSITIVE_INFINITY : hi.floats()[0];
                float[] x = a.floats();
                float[] z = o.floats();
                for (int i = 0; i < n; i++) {
                    float v = x[i];
                    z[i] = v < l ? l : (v > h ? h : v);
                }
            } else if (a.type() == Tensor.Type.INT64) {
                long l = lo == null ? Long.MIN_VALUE : lo.longs()[0];
                long h = hi == null ? Long.MAX_VALUE : hi.longs()[0];
                long[] x = a.longs();
                long[] z = o.longs();
                for (int i = 0; i < n; i++) {
                    z[i] = Math.min(Math.max(x[i], l), h);
                }
            } else {
                throw new IllegalArgumentException("Clip on bool");
            }
            out[0] = o;
        }
    }

    /** Where (opset 16): {@code cond ? x : y} with broadcasting of all three. */
    public static final class Where implements Op {
        /** @return the operator, node checked */
        public static Where of(NodeSpec n) {
            n.checkArity(3, 3, 1, 1);
            n.allowAttributes();
            return new Where();
        }

        @Override
        public void run(Tensor[] in, Tensor[] out, Arena arena) {
            Tensor c = in[0];
            Tensor x = in[1];
            Tensor y = in[2];
            if (x.type() != y.type()) {
                throw new IllegalArgumentException("Where: X and Y types differ");
            }
            int[] shape = Shapes.broadcast(Shapes.broadcast(c.shape(), x.shape()), y.shape());
            Tensor o = Shapes.newLike(x, shape, arena);
            int[] sc = Shapes.broadcastStrides(c.shape(), shape);
            int[] sx = Shapes.broadcastStrides(x.shape(), shape);
            int[] sy = Shapes.broadcastStrides(y.shape(), shape);
            int[] idx = new int[shape.length];
            int ic = 0;
            int ix = 0;
            int iy = 0;
            boolean[] cv = c.bools();
            for (int i = 0, n = o.size(); i < n; i++) {
                if (cv[ic]) {
                    Shapes.copy(x, ix, o, i, 1);
                } else {
                    Shapes.copy(y, iy, o, i, 1);
                }
                for (int d = shape.length - 1; d >= 0; d--) {
                    idx[d]++;
                    ic += sc[d];
                    ix += sx[d];
                    iy += sy[d];
                    if (idx[d] < shape[d]) {
                        break;
                    }
                    ic -= sc[d] * shape[d];
                    ix -= sx[d] * shape[d];
                    iy -= sy[d] * shape[d];
                    idx[d] = 0;
                }
            }
            out[0] = o;
        }
    }

    /** Cast (opsets 13–21) between float32, int64 and bool; float → int64 truncates toward zero. */
    public static final class Cast implements Op {
        private final Tensor.Type to;

        private Cast(Tensor.Type to) {
            this.to = to;
        }

        /** @return the operator, node checked */
        public static Cast of(NodeSpec n) {
            n.checkArity(1, 1, 1, 1);
            n.allowAttributes("to", "saturate");
            long code = n.getInt("to", -1);
            Tensor.Type t = Tensor.Type.ofOnnx((int) code);
            if (t == null || t == Tensor.Type.INT8 || t == Tensor.Type.UINT8) {
                throw n.refuse("cast to data type " + code + " is not supported (float32, int64, bool)");
            }
            return new Cast(t);
        }

        @Override
        public void run(Tensor[] in, Tensor[] out, Arena arena) {
            Tensor a = in[0];
            Tensor o = Tensor.allocate(to, a.shape().clone(), arena);
            int n = a.size();
            for (int i = 0; i < n; i++) {
                switch (to) {
                    case FLOAT:
                        o.floats()[i] = (float) a.getDouble(i);
                        break;
                    case INT64:
                        o.longs()[i] = a.getLong(i);
                        break;
                    default:
                        o.bools()[i] = a.getDouble(i) != 0;
                }
            }
            out[0] = o;
        }
    }
}
