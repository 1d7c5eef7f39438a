package org.deepspt.jvm;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.deepspt.api.inference.EngineOptions;
import org.deepspt.api.inference.StreamingEngine;
import org.deepspt.jvm.impl.JvmStreamingEngine;
import org.deepspt.npy.NpyArray;
import org.deepspt.npy.NpyReader;
import org.deepspt.onnx.OnnxBackend;
import org.deepspt.online.StreamingModels;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The in-place path of the bundled streaming models ({@link StreamingEngine#stepSlots}, the one
 * {@code OnlineSegmenter} uses) reproduces the probabilities PyTorch wrote at export, on both backends, with the
 * particles in scattered slots of a larger slab that starts with stale contents; the jvm engine runs the bundled
 * graphs fused.
 */
class StreamingSlotsTest {
    private static final double TOLERANCE = 1e-4;

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (int dim : new int[] {2, 3}) {
            if (StreamingSlotsTest.class.getClassLoader().getResource(resource(dim, ".onnx")) != null) {
                out.add(Arguments.of(dim, "jvm", 1));
                out.add(Arguments.of(dim, "jvm", 2));
                out.add(Arguments.of(dim, "onnx", 1));
            }
        }
        return out.stream();
    }

    private static String resource(int dim, String suffix) {
        String name = StreamingModels.defaultName(dim);
        return "org/deepspt/models/" + name + "/" + name + suffix;
    }

    private static byte[] bytes(int dim, String suffix) throws Exception {
        try (InputStream in = StreamingSlotsTest.class.getClassLoader().getResourceAsStream(resource(dim, suffix))) {
            return in.readAllBytes();
        }
    }

    private static NpyArray npy(int dim, String suffix) throws Exception {
        Path tmp = Files.createTempFile("stream", ".npy");
        try {
            Files.write(tmp, bytes(dim, suffix));
            return NpyReader.read(tmp);
        } finally {
            Files.delete(tmp);
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void slotStepsReproduceTheExportedProbabilities(int dim, String backend, int threads) throws Exception {
        byte[] onnx = bytes(dim, ".onnx");
        StreamingEngine e;
        if (backend.equals("onnx")) {
            assumeTrue(new OnnxBackend().isAvailable(), "ONNX Runtime not available");
            e = new OnnxBackend().loadStreaming(onnx, "bundled", EngineOptions.defaults());
        } else {
            JvmStreamingEngine j = JvmStreamingEngine.load(onnx, "bundled", threads);
            assertTrue(j.fused(), "the bundled " + dim + "D graph runs fused");
            e = j;
        }
        NpyArray feats = npy(dim, ".test-features.npy");
        float[] want = npy(dim, ".expected-probabilities.npy").toFloatArray();
        long[] fs = feats.shape(); // [T, B, F]
        int t = (int) fs[0];
        int b = (int) fs[1];
        int f = (int) fs[2];
        float[] x = feats.toFloatArray();
        int h = 4 * (e.maxLag() + 1);
        int slabSlots = 3 * b + 1;
        float[] states = new float[slabSlots * e.stateSize()];
        Arrays.fill(states, -3f);
        float[] heads = new float[slabSlots * h];
        int[] slots = new int[b];
        for (int r = 0; r < b; r++) {
            slots[r] = 3 * (b - 1 - r) + 1; // scattered, in reverse order
        }
        long[] index = new long[b];
        double worst = 0;
        for (int i = 0; i < t; i++) {
            e.stepSlots(Arrays.copyOfRange(x, i * b * f, (i + 1) * b * f), b, states, slots, index, heads);
            for (int r = 0; r < b; r++) {
                index[r]++;
                for (int j = 0; j < h; j++) {
                    worst = Math.max(worst, Math.abs(heads[slots[r] * h + j] - want[(i * b + r) * h + j]));
                }
            }
        }
        e.close();
        assertTrue(worst < TOLERANCE, backend + " " + dim + "D: max |dp| " + worst);
    }
}
