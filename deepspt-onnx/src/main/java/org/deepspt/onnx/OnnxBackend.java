package org.deepspt.onnx;

import ai.onnxruntime.OrtEnvironment;
import org.deepspt.api.inference.EngineOptions;
import org.deepspt.api.inference.InferenceBackend;
import org.deepspt.api.inference.InferenceEngine;
import org.jspecify.annotations.Nullable;

/**
 * The {@code onnx} backend: ONNX Runtime Java (native). Available when its native library loads on this
 * platform; {@code auto} prefers it (priority 100) and falls back to the pure-JVM engine otherwise.
 */
public final class OnnxBackend implements InferenceBackend {
    /** The backend's name. */
    public static final String NAME = "onnx";

    private static volatile @Nullable String unavailable;

    /** Used by {@link java.util.ServiceLoader}. */
    public OnnxBackend() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean isAvailable() {
        return unavailableReason().isEmpty();
    }

    @Override
    public String unavailableReason() {
        String r = unavailable;
        if (r == null) {
            synchronized (OnnxBackend.class) {
                r = unavailable;
                if (r == null) {
                    r = probe();
                    unavailable = r;
                }
            }
        }
        return r;
    }

    private static String probe() {
        try {
            OrtEnvironment.getEnvironment();
            return "";
        } catch (Throwable e) { // UnsatisfiedLinkError, NoClassDefFoundError, an OrtException at start
            return "ONNX Runtime does not load here: " + describe(e);
        }
    }

    /**
     * The root cause of a failure to load, which says what is wrong (the library file missing, an unsatisfied
     * link), with the error that carried it: a failed static initialiser of ONNX Runtime surfaces as an
     * {@link ExceptionInInitializerError} whose own message is empty.
     *
     * @param e what loading ONNX Runtime raised
     * @return e.g. {@code java.lang.UnsatisfiedLinkError: ... (raised as java.lang.ExceptionInInitializerError)}
     */
    static String describe(Throwable e) {
        Throwable root = e;
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        while (root.getCause() != null && seen.add(root)) {
            root = root.getCause();
        }
        return root == e ? e.toString() : root + " (raised as " + e.getClass().getName() + ")";
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public InferenceEngine load(byte[] model, String name, int dimension, EngineOptions options) {
        return OnnxEngine.load(model, name, dimension, options);
    }

    @Override
    public org.deepspt.api.inference.StreamingEngine loadStreaming(byte[] model, String name, EngineOptions options) {
        org.deepspt.api.inference.OnnxModelRules.checkStreaming(model, name);
        return OnnxStreamingEngine.load(model, name, options);
    }
}
