package org.deepspt.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import org.deepspt.api.DiffusionState;
import org.deepspt.api.inference.EngineGate;
import org.deepspt.api.inference.EngineOptions;
import org.deepspt.api.inference.InferenceEngine;
import org.deepspt.api.inference.InferenceException;
import org.deepspt.api.inference.ModelLoadException;
import org.deepspt.api.inference.OnnxModelRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link InferenceEngine} on ONNX Runtime. One {@link OrtSession} serves all threads
 * ({@code OrtSession.run} is thread-safe); every native tensor and result is closed after use.
 * {@link #close()} waits for runs in flight, then frees the session.
 */
final class OnnxEngine implements InferenceEngine {
    private static final Logger LOG = LoggerFactory.getLogger(OnnxEngine.class);

    private final String name;
    private final int dimension;
    private final String device;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final String inputName;
    private final EngineGate gate;

    private OnnxEngine(String name, int dimension, String device, OrtEnvironment env, OrtSession session,
            String inputName) {
        this.name = name;
        this.dimension = dimension;
        this.device = device;
        this.env = env;
        this.session = session;
        this.inputName = inputName;
        this.gate = new EngineGate("model '" + name + "' is closed");
    }

    /**
     * @param model ONNX bytes
     * @param name model name for messages
     * @param dimension 2 or 3; the graph's input must be {@code [batch, length, dimension]} (or dynamic)
     * @param options device and threads
     * @return the engine
     * @throws ModelLoadException naming the model when ONNX Runtime refuses it or it is off-contract
     */
    static OnnxEngine load(byte[] model, String name, int dimension, EngineOptions options) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(options, "options");
        if (dimension != 2 && dimension != 3) {
            throw new IllegalArgumentException("dimension must be 2 or 3, got " + dimension);
        }
        // The same rules as the jvm backend, before ONNX Runtime sees the bytes: a Loop of 10^12 iterations,
        // a tensor larger than the budget or a forged opset is refused here with the same message.
        OnnxModelRules.check(model, name);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        String device = "cpu";
        OrtSession session;
        try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
            OrtSessions.configure(so, options);
            if (options.device().equals("cuda")) {
                try {
                    so.addCUDA(options.cudaDeviceId());
                    device = "cuda";
                } catch (OrtException | UnsatisfiedLinkError e) {
                    LOG.warn("model '{}': CUDA execution provider unavailable ({}); running on the CPU", name,
                            e.getMessage());
                }
            }
            session = env.createSession(model, so);
        } catch (OrtException e) {
            throw new ModelLoadException("model '" + name + "' cannot be loaded by ONNX Runtime: "
                    + e.getMessage(), e);
        }
        try {
            String input = validate(name, dimension, session);
            return new OnnxEngine(name, dimension, device, env, session, input);
        } catch (RuntimeException e) {
            OrtSessions.closeQuietly(session);
            throw e;
        }
    }

    private static String validate(String name, int dimension, OrtSession session) {
        try {
            Map<String, NodeInfo> inputs = session.getInputInfo();
            Map<String, NodeInfo> outputs = session.getOutputInfo();
            if (inputs.size() != 1 || outputs.size() != 1) {
                throw new ModelLoadException("model '" + name + "' must have 1 input and 1 output, has "
                        + inputs.size() + " and " + outputs.size());
            }
            Map.Entry<String, NodeInfo> in = inputs.entrySet().iterator().next();
            NodeInfo out = outputs.values().iterator().next();
            long[] inShape = shapeOf(name, in.getValue());
            long[] outShape = shapeOf(name, out);
            // A dimension of -1 is dynamic (e.g. PyTorch exports); the run checks the actual output shape.
            if (inShape.length != 3 || (inShape[2] != -1 && inShape[2] != dimension)) {
                throw new ModelLoadException("model '" + name + "' input '" + in.getKey() + "' must be [batch, "
                        + "length, " + dimension + "], is " + Arrays.toString(inShape));
            }
            if (outShape.length != 3 || (outShape[2] != DiffusionState.COUNT && outShape[2] != -1)) {
                throw new ModelLoadException("model '" + name + "' output '" + out.getName()
                        + "' must be [batch, length, 4], is " + Arrays.toString(outShape));
            }
            return in.getKey();
        } catch (OrtException e) {
            throw new ModelLoadException("model '" + name + "' metadata unreadable: " + e.getMessage(), e);
        }
    }

    private static long[] shapeOf(String name, NodeInfo info) {
        if (!(info.getInfo() instanceof TensorInfo t)) {
            throw new ModelLoadException("model '" + name + "' node '" + info.getName() + "' is not a tensor");
        }
        if (t.type != OnnxJavaType.FLOAT) {
            throw new ModelLoadException("model '" + name + "' node '" + info.getName() + "' must be float32, is "
                    + t.type);
        }
        return t.getShape();
    }

    @Override
    public String backend() {
        return OnnxBackend.NAME;
    }

    @Override
    public java.util.Optional<String> inputName() {
        return java.util.Optional.of(inputName);
    }

    /** @return {@code cpu} or {@code cuda}: where the model runs (CPU when CUDA could not load) */
    String device() {
        return device;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public void run(float[] input, int batch, int length, float[] output) {
        InferenceEngine.checkRun(this, name, input, batch, length, output);
        gate.enter();
        try (OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(input, 0, batch * length * dimension),
                new long[] {batch, length, dimension});
                OrtSession.Result result = session.run(Map.of(inputName, in))) {
            OnnxValue v = result.get(0);
            if (!(v instanceof OnnxTensor t)) {
                throw new InferenceException("model '" + name + "' returned a non-tensor output");
            }
            long[] shape = ((TensorInfo) t.getInfo()).getShape();
            if (shape.length != 3 || shape[0] != batch || shape[1] != length || shape[2] != 4) {
                throw new InferenceException("model '" + name + "' returned shape " + Arrays.toString(shape)
                        + " for input [" + batch + ", " + length + ", " + dimension + "]");
            }
            t.getFloatBuffer().get(output, 0, batch * length * 4);
        } catch (OrtException e) {
            throw new InferenceException("model '" + name + "' failed on a batch of " + batch
                    + " tracks of length " + length + ": " + e.getMessage(), e);
        } finally {
            gate.exit();
        }
    }

    @Override
    public void close() {
        gate.close(() -> OrtSessions.closeQuietly(session));
    }

    @Override
    public String toString() {
        return "OnnxEngine[" + name + ", " + dimension + "D, " + device + "]";
    }
}
