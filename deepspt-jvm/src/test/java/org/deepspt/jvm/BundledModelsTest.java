package org.deepspt.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deepspt.api.inference.EngineOptions;
import org.deepspt.api.inference.InferenceEngine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The shipped models reproduce their shipped expected outputs (computed by ONNX Runtime at release time):
 * max absolute probability difference ≤ 1e-4 and identical argmax states.
 */
class BundledModelsTest {

    @ParameterizedTest
    @CsvSource({"deepspt-unet-2d, 2, ''", "deepspt-unet-2d, 2, -short", "deepspt-unet-3d, 3, ''",
        "deepspt-unet-3d, 3, -short"})
    void reproducesExpectedOutputs(String name, int dim, String suffix) {
        String base = "org/deepspt/models/" + name + "/" + name;
        TestResources.Npy in = TestResources.npy(base + ".test-input" + suffix + ".npy");
        TestResources.Npy expected = TestResources.npy(base + ".expected-output" + suffix + ".npy");
        int batch = in.shape[0];
        int length = in.shape[1];
        assertEquals(dim, in.shape[2]);
        try (InferenceEngine engine = new JvmBackend().load(TestResources.model(name), name, dim,
                EngineOptions.defaults())) {
            assertEquals("jvm", engine.backend());
            float[] out = new float[batch * length * 4];
            engine.run(in.data, batch, length, out);
            double maxDiff = 0;
            for (int i = 0; i < out.length; i++) {
                maxDiff = Math.max(maxDiff, Math.abs(out[i] - expected.data[i]));
            }
            for (int r = 0; r < batch * length; r++) {
                assertEquals(argmax(expected.data, r), argmax(out, r), "argmax at row " + r);
            }
            System.err.printf("%s%s: max |Δp| = %.3g%n", name, suffix, maxDiff);
            assertTrue(maxDiff <= 1e-4, "max abs difference " + maxDiff);
        }
    }

    /**
     * Every GroupNorm of a bundled graph runs as one fused step: since the InstanceNormalization rewrite (fa66a2f)
     * one InstanceNormalization node each; in the elementwise form of older files two ReduceMean nodes each.
     */
    @ParameterizedTest
    @CsvSource({"deepspt-unet-2d, 2", "deepspt-unet-3d, 3", "deepspt-unet-2d-fast, 2", "deepspt-unet-3d-fast, 3"})
    void everyGroupNormIsFused(String name, int dim) throws Exception {
        byte[] bytes = TestResources.model(name);
        java.util.List<org.deepspt.jvm.impl.onnx.NodeProto> nodes = org.deepspt.jvm.impl.onnx.ModelProto
                .parseFrom(bytes).getGraph().getNodeList();
        long instanceNorms = nodes.stream().filter(n -> n.getOpType().equals("InstanceNormalization")).count();
        long reduceMeans = nodes.stream().filter(n -> n.getOpType().equals("ReduceMean")).count();
        assertTrue(instanceNorms > 0, "the bundled graphs use InstanceNormalization since fa66a2f");
        org.deepspt.jvm.impl.Program p = org.deepspt.jvm.impl.ModelCompiler.compile(bytes, name, dim,
                org.deepspt.jvm.impl.Kernels.scalar());
        java.util.List<String> ops = java.util.List.of(p.stepOps());
        assertEquals(instanceNorms + reduceMeans / 2, ops.stream().filter(o -> o.startsWith("GroupNorm")).count(),
                ops::toString);
        assertTrue(!ops.contains("ReduceMean") && !ops.contains("InstanceNormalization"), ops::toString);
    }

    static int argmax(float[] p, int row) {
        int best = 0;
        for (int k = 1; k < 4; k++) {
            if (p[row * 4 + k] > p[row * 4 + best]) {
                best = k;
            }
        }
        return best;
    }
}
