package org.deepspt.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.deepspt.api.inference.EngineGate;
import org.deepspt.api.inference.EngineOptions;
import org.deepspt.api.inference.InferenceException;
import org.deepspt.api.inference.ModelLoadException;
import org.deepspt.api.inference.StreamingEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link StreamingEngine} on ONNX Runtime: one session (CPU, {@code options.intraOpThreads()} threads) whose
 * graph has inputs {@code features} [batch, F], {@code state} [batch, S] and outputs {@code probabilities}
 * [batch, K + 1, 4], {@code next_state} [batch, S], static but for the batch axis. Thread-safe; native
 * tensors and results are closed after each step. {@link #stepSlots} keeps the graph's state layout; it gathers
 * the slots into a direct buffer that ONNX Runtime reads without a copy and lets ONNX Runtime write both outputs
 * into direct buffers (pinned outputs) that are scattered back, the buffers reused from step to step.
 */
final class OnnxStreamingEngine implements StreamingEngine {
    private static final Logger LOG = LoggerFactory.getLogger(OnnxStreamingEngine.class);

    private final String name;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final int features;
    private final int state;
    private final int heads;
    private final EngineGate gate;
    private final ConcurrentLinkedQueue<Buffers> buffers = new ConcurrentLinkedQueue<>();
    private final float[] zeros;

    private OnnxStreamingEngine(String name, OrtEnvironment env, OrtSession session, int features, int state,
            int heads) {
        this.name = name;
        this.env = env;
        this.session = session;
        this.features = features;
        this.state = state;
        this.heads = heads;
        this.zeros = new float[state];
        this.gate = new EngineGate("streaming model '" + name + "' is closed");
    }

    static OnnxStreamingEngine load(byte[] model, String name, EngineOptions options) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(name, "name");
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession session;
        try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
            OrtSessions.configure(so, options);
            if (options.device().equals("cuda")) {
                LOG.warn("streaming model '{}' runs on the CPU (one small step per frame)", name);
            }
            session = env.createSession(model, so);
        } catch (OrtException e) {
            throw new ModelLoadException("streaming model '" + name + "' cannot be loaded by ONNX Runtime: "
                    + e.getMessage(), e);
        }
        try {
            Map<String, NodeInfo> in = session.getInputInfo();
            Map<String, NodeInfo> out = session.getOutputInfo();
            if (!in.keySet().equals(Set.of("features", "state")) || !out.keySet().equals(Set.of("probabilities",
                    "next_state"))) {
                throw new ModelLoadException("streaming model '" + name + "' must have inputs [features, state] and "
                        + "outputs [probabilities, next_state], has " + in.keySet() + " and " + out.keySet());
            }
            int f = dim(name, in.get("features"), 2, 1);
            int s = dim(name, in.get("state"), 2, 1);
            int h = dim(name, out.get("probabilities"), 3, 1);
            if (dim(name, out.get("probabilities"), 3, 2) != 4 || dim(name, out.get("next_state"), 2, 1) != s) {
                throw new ModelLoadException("streaming model '" + name + "': outputs must be probabilities [batch, "
                        + "K + 1, 4] and next_state [batch, " + s + "]");
            }
            return new OnnxStreamingEngine(name, env, session, f, s, h);
        } catch (OrtException e) {
            OrtSessions.closeQuietly(session);
            throw new ModelLoadException("streaming model '" + name + "' metadata unreadable: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            OrtSessions.closeQuietly(session);
            throw e;
        }
    }

    private static int dim(String name, NodeInfo info, int rank, int axis) {
        if (!(info.getInfo() instanceof TensorInfo t) || t.type != OnnxJavaType.FLOAT) {
            throw new ModelLoadException("streaming model '" + name + "': '" + info.getName() + "' must be a float32 "
                    + "tensor");
        }
        long[] shape = t.getShape();
        if (shape.length != rank || shape[axis] < 1 || shape[axis] > 1 << 20) {
            throw new ModelLoadException("streaming model '" + name + "': '" + info.getName() + "' has shape "
                    + Arrays.toString(shape) + "; expected rank " + rank + " with a static axis " + axis);
        }
        return (int) shape[axis];
    }

    @Override
    public String backend() {
        return OnnxBackend.NAME;
    }

    @Override
    public int featureCount() {
        return features;
    }

    @Override
    public int stateSize() {
        return state;
    }

    @Override
    public int maxLag() {
        return heads - 1;
    }

    @Override
    public void step(float[] featuresIn, float[] stateIn, int batch, float[] probabilities, float[] nextState) {
        StreamingEngine.checkStep(this, name, featuresIn, stateIn, batch, probabilities, nextState);
        gate.enter();
        try {
            try (OnnxTensor f = OnnxTensor.createTensor(env, FloatBuffer.wrap(featuresIn, 0, batch * features),
                    new long[] {batch, features});
                    OnnxTensor s = OnnxTensor.createTensor(env, FloatBuffer.wrap(stateIn, 0, batch * state),
                            new long[] {batch, state});
                    OrtSession.Result r = session.run(Map.of("features", f, "state", s))) {
                OnnxTensor p = (OnnxTensor) r.get("probabilities").orElseThrow();
                OnnxTensor n = (OnnxTensor) r.get("next_state").orElseThrow();
                p.getFloatBuffer().get(probabilities, 0, batch * heads * 4);
                n.getFloatBuffer().get(nextState, 0, batch * state);
            }
        } catch (OrtException e) {
            throw new InferenceException("streaming model '" + name + "' failed on a step of " + batch + " particles: "
                    + e.getMessage(), e);
        } finally {
            gate.exit();
        }
    }

    /** Direct buffers of one {@link #stepSlots} call, grown to the largest batch seen. */
    private final class Buffers {
        private int rows;
        private FloatBuffer features;
        private FloatBuffer stateIn;
        private FloatBuffer probabilities;
        private FloatBuffer nextState;

        void ensure(int batch) {
            if (batch <= rows) {
                return;
            }
            rows = (int) Math.max(batch, Math.min(2L * rows, Integer.MAX_VALUE / 4 / Math.max(state, 4 * heads)));
            features = direct(rows * OnnxStreamingEngine.this.features);
            stateIn = direct(rows * state);
            probabilities = direct(rows * heads * 4);
            nextState = direct(rows * state);
        }

        private static FloatBuffer direct(int floats) {
            return ByteBuffer.allocateDirect(4 * floats).order(ByteOrder.nativeOrder()).asFloatBuffer();
        }
    }

    private static FloatBuffer first(FloatBuffer b, int floats) {
        return b.duplicate().position(0).limit(floats);
    }

    @Override
    public void stepSlots(float[] featuresIn, int batch, float[] states, int[] slots, long[] index, float[] headsOut) {
        StreamingEngine.checkSlots(this, name, featuresIn, batch, states, slots, index, headsOut);
        int h = heads * 4;
        gate.enter();
        Buffers b = buffers.poll();
        if (b == null) {
            b = new Buffers();
        }
        try {
            b.ensure(batch);
            b.features.put(0, featuresIn, 0, batch * features);
            for (int r = 0; r < batch; r++) {
                if (index[r] == 0) {
                    b.stateIn.put(r * state, zeros, 0, state);
                } else {
                    b.stateIn.put(r * state, states, slots[r] * state, state);
                }
            }
            try (OnnxTensor f = OnnxTensor.createTensor(env, first(b.features, batch * features),
                    new long[] {batch, features});
                    OnnxTensor s = OnnxTensor.createTensor(env, first(b.stateIn, batch * state),
                            new long[] {batch, state});
                    OnnxTensor p = OnnxTensor.createTensor(env, first(b.probabilities, batch * h),
                            new long[] {batch, heads, 4});
                    OnnxTensor n = OnnxTensor.createTensor(env, first(b.nextState, batch * state),
                            new long[] {batch, state});
                    OrtSession.Result ignored = session.run(Map.of("features", f, "state", s),
                            Map.of("probabilities", p, "next_state", n))) {
                for (int r = 0; r < batch; r++) {
                    b.nextState.get(r * state, states, slots[r] * state, state);
                    b.probabilities.get(r * h, headsOut, slots[r] * h, h);
                }
            }
        } catch (OrtException e) {
            throw new InferenceException("streaming model '" + name + "' failed on a step of " + batch + " particles: "
                    + e.getMessage(), e);
        } finally {
            buffers.offer(b);
            gate.exit();
        }
    }

    @Override
    public void close() {
        gate.close(() -> {
            OrtSessions.closeQuietly(session);
            buffers.clear();
        });
    }
}
