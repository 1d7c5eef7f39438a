package org.deepspt.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What the {@code auto} fallback warning says when ONNX Runtime does not load (the probe's reason). */
class OnnxBackendTest {

    /**
     * Review (vendor), item 2: the reason was the {@link ExceptionInInitializerError} of ONNX Runtime's static
     * initialiser, which says nothing; now the root cause, with the error that carried it.
     */
    @Test
    void theReasonNamesTheRootCauseAndTheErrorThatCarriedIt() {
        UnsatisfiedLinkError link = new UnsatisfiedLinkError("libonnxruntime.so: cannot open shared object file");
        Throwable e = new ExceptionInInitializerError(new RuntimeException("Failed to load onnx-runtime library", link));
        assertEquals("java.lang.UnsatisfiedLinkError: libonnxruntime.so: cannot open shared object file (raised as "
                + "java.lang.ExceptionInInitializerError)", OnnxBackend.describe(e));
        assertEquals(link.toString(), OnnxBackend.describe(link));
        // A cause cycle ends the walk.
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);
        assertTrue(OnnxBackend.describe(a).startsWith("java.lang.RuntimeException: "), OnnxBackend.describe(a));
    }
}
