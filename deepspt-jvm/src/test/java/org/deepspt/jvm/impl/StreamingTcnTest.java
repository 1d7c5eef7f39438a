package org.deepspt.jvm.impl;

import static org.deepspt.jvm.testing.OnnxProtos.i;
import static org.deepspt.jvm.testing.OnnxProtos.node;
import static org.deepspt.jvm.testing.OnnxProtos.t;
import static org.deepspt.jvm.testing.OnnxProtos.value;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;
import org.deepspt.api.inference.EngineOptions;
import org.deepspt.api.inference.StreamingEngine;
import org.deepspt.jvm.impl.onnx.GraphProto;
import org.deepspt.jvm.impl.onnx.ModelProto;
import org.deepspt.jvm.impl.onnx.OperatorSetIdProto;
import org.deepspt.jvm.testing.OnnxProtos;
import org.deepspt.onnx.OnnxBackend;
import org.junit.jupiter.api.Test;

/**
 * Streaming TCNs of shapes other than the bundled models' (channels not a multiple of 4, dilations that are not
 * powers of two, up to 64 channels with dilations 1..128, other head and feature counts), built here as ONNX graphs
 * of the exporter's structure ({@code models/training/stream_model.py#StepCell}) with random weights. Both
 * engines (the fused JVM step in both state layouts, the interpreter, ONNX Runtime) reproduce an independent
 * whole-sequence implementation of the network (double precision, zeros before a track), so nothing in the
 * engines depends on the bundled models' 48 channels or dilations 1..32.
 */
class StreamingTcnTest {
    private static final double TOLERANCE = 2e-5;

    /** A TCN's shape and weights; matrices as PyTorch's Linear stores them ([out][in]). */
    record Net(int f, int c, int[] d, int heads, float[][] win, float[] bin, float[][][] past, float[][][] now,
            float[][] nowBias, float[][] wh, float[] bh, float[] temperature) {

        static Net random(int f, int c, int[] d, int heads, long seed) {
            SplittableRandom r = new SplittableRandom(seed);
            int logits = 4 * heads;
            float[][][] past = new float[d.length][][];
            float[][][] now = new float[d.length][][];
            float[][] nowBias = new float[d.length][];
            for (int i = 0; i < d.length; i++) {
                past[i] = matrix(r, c, c);
                now[i] = matrix(r, c, c);
                nowBias[i] = vector(r, c);
            }
            float[] temperature = new float[heads];
            for (int a = 0; a < heads; a++) {
                temperature[a] = (float) (0.8 + 0.5 * r.nextDouble());
            }
            return new Net(f, c, d, heads, matrix(r, c, f), vector(r, c), past, now, nowBias, matrix(r, logits, c),
                    vector(r, logits), temperature);
        }

        int stateSize() {
            return c * Arrays.stream(d).sum();
        }

        private static float[][] matrix(SplittableRandom r, int out, int in) {
            float[][] m = new float[out][in];
            double scale = 1.2 / Math.sqrt(in);
            for (float[] row : m) {
                for (int k = 0; k < in; k++) {
                    row[k] = (float) (scale * (2 * r.nextDouble() - 1));
                }
            }
            return m;
        }

        private static float[] vector(SplittableRandom r, int n) {
            float[] v = new float[n];
            for (int k = 0; k < n; k++) {
                v[k] = (float) (0.2 * (2 * r.nextDouble() - 1));
            }
            return v;
        }

        /**
         * The whole-sequence network in double: x_0(t) = W_in f(t) + b; x_{i+1}(t) = x_i(t) + relu(P_i x_i(t − d_i)
         * + N_i x_i(t) + b_i) with x_i(t − d_i) = 0 before the track; softmax((W_h x_n(t) + b_h) / T).
         *
         * @return [t][a][class]
         */
        double[][][] sequence(float[][] feats) {
            int steps = feats.length;
            double[][] x = new double[steps][];
            for (int t = 0; t < steps; t++) {
                x[t] = affine(win, bin, toDouble(feats[t]));
            }
            for (int i = 0; i < d.length; i++) {
                double[][] nx = new double[steps][];
                for (int t = 0; t < steps; t++) {
                    double[] old = t >= d[i] ? x[t - d[i]] : new double[c];
                    double[] p = affine(past[i], null, old);
                    double[] q = affine(now[i], nowBias[i], x[t]);
                    nx[t] = new double[c];
                    for (int k = 0; k < c; k++) {
                        nx[t][k] = x[t][k] + Math.max(0, p[k] + q[k]);
                    }
                }
                x = nx;
            }
            double[][][] out = new double[steps][heads][4];
            for (int t = 0; t < steps; t++) {
                double[] z = affine(wh, bh, x[t]);
                for (int a = 0; a < heads; a++) {
                    double sum = 0;
                    for (int k = 0; k < 4; k++) {
                        out[t][a][k] = Math.exp(z[4 * a + k] / temperature[a]);
                        sum += out[t][a][k];
                    }
                    for (int k = 0; k < 4; k++) {
                        out[t][a][k] /= sum;
                    }
                }
            }
            return out;
        }

        private static double[] affine(float[][] w, float[] b, double[] v) {
            double[] y = new double[w.length];
            for (int j = 0; j < w.length; j++) {
                double s = b == null ? 0 : b[j];
                for (int k = 0; k < v.length; k++) {
                    s += w[j][k] * v[k];
                }
                y[j] = s;
            }
            return y;
        }

        private static double[] toDouble(float[] v) {
            double[] d = new double[v.length];
            for (int k = 0; k < v.length; k++) {
                d[k] = v[k];
            }
            return d;
        }

        /**
         * The exporter's step graph: Gemm (transB 1) for the input, "now" and head layers, MatMul for "past", Slices
         * of the state by Constant nodes, Concat for next_state, Reshape, Div by the temperatures, Softmax.
         *
         * @param activation "Relu", or "Clip" (the same function, which the fused step does not recognise)
         */
        byte[] onnx(String activation) {
            int s = stateSize();
            GraphProto.Builder g = GraphProto.newBuilder()
                    .addInput(value("features", "batch", f))
                    .addInput(value("state", "batch", s))
                    .addOutput(value("probabilities", "batch", heads, 4))
                    .addOutput(value("next_state", "batch", s))
                    .addInitializer(OnnxProtos.floats("inp.w", new long[] {c, f}, flat(win)))
                    .addInitializer(OnnxProtos.floats("inp.b", new long[] {c}, bin))
                    .addInitializer(OnnxProtos.floats("head.w", new long[] {4L * heads, c}, flat(wh)))
                    .addInitializer(OnnxProtos.floats("head.b", new long[] {4L * heads}, bh))
                    .addInitializer(OnnxProtos.floats("temperature", new long[] {1, heads, 1}, temperature))
                    .addInitializer(OnnxProtos.floats("zero", new long[] {}, 0f));
            g.addNode(node("Gemm", "/inp/Gemm", new String[] {"features", "inp.w", "inp.b"}, new String[] {"x0"},
                    i("transB", 1)));
            List<String> concat = new ArrayList<>();
            int o = 0;
            String x = "x0";
            for (int b = 0; b < d.length; b++) {
                float[] pt = new float[c * c]; // MatMul's B is [in][out]: the transpose of Linear's weight
                for (int j = 0; j < c; j++) {
                    for (int k = 0; k < c; k++) {
                        pt[k * c + j] = past[b][j][k];
                    }
                }
                g.addInitializer(OnnxProtos.floats("past" + b, new long[] {c, c}, pt));
                g.addInitializer(OnnxProtos.floats("now" + b + ".w", new long[] {c, c}, flat(now[b])));
                g.addInitializer(OnnxProtos.floats("now" + b + ".b", new long[] {c}, nowBias[b]));
                String old = slice(g, b + "old", o, o + c);
                String carried = slice(g, b + "carried", o + c, o + d[b] * c);
                g.addNode(node("MatMul", "/past" + b, new String[] {old, "past" + b}, new String[] {"p" + b}));
                g.addNode(node("Gemm", "/now" + b, new String[] {x, "now" + b + ".w", "now" + b + ".b"},
                        new String[] {"q" + b}, i("transB", 1)));
                g.addNode(node("Add", "/sum" + b, new String[] {"p" + b, "q" + b}, new String[] {"z" + b}));
                if (activation.equals("Relu")) {
                    g.addNode(node("Relu", "/relu" + b, new String[] {"z" + b}, new String[] {"r" + b}));
                } else {
                    g.addNode(node("Clip", "/clip" + b, new String[] {"z" + b, "zero"}, new String[] {"r" + b}));
                }
                g.addNode(node("Add", "/res" + b, new String[] {x, "r" + b}, new String[] {"x" + (b + 1)}));
                concat.add(carried);
                concat.add(x);
                x = "x" + (b + 1);
                o += d[b] * c;
            }
            g.addNode(node("Gemm", "/head", new String[] {x, "head.w", "head.b"}, new String[] {"logits"},
                    i("transB", 1)));
            g.addNode(node("Constant", "/shape", new String[0], new String[] {"shape"},
                    t("value", OnnxProtos.longs("shape", new long[] {3}, -1, heads, 4))));
            g.addNode(node("Reshape", "/reshape", new String[] {"logits", "shape"}, new String[] {"heads"}));
            g.addNode(node("Div", "/div", new String[] {"heads", "temperature"}, new String[] {"scaled"}));
            g.addNode(node("Softmax", "/softmax", new String[] {"scaled"}, new String[] {"probabilities"},
                    i("axis", -1)));
            g.addNode(node("Concat", "/concat", concat.toArray(new String[0]), new String[] {"next_state"},
                    i("axis", 1)));
            return ModelProto.newBuilder().setIrVersion(8)
                    .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(17)).setGraph(g)
                    .build().toByteArray();
        }

        private static String slice(GraphProto.Builder g, String name, long from, long to) {
            String[] in = {"state", name + ".s", name + ".e", name + ".a", name + ".t"};
            long[] v = {from, to, 1, 1};
            for (int k = 0; k < 4; k++) {
                g.addNode(node("Constant", "/" + in[k + 1], new String[0], new String[] {in[k + 1]},
                        t("value", OnnxProtos.longs(in[k + 1], new long[] {1}, v[k]))));
            }
            g.addNode(node("Slice", "/" + name, in, new String[] {name}));
            return name;
        }

        private static float[] flat(float[][] m) {
            float[] v = new float[m.length * m[0].length];
            for (int j = 0; j < m.length; j++) {
                System.arraycopy(m[j], 0, v, j * m[0].length, m[0].length);
            }
            return v;
        }
    }

    /** Track t of particle p: smooth features, distinct per particle. */
    private static float[][] features(int p, int steps, int f) {
        float[][] x = new float[steps][f];
        for (int t = 0; t < steps; t++) {
            for (int k = 0; k < f; k++) {
                x[t][k] = (float) (Math.sin(0.31 * t + 1.7 * p + 0.9 * k) * (1 + 0.1 * k));
            }
        }
        return x;
    }

    private static List<StreamingEngine> engines(byte[] onnx, String name, int threads) {
        List<StreamingEngine> out = new ArrayList<>();
        out.add(JvmStreamingEngine.load(onnx, name, threads));
        OnnxBackend ort = new OnnxBackend();
        if (ort.isAvailable()) {
            out.add(ort.loadStreaming(onnx, name, EngineOptions.defaults()));
        }
        return out;
    }

    static List<Net> shapes() {
        return List.of(Net.random(5, 18, new int[] {1, 3, 8, 64}, 3, 11),
                Net.random(6, 13, new int[] {1, 2, 5}, 5, 13),
                Net.random(7, 64, new int[] {1, 2, 4, 8, 16, 32, 64, 128}, 6, 12));
    }

    @Test
    void theFusedStepIsRecognisedForAnyShapeAndEqualsTheInterpreterBitForBit() {
        for (Net net : shapes()) {
            byte[] onnx = net.onnx("Relu");
            JvmStreamingEngine e = JvmStreamingEngine.load(onnx, "tcn");
            assertTrue(e.fused(), "recognised: " + net.c() + " channels, dilations " + Arrays.toString(net.d()));
            assertEquals(net.stateSize(), e.stateSize());
            assertEquals(net.heads() - 1, e.maxLag());
            assertEquals(net.f(), e.featureCount());
            Program p = ModelCompiler.compileStreaming(onnx, "tcn", Kernels.conv1d());
            assertStepEqualsInterpreter(e, p, net, 3, 5);
            e.close();
        }
    }

    /**
     * Batches of more than one tile whose size is not a multiple of it (a full tile and a remainder of 5 rows or of
     * all but one row), on shapes whose channel, feature and logit counts leave remainders in the dense layers'
     * register blocks (13 channels, 5 features, 12 logits): every row equals the interpreter's bit for bit.
     */
    @Test
    void batchesWithATileRemainderEqualTheInterpreterBitForBit() {
        for (Net net : shapes().subList(0, 2)) {
            byte[] onnx = net.onnx("Relu");
            JvmStreamingEngine e = JvmStreamingEngine.load(onnx, "tcn");
            assertTrue(e.fused());
            Program p = ModelCompiler.compileStreaming(onnx, "tcn", Kernels.conv1d());
            for (int batch : new int[] {StreamingTcn.TILE + 5, 2 * StreamingTcn.TILE - 1}) {
                assertStepEqualsInterpreter(e, p, net, batch, batch);
            }
            e.close();
        }
    }

    /** step(): every particle from its first point, the graph's state carried by the caller. */
    @Test
    void graphLayoutStepsReproduceTheSequenceOnBothBackends() {
        for (Net net : shapes()) {
            int batch = 4;
            int steps = net.d()[net.d().length - 1] + 12;
            float[][][] feats = new float[batch][][];
            double[][][][] want = new double[batch][][][];
            for (int b = 0; b < batch; b++) {
                feats[b] = features(b, steps, net.f());
                want[b] = net.sequence(feats[b]);
            }
            for (StreamingEngine e : engines(net.onnx("Relu"), "tcn", 1)) {
                int s = e.stateSize();
                float[] state = new float[batch * s];
                float[] next = new float[batch * s];
                float[] probs = new float[batch * net.heads() * 4];
                float[] f = new float[batch * net.f()];
                double worst = 0;
                for (int t = 0; t < steps; t++) {
                    for (int b = 0; b < batch; b++) {
                        System.arraycopy(feats[b][t], 0, f, b * net.f(), net.f());
                    }
                    e.step(f, state, batch, probs, next);
                    System.arraycopy(next, 0, state, 0, state.length);
                    for (int b = 0; b < batch; b++) {
                        worst = Math.max(worst, deviation(want[b][t], probs, b * net.heads() * 4));
                    }
                }
                assertTrue(worst < TOLERANCE, e.backend() + " " + net.c() + " channels: max |dp| " + worst);
                e.close();
            }
        }
    }

    /**
     * stepSlots(): particles start and end at different steps, come in a shuffled order, and take slots that
     * earlier particles left with their states in them.
     */
    @Test
    void slotStepsInPlaceReproduceTheSequenceWithStaggeredParticlesAndReusedSlots() {
        for (Net net : shapes()) {
            byte[] onnx = net.onnx("Relu");
            // Clip (not fused: the interpreter and the default stepSlots) on the small shape only, to stay fast.
            for (String activation : net.c() < 32 ? new String[] {"Relu", "Clip"} : new String[] {"Relu"}) {
                byte[] model = activation.equals("Relu") ? onnx : net.onnx("Clip");
                for (StreamingEngine e : engines(model, "tcn", 1)) {
                    if (e instanceof JvmStreamingEngine j) {
                        assertEquals(activation.equals("Relu"), j.fused(), activation);
                    } else if (activation.equals("Clip")) {
                        e.close();
                        continue;
                    }
                    double worst = runStaggered(net, e, 6, 4);
                    assertTrue(worst < TOLERANCE, e.backend() + " " + activation + " " + net.c() + " channels: "
                            + "max |dp| " + worst);
                    e.close();
                }
            }
        }
    }

    /** Runs `particles` tracks, a new one starting every `every` steps, 4 slots shared; @return the worst |dp|. */
    private static double runStaggered(Net net, StreamingEngine e, int particles, int every) {
        int length = net.d()[net.d().length - 1] + 9;
        int slotCount = (int) Math.ceil((double) length / every) + 1;
        int s = e.stateSize();
        int h = net.heads() * 4;
        float[] states = new float[slotCount * s];
        Arrays.fill(states, 7f); // stale contents: a particle's first step must not read them
        float[] heads = new float[slotCount * h];
        Deque<Integer> free = new ArrayDeque<>();
        for (int k = 0; k < slotCount; k++) {
            free.add(k);
        }
        int[] slotOf = new int[particles];
        float[][][] feats = new float[particles][][];
        double[][][][] want = new double[particles][][][];
        for (int p = 0; p < particles; p++) {
            feats[p] = features(p, length, net.f());
            want[p] = net.sequence(feats[p]);
        }
        double worst = 0;
        int lastStep = (particles - 1) * every + length;
        for (int g = 0; g < lastStep; g++) {
            List<Integer> rows = new ArrayList<>();
            for (int p = 0; p < particles; p++) {
                int t = g - p * every;
                if (t == 0) {
                    slotOf[p] = free.poll();
                }
                if (t >= 0 && t < length) {
                    rows.add(p);
                }
            }
            java.util.Collections.shuffle(rows, new java.util.Random(g));
            int batch = rows.size();
            float[] f = new float[batch * net.f()];
            int[] slots = new int[batch];
            long[] index = new long[batch];
            for (int b = 0; b < batch; b++) {
                int p = rows.get(b);
                System.arraycopy(feats[p][g - p * every], 0, f, b * net.f(), net.f());
                slots[b] = slotOf[p];
                index[b] = g - p * every;
            }
            e.stepSlots(f, batch, states, slots, index, heads);
            for (int b = 0; b < batch; b++) {
                int p = rows.get(b);
                int t = g - p * every;
                worst = Math.max(worst, deviation(want[p][t], heads, slots[b] * h));
                if (t == length - 1) {
                    free.add(slotOf[p]);
                }
            }
        }
        return worst;
    }

    /** Several threads split a batch of many tiles; the result equals one thread's bit for bit. */
    @Test
    void twoThreadsGiveTheSameStepsAsOne() {
        Net net = shapes().get(0);
        byte[] onnx = net.onnx("Relu");
        int batch = 5 * StreamingTcn.TILE + 17;
        int s = net.stateSize();
        int h = net.heads() * 4;
        float[][] heads = new float[2][batch * h];
        float[][] states = new float[2][batch * s];
        for (int threads = 1; threads <= 2; threads++) {
            JvmStreamingEngine e = JvmStreamingEngine.load(onnx, "tcn", threads);
            int[] slots = new int[batch];
            long[] index = new long[batch];
            for (int b = 0; b < batch; b++) {
                slots[b] = batch - 1 - b;
            }
            for (int t = 0; t < 20; t++) {
                float[] f = new float[batch * net.f()];
                for (int k = 0; k < f.length; k++) {
                    f[k] = (float) Math.sin(0.01 * k + t);
                }
                e.stepSlots(f, batch, states[threads - 1], slots, index, heads[threads - 1]);
                for (int b = 0; b < batch; b++) {
                    index[b]++;
                }
            }
            e.close();
        }
        assertArrayEquals(heads[0], heads[1]);
        assertArrayEquals(states[0], states[1]);
        assertFalse(Arrays.equals(heads[0], new float[heads[0].length]));
    }

    private static double deviation(double[][] want, float[] got, int at) {
        double worst = 0;
        for (int a = 0; a < want.length; a++) {
            for (int k = 0; k < 4; k++) {
                worst = Math.max(worst, Math.abs(want[a][k] - got[at + 4 * a + k]));
            }
        }
        return worst;
    }

    /** One fused step of {@code batch} random rows (seeded) equals the interpreter's outputs bit for bit. */
    private static void assertStepEqualsInterpreter(JvmStreamingEngine e, Program p, Net net, int batch, long seed) {
        float[] f = new float[batch * net.f()];
        float[] s = new float[batch * net.stateSize()];
        SplittableRandom r = new SplittableRandom(seed);
        for (int k = 0; k < f.length; k++) {
            f[k] = (float) r.nextGaussian();
        }
        for (int k = 0; k < s.length; k++) {
            s[k] = (float) r.nextGaussian();
        }
        Tensor[] want = p.runAll(new Tensor[] {Tensor.of(new int[] {batch, net.f()}, f.clone()),
            Tensor.of(new int[] {batch, net.stateSize()}, s.clone())}, new Arena());
        float[] probs = new float[batch * net.heads() * 4];
        float[] next = new float[s.length];
        e.step(f, s, batch, probs, next);
        assertArrayEquals(Arrays.copyOf(want[0].floats(), probs.length), probs, net.c() + " channels, " + batch
                + " rows");
        assertArrayEquals(Arrays.copyOf(want[1].floats(), next.length), next);
    }
}
