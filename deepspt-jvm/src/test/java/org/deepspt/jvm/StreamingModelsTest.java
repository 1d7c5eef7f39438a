package org.deepspt.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.deepspt.api.Trajectory;
import org.deepspt.api.inference.StreamingEngine;
import org.deepspt.npy.NpyArray;
import org.deepspt.npy.NpyReader;
import org.deepspt.onnx.OnnxBackend;
import org.deepspt.online.FrameState;
import org.deepspt.online.OnlineListener;
import org.deepspt.online.OnlineOptions;
import org.deepspt.online.OnlineReplay;
import org.deepspt.online.OnlineSegmenter;
import org.deepspt.online.StreamingModel;
import org.deepspt.online.StreamingModels;
import org.deepspt.sim.SimulationConfig;
import org.deepspt.sim.Simulator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bundled streaming models on both backends: each reproduces, step by step with its state carried, the
 * probabilities PyTorch wrote at export (expected-probabilities.npy, from the whole-sequence model), and the two
 * backends give the same final states through {@link OnlineSegmenter}.
 */
class StreamingModelsTest {
    /** float32 engines vs PyTorch on the same graph. */
    private static final double TOLERANCE = 1e-4;

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (int dim : new int[] {2, 3}) {
            if (StreamingModelsTest.class.getClassLoader().getResource(resource(dim, ".manifest.json")) != null) {
                out.add(Arguments.of(dim, "jvm"));
                out.add(Arguments.of(dim, "onnx"));
            }
        }
        return out.stream();
    }

    private static String resource(int dim, String suffix) {
        String name = StreamingModels.defaultName(dim);
        return "org/deepspt/models/" + name + "/" + name + suffix;
    }

    private static NpyArray npy(int dim, String suffix) throws Exception {
        Path tmp = Files.createTempFile("stream", ".npy");
        try (InputStream in = StreamingModelsTest.class.getClassLoader().getResourceAsStream(resource(dim, suffix))) {
            Files.write(tmp, in.readAllBytes());
            return NpyReader.read(tmp);
        } finally {
            Files.delete(tmp);
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void stepsReproduceTheExportedProbabilities(int dim, String backend) throws Exception {
        if (backend.equals("onnx")) {
            assumeTrue(new OnnxBackend().isAvailable(), "ONNX Runtime not available");
        }
        JsonNode m;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource(dim, ".manifest.json"))) {
            m = new ObjectMapper().readTree(in);
        }
        assertEquals(StreamingModels.KIND, m.path("kind").asText());
        assertTrue(m.path("parameters").asLong() <= 150_000, "small: " + m.path("parameters"));
        assertEquals(m.path("max_lag").asInt() + 1, m.path("temperatures").size(), "one temperature per head");
        NpyArray feats = npy(dim, ".test-features.npy");
        NpyArray expected = npy(dim, ".expected-probabilities.npy");
        long[] fs = feats.shape(); // [T, B, F]
        int t = (int) fs[0];
        int b = (int) fs[1];
        int f = (int) fs[2];
        float[] x = feats.toFloatArray();
        float[] want = expected.toFloatArray();
        try (StreamingModel model = StreamingModels.bundled(dim, backend)) {
            assertEquals(backend, model.backend());
            StreamingEngine e = engine(model);
            int k = e.maxLag() + 1;
            assertEquals(f, e.featureCount());
            float[] state = new float[b * e.stateSize()];
            float[] next = new float[state.length];
            float[] probs = new float[b * k * 4];
            double worst = 0;
            for (int i = 0; i < t; i++) {
                e.step(java.util.Arrays.copyOfRange(x, i * b * f, (i + 1) * b * f), state, b, probs, next);
                System.arraycopy(next, 0, state, 0, state.length);
                for (int j = 0; j < probs.length; j++) {
                    worst = Math.max(worst, Math.abs(probs[j] - want[i * b * k * 4 + j]));
                }
            }
            assertTrue(worst < TOLERANCE, backend + " " + dim + "D: max |dp| " + worst);
        }
    }

    private static StreamingEngine engine(StreamingModel model) throws Exception {
        java.lang.reflect.Method m = StreamingModel.class.getDeclaredMethod("engine");
        m.setAccessible(true);
        return (StreamingEngine) m.invoke(model);
    }

    /** Both backends refuse a batch below 1 and arrays shorter than the batch needs, with the same check. */
    @ParameterizedTest
    @MethodSource("cases")
    void stepsRefuseBadBatchesAndShortArrays(int dim, String backend) throws Exception {
        if (backend.equals("onnx")) {
            assumeTrue(new OnnxBackend().isAvailable(), "ONNX Runtime not available");
        }
        try (StreamingModel model = StreamingModels.bundled(dim, backend)) {
            StreamingEngine e = engine(model);
            int f = e.featureCount();
            int s = e.stateSize();
            int p = (e.maxLag() + 1) * 4;
            IllegalArgumentException zero = org.junit.jupiter.api.Assertions.assertThrows(
                    IllegalArgumentException.class, () -> e.step(new float[f], new float[s], 0, new float[p],
                            new float[s]));
            assertTrue(zero.getMessage().contains("batch must be >= 1"), zero.getMessage());
            IllegalArgumentException shortState = org.junit.jupiter.api.Assertions.assertThrows(
                    IllegalArgumentException.class, () -> e.step(new float[2 * f], new float[s], 2,
                            new float[2 * p], new float[2 * s]));
            assertTrue(shortState.getMessage().contains("arrays too short for a batch of 2"), shortState.getMessage());
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void bothBackendsGiveTheSameFinalStatesOnline(int dim, String backend) {
        assumeTrue(backend.equals("jvm"), "one comparison per dimension");
        assumeTrue(new OnnxBackend().isAvailable(), "ONNX Runtime not available");
        List<Trajectory> tracks = Simulator.of(SimulationConfig.paper(dim).toBuilder().lengthRange(30, 80).build())
                .simulate(12, 31 + dim);
        List<List<FrameState>> results = new ArrayList<>();
        for (String b : new String[] {"jvm", "onnx"}) {
            List<FrameState> finals = java.util.Collections.synchronizedList(new ArrayList<>());
            try (StreamingModel model = StreamingModels.bundled(dim, b);
                    OnlineSegmenter online = OnlineSegmenter.of(model, OnlineOptions.defaults().withLag(10))) {
                online.addListener(OnlineListener.finals(finals::add));
                OnlineReplay.run(online, tracks, 0);
            }
            results.add(finals);
        }
        assertEquals(tracks.stream().mapToInt(Trajectory::size).sum(), results.get(0).size());
        assertEquals(results.get(0).size(), results.get(1).size());
        for (int i = 0; i < results.get(0).size(); i++) {
            FrameState a = results.get(0).get(i);
            FrameState c = results.get(1).get(i);
            assertEquals(a.particleId() + a.frame(), c.particleId() + c.frame());
            double[] pa = a.probabilities();
            double[] pc = c.probabilities();
            for (int s = 0; s < 4; s++) {
                assertEquals(pa[s], pc[s], TOLERANCE, a.toString());
            }
        }
    }
}
