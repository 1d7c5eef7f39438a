package org.deepspt.neural;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deepspt.api.inference.EngineOptions;
import org.deepspt.api.inference.InferenceBackend;
import org.deepspt.api.inference.InferenceEngine;
import org.junit.jupiter.api.Test;

/**
 * How {@code auto} ranks backends: by {@link InferenceBackend#priority()} for segmentation models, by
 * {@link InferenceBackend#streamingPriority()} for streaming models ({@link InferenceBackends#selectStreaming}),
 * skipping backends that cannot run here; named backends are taken as named.
 */
class InferenceBackendsTest {
    /** A backend that declares its ranks; its engines are never loaded here. */
    private record Declared(String name, boolean isAvailable, int priority, Integer streaming)
            implements InferenceBackend {
        @Override
        public int streamingPriority() {
            return streaming == null ? InferenceBackend.super.streamingPriority() : streaming;
        }

        @Override
        public String unavailableReason() {
            return isAvailable ? "" : name + " does not load here";
        }

        @Override
        public InferenceEngine load(byte[] model, String modelName, int dimension, EngineOptions options) {
            throw new UnsupportedOperationException("not loaded in this test");
        }
    }

    private static final InferenceBackend ONNX = new Declared("onnx", true, 100, null);
    private static final InferenceBackend JVM = new Declared("jvm", true, 50, 150);

    private static String auto(List<InferenceBackend> all, boolean streaming) {
        return InferenceBackends.pick(all, InferenceBackends.AUTO, streaming ? InferenceBackend::streamingPriority
                : InferenceBackend::priority).name();
    }

    @Test
    void streamingPriorityDefaultsToPriority() {
        assertEquals(100, ONNX.streamingPriority());
        assertEquals(7, new Declared("x", true, 7, null).streamingPriority());
    }

    @Test
    void autoPrefersTheDeclaredStreamingBackendForStreamingModelsOnly() {
        List<InferenceBackend> both = List.of(ONNX, JVM);
        assertEquals("onnx", auto(both, false), "segmentation models: priority, unchanged");
        assertEquals("jvm", auto(both, true), "streaming models: streaming priority");
    }

    @Test
    void aBackendThatDeclaresAPreferenceButCannotRunIsSkipped() {
        InferenceBackend jvmDown = new Declared("jvm", false, 50, 150);
        assertEquals("onnx", auto(List.of(ONNX, jvmDown), true));
        InferenceBackend onnxDown = new Declared("onnx", false, 100, null);
        assertEquals("jvm", auto(List.of(onnxDown, JVM), true));
        assertEquals("jvm", auto(List.of(onnxDown, JVM), false));
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> auto(List.of(onnxDown, jvmDown), true));
        assertTrue(none.getMessage().contains("jvm (jvm does not load here)")
                && none.getMessage().contains("onnx (onnx does not load here)"), none.getMessage());
    }

    @Test
    void tiesKeepThePriorityOrder() {
        InferenceBackend a = new Declared("a", true, 90, 10);
        InferenceBackend b = new Declared("b", true, 80, 10);
        assertEquals("a", auto(List.of(a, b), true));
    }

    @Test
    void aNamedBackendIsTakenAsNamed() {
        assertEquals("onnx", InferenceBackends.pick(List.of(ONNX, JVM), "onnx",
                InferenceBackend::streamingPriority).name());
        IllegalArgumentException down = assertThrows(IllegalArgumentException.class,
                () -> InferenceBackends.pick(List.of(ONNX, new Declared("jvm", false, 50, 150)), "jvm",
                        InferenceBackend::streamingPriority));
        assertTrue(down.getMessage().contains("'jvm' cannot run here"), down.getMessage());
        assertThrows(IllegalArgumentException.class, () -> InferenceBackends.pick(List.of(), "auto",
                InferenceBackend::streamingPriority));
    }
}
