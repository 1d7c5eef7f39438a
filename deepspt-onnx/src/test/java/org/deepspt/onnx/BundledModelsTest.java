package org.deepspt.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.deepspt.api.SegmenterOptions;
import org.deepspt.api.inference.ModelLoadException;
import org.deepspt.model.ModelManifest;
import org.deepspt.model.SegmentationModels;
import org.deepspt.neural.NeuralSegmenter;
import org.deepspt.npy.NpyArray;
import org.deepspt.npy.NpyReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every model listed in {@code org/deepspt/models/index.txt} (the deepspt-models jar): the manifest is
 * on-contract, every file matches its SHA-256, and the Java runtime reproduces the expected outputs that
 * PyTorch wrote at export from the stored test inputs.
 */
class BundledModelsTest {
    private static final SegmenterOptions ONNX = SegmenterOptions.defaults().withBackend("onnx").withoutSmoothing();
    /** float32 ONNX Runtime vs PyTorch on the same graph; the exporter measured ≤ 1.2e-7. */
    private static final double TOLERANCE = 1e-4;

    static Stream<String> bundledModels() throws IOException {
        try (InputStream in = BundledModelsTest.class.getClassLoader()
                .getResourceAsStream("org/deepspt/models/index.txt")) {
            if (in == null) {
                return Stream.empty();
            }
            List<String> names = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip).filter(s -> !s.isEmpty() && !s.startsWith("#")).toList();
            return names.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("bundledModels")
    void manifestHashesAndExpectedOutputs(String name) throws Exception {
        assertTrue(SegmentationModels.isBundled(name), name);
        ModelManifest m = SegmentationModels.bundledManifest(name);
        assertEquals(name, m.name());
        // Calibrated: one temperature, or a length-dependent one log T(N) = a + b log N (round 2), both in the graph.
        JsonNode lt = m.json().path("length_temperature");
        assertTrue(m.temperature().isPresent() || (lt.path("a").isNumber() && lt.path("b").isNumber()
                && Double.isFinite(lt.path("a").asDouble()) && Double.isFinite(lt.path("b").asDouble())),
                "calibrated temperature recorded");
        assertTrue(m.json().path("total_parameters").asLong() <= 3 * 2_000_000L, "≤ 2 M parameters per member");
        try (NeuralSegmenter s = SegmentationModels.bundled(name, ONNX.withMinimumLength(1))) {
            assertEquals(m.dimension(), s.dimension());
            for (Map.Entry<String, String> pair : ExpectedOutputs.PAIRS.entrySet()) {
                NpyArray input = npy(name, m.files().get(pair.getKey()).name());
                NpyArray expected = npy(name, m.files().get(pair.getValue()).name());
                double dev = ExpectedOutputs.maxDeviation(s, input, expected);
                assertTrue(dev < TOLERANCE, name + " " + pair.getKey() + ": max deviation " + dev);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("bundledModels")
    void manifestRecordsMembersTrainingAndTestMetrics(String name) {
        JsonNode json = SegmentationModels.bundledManifest(name).json();
        JsonNode members = json.path("members");
        if (name.endsWith("-fast") || name.endsWith("-int8")) {
            assertEquals(1, members.size(), name + ": the fast and int8 models are one member");
        } else {
            assertTrue(members.size() >= 3, name + ": at least 3 ensemble members");
        }
        for (JsonNode member : members) {
            assertTrue(member.path("parameters").asLong() <= 2_000_000L, name + ": ≤ 2 M parameters per member");
            assertTrue(member.path("training").path("train_data").path("spec").has("seed"),
                    name + ": training data seed recorded");
            assertTrue(member.path("training").path("train_seconds").asDouble() > 0, name + ": training time");
        }
        JsonNode main = json.path("test_metrics").path("sets").path("main");
        double acc4 = main.path("model").path("acc4").asDouble(Double.NaN);
        double baseline = main.path("rolling-msd").path("acc4").asDouble(Double.NaN);
        assertTrue(main.path("model").path("tracks").asInt() >= 10_000, name + ": test set of ≥ 10,000 tracks");
        assertTrue(acc4 > baseline, name + ": test accuracy " + acc4 + " vs rolling-MSD " + baseline);
    }

    @org.junit.jupiter.api.Test
    void theDefault2dAnd3dModelsAreShipped() throws IOException {
        for (String name : new String[] {SegmentationModels.DEFAULT_2D, SegmentationModels.DEFAULT_3D,
                SegmentationModels.ENSEMBLE_2D, SegmentationModels.ENSEMBLE_3D, SegmentationModels.FAST_2D,
                SegmentationModels.FAST_3D, SegmentationModels.INT8_2D, SegmentationModels.INT8_3D}) {
            assertTrue(bundledModels().toList().contains(name), "index.txt must list " + name);
        }
    }

    /**
     * Issue 20's rule for the default: the fastest model (int8) within 0.3 points of 4-class accuracy of the float
     * model it was quantised from, on the published protocol's test set and on the widened mixture's, both held
     * out (test_metrics of models/evaluate-wide.sh), with ECE at most 0.02 on both.
     */
    @org.junit.jupiter.api.Test
    void theDefaultIsTheInt8ModelWithinAThirdOfAPointOfItsFloatTwin() {
        String[][] pairs = {{SegmentationModels.INT8_2D, SegmentationModels.FAST_2D},
                {SegmentationModels.INT8_3D, SegmentationModels.FAST_3D}};
        for (String[] pair : pairs) {
            for (String set : new String[] {"main", "wide"}) {
                JsonNode int8 = metrics(pair[0], set);
                JsonNode fast = metrics(pair[1], set);
                double drop = fast.path("acc4").asDouble(Double.NaN) - int8.path("acc4").asDouble(Double.NaN);
                assertTrue(drop <= 0.003, pair[0] + " on " + set + ": 4-class accuracy " + drop * 100
                        + " points below " + pair[1]);
                assertTrue(int8.path("ece").asDouble(Double.NaN) <= 0.02, pair[0] + " on " + set + ": ECE "
                        + int8.path("ece"));
            }
        }
        assertEquals(SegmentationModels.INT8_2D, SegmentationModels.DEFAULT_2D);
        assertEquals(SegmentationModels.INT8_3D, SegmentationModels.DEFAULT_3D);
    }

    private static JsonNode metrics(String model, String set) {
        JsonNode m = SegmentationModels.bundledManifest(model).json().path("test_metrics").path("sets").path(set)
                .path("model");
        assertTrue(m.path("tracks").asInt() > 0, model + ": no test metrics for set " + set);
        return m;
    }

    private static NpyArray npy(String model, String file) throws IOException {
        byte[] bytes = SegmentationModels.bundledFile(model, file);
        Path tmp = Files.createTempFile("bundled", ".npy");
        try {
            Files.write(tmp, bytes);
            return NpyReader.read(tmp);
        } finally {
            Files.delete(tmp);
        }
    }
}
