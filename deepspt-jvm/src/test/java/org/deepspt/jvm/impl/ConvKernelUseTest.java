package org.deepspt.jvm.impl;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deepspt.jvm.TestResources;
import org.junit.jupiter.api.Test;

/**
 * Which graphs run the Conv1d kernels ({@link Program#usesConv1dKernel()}), the test of whether the "Vector API is
 * not enabled" warning ({@link Kernels#warnIfScalarFallback()}) applies to a model: the U-Nets do, the streaming
 * TCN (dense layers only) does not.
 */
class ConvKernelUseTest {
    @Test
    void theUnetsRunConvolutions() {
        for (String name : new String[] {"deepspt-unet-2d", "deepspt-unet-3d-fast"}) {
            int dim = name.contains("3d") ? 3 : 2;
            Program p = ModelCompiler.compile(TestResources.model(name), name, dim, Kernels.scalar());
            assertTrue(p.usesConv1dKernel(), name);
        }
    }

    @Test
    void theStreamingModelsRunNoConvolution() {
        for (String name : new String[] {"deepspt-stream-2d", "deepspt-stream-3d"}) {
            Program p = ModelCompiler.compileStreaming(TestResources.model(name), name, Kernels.scalar());
            assertFalse(p.usesConv1dKernel(), name);
        }
    }

    @Test
    void theWarningIsNeverLoggedWhenTheVectorKernelRunsOrTheScalarOneIsForced() {
        if (Kernels.vectorApiAvailable() || "scalar".equals(System.getProperty("deepspt.jvm.kernel"))) {
            assertFalse(Kernels.warnIfScalarFallback());
        } else {
            // Without the Vector API: logged by the first call of this JVM at most, never twice.
            Kernels.warnIfScalarFallback();
            assertFalse(Kernels.warnIfScalarFallback());
        }
    }
}
