package org.deepspt.jvm;

import java.util.Objects;
import org.deepspt.api.inference.EngineOptions;
import org.deepspt.api.inference.InferenceBackend;
import org.deepspt.api.inference.InferenceEngine;
import org.deepspt.jvm.impl.JvmEngine;
import org.deepspt.jvm.impl.Kernels;
import org.deepspt.jvm.impl.ModelCompiler;
import org.deepspt.jvm.impl.Program;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code jvm} inference backend: runs the ONNX segmentation models in plain Java, with no native code.
 *
 * <p>The model file is parsed with protobuf-java and interpreted operator by operator (see
 * {@link ModelCompiler#SUPPORTED}); an operator, attribute or shape it cannot run is refused when the model
 * is loaded, with a {@link org.deepspt.api.inference.ModelLoadException} naming the node and operator.
 * Convolutions use the JDK Vector API when the JVM runs with {@code --add-modules jdk.incubator.vector}, and
 * scalar loops otherwise (logged once, when a model with convolutions is loaded: not for the streaming TCN).
 * Always available; priority 50 (ONNX Runtime, where it loads, is preferred), streaming priority 150 ({@code auto}
 * prefers it for streaming models).
 *
 * <p>Found by {@link java.util.ServiceLoader}; engines are thread-safe.
 */
public final class JvmBackend implements InferenceBackend {
    private static final Logger LOG = LoggerFactory.getLogger(JvmBackend.class);

    /** For {@link java.util.ServiceLoader}; prefer {@link #create()}. */
    public JvmBackend() {
    }

    /** @return a backend */
    public static JvmBackend create() {
        return new JvmBackend();
    }

    @Override
    public String name() {
        return "jvm";
    }

    @Override
    public boolean isAvailable() {
        return true;
    }

    @Override
    public int priority() {
        return 50;
    }

    /**
     * {@inheritDoc}
     *
     * <p>150, above ONNX Runtime's 100: the fused streaming-TCN step updates each block's carried state in place,
     * where ONNX Runtime's graph copies the whole state every step (BENCHMARKS.md, "Online segmentation at
     * acquisition scale").
     */
    @Override
    public int streamingPriority() {
        return 150;
    }

    /**
     * {@inheritDoc}
     *
     * <p>{@code options.device()} {@code cuda} is ignored with a warning; {@code intraOpThreads} splits each
     * batch over that many threads.
     */
    @Override
    public InferenceEngine load(byte[] model, String name, int dimension, EngineOptions options) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(options, "options");
        if (options.device().equals("cuda")) {
            LOG.warn("model '{}': the jvm backend runs on the CPU only; device cuda ignored", name);
        }
        Program program = ModelCompiler.compile(model, name, dimension, Kernels.conv1d());
        if (program.usesConv1dKernel()) {
            Kernels.warnIfScalarFallback();
        }
        return new JvmEngine(program, options.intraOpThreads());
    }

    /**
     * {@inheritDoc} A streaming TCN's step runs on up to {@code options.intraOpThreads()} threads (the caller's and
     * daemon workers of the engine), any other streaming graph on the caller's thread; the device is the CPU.
     */
    @Override
    public org.deepspt.api.inference.StreamingEngine loadStreaming(byte[] model, String name, EngineOptions options) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(name, "name");
        return org.deepspt.jvm.impl.JvmStreamingEngine.load(model, name, options.intraOpThreads());
    }
}
