package org.deepspt.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.deepspt.api.ReliabilityThresholds;
import org.deepspt.api.inference.ModelLoadException;
import org.junit.jupiter.api.Test;

/** The manifest's optional {@code reliability} object and the length sets of its {@code test_metrics}. */
class ModelManifestReliabilityTest {
    private static final String BASE = "{\"kind\":\"deepspt-segmentation-ensemble\",\"name\":\"x\",\"dimension\":2,"
            + "\"input\":{\"name\":\"positions\"},\"output\":{\"name\":\"p\",\"class_order\":"
            + "[\"normal\",\"directed\",\"confined\",\"subdiffusive\"]},\"files\":{\"onnx\":{\"name\":"
            + "\"x.onnx\",\"sha256\":\"" + "0".repeat(64) + "\"}}";

    private static ModelManifest read(String extra) {
        String json = BASE + (extra.isEmpty() ? "" : "," + extra) + "}";
        return ModelManifest.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "m.json");
    }

    @Test
    void reliabilityObjectIsReadAndOptional() {
        assertTrue(read("").reliability().isEmpty());
        ModelManifest m = read("\"reliability\":{\"min_length\":10,\"min_snr\":0.8,\"min_mean_confidence\":0.5,"
                + "\"measured_on\":\"seeds 91xxx\"}");
        assertEquals(new ReliabilityThresholds(10, 0.8, 0.5), m.reliability().orElseThrow());
    }

    @Test
    void offContractReliabilityNamesTheField() {
        String[][] cases = {
            {"\"reliability\":[10]", "'reliability'"},
            {"\"reliability\":{\"min_snr\":0.8,\"min_mean_confidence\":0.5}", "'reliability.min_length'"},
            {"\"reliability\":{\"min_length\":10.5,\"min_snr\":0.8,\"min_mean_confidence\":0.5}",
                "'reliability.min_length'"},
            {"\"reliability\":{\"min_length\":10,\"min_snr\":\"high\",\"min_mean_confidence\":0.5}",
                "'reliability.min_snr'"},
            {"\"reliability\":{\"min_length\":10,\"min_snr\":0.8}", "'reliability.min_mean_confidence'"},
            {"\"reliability\":{\"min_length\":10,\"min_snr\":0.8,\"min_mean_confidence\":1.5}",
                "reliability.min_mean_confidence"},
        };
        for (String[] c : cases) {
            ModelLoadException e = assertThrows(ModelLoadException.class, () -> read(c[0]), c[0]);
            assertTrue(e.getMessage().startsWith("m.json") && e.getMessage().contains(c[1]), e.getMessage());
        }
    }

    @Test
    void lengthSetsOfTheTestMetricsInAscendingOrder() {
        ModelManifest m = read("\"test_metrics\":{\"sets\":{\"main\":{\"model\":{\"acc4\":0.88}},"
                + "\"N=100\":{\"model\":{\"acc4\":0.72,\"ece\":0.017,\"tracks\":1000}},"
                + "\"N=20\":{\"model\":{\"acc4\":0.47}},\"Q=1\":{\"model\":{\"acc4\":0.76}},"
                + "\"N=50\":{\"rolling-msd\":{\"acc4\":0.3}}}}");
        List<ModelManifest.LengthMetric> l = m.testMetricsByLength();
        assertEquals(2, l.size());
        assertEquals(new ModelManifest.LengthMetric(20, 0.47, Double.NaN, 0), l.get(0));
        assertEquals(new ModelManifest.LengthMetric(100, 0.72, 0.017, 1000), l.get(1));
        assertTrue(read("").testMetricsByLength().isEmpty());
    }

    @Test
    void verdictSplitOfTheTestMetricsInManifestOrder() {
        ModelManifest m = read("\"test_metrics\":{\"test_sets\":{\"main\":\"protocol, seed 1\"},\"sets\":{"
                + "\"main\":{\"model\":{\"acc4\":0.88,\"verdict_reliable_share\":0.76,\"acc4_reliable\":0.914,"
                + "\"acc4_unreliable\":0.747},\"rolling-msd\":{\"verdict_reliable_share\":null}},"
                + "\"N=7\":{\"model\":{\"verdict_reliable_share\":0.0,\"acc4_reliable\":null,"
                + "\"acc4_unreliable\":0.46}},\"Q=1\":{\"model\":{\"acc4\":0.76}}}}");
        List<ModelManifest.VerdictMetric> v = m.testMetricsByVerdict();
        assertEquals(2, v.size());
        assertEquals(new ModelManifest.VerdictMetric("main", "protocol, seed 1", 0.76, 0.914, 0.747), v.get(0));
        assertEquals("N=7", v.get(1).set());
        assertEquals("", v.get(1).description());
        assertTrue(Double.isNaN(v.get(1).reliableAccuracy()));
        assertEquals(0.46, v.get(1).unreliableAccuracy());
        assertTrue(read("").testMetricsByVerdict().isEmpty());
    }
}
