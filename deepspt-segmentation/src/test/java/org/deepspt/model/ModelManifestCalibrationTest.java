package org.deepspt.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.deepspt.api.inference.ModelLoadException;
import org.deepspt.smoothing.OutputCalibration;
import org.junit.jupiter.api.Test;

/** The manifest's optional {@code output_calibration} object: read into {@link OutputCalibration}, or refused by field. */
class ModelManifestCalibrationTest {
    private static final String BASE = "{\"kind\":\"deepspt-segmentation-ensemble\",\"name\":\"x\",\"dimension\":2,"
            + "\"input\":{\"name\":\"positions\"},\"output\":{\"name\":\"p\",\"class_order\":"
            + "[\"normal\",\"directed\",\"confined\",\"subdiffusive\"]},\"files\":{\"onnx\":{\"name\":"
            + "\"x.onnx\",\"sha256\":\"" + "0".repeat(64) + "\"}}";
    private static final String GOOD = "\"length_knots\":[5,50],\"snr_knots\":[0.5,2],"
            + "\"log_temperature\":[[0.2,0.1],[0.0,-0.1]],\"switch_penalty\":9,"
            + "\"log_temperature_smoothed\":[[1.5,1.4],[1.3,1.2]],\"fitted_on\":\"validation seeds\"";

    private static ModelManifest read(String extra) {
        String json = BASE + (extra.isEmpty() ? "" : "," + extra) + "}";
        return ModelManifest.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "m.json");
    }

    @Test
    void absentOrNullIsTheIdentity() {
        assertTrue(read("").outputCalibration().isIdentity());
        assertTrue(read("\"output_calibration\":null").outputCalibration().isIdentity());
    }

    @Test
    void tablesAreRead() {
        OutputCalibration c = read("\"output_calibration\":{" + GOOD + "}").outputCalibration();
        assertFalse(c.isIdentity());
        assertEquals(OutputCalibration.of(new double[] {5, 50}, new double[] {0.5, 2},
                new double[][] {{0.2, 0.1}, {0.0, -0.1}}, 9, new double[][] {{1.5, 1.4}, {1.3, 1.2}}), c);
        assertEquals(Math.exp(0.2), c.temperature(5, 0.5, false), 1e-12);
        assertEquals(Math.exp(1.2), c.temperature(50, 2, true), 1e-12);
    }

    @Test
    void invalidFieldsGiveATypedErrorNamingTheField() {
        String[][] cases = {
            {"\"output_calibration\":[1]", "'output_calibration'"},
            {"\"output_calibration\":{" + GOOD.replace("\"length_knots\":[5,50],", "") + "}",
                "'output_calibration.length_knots'"},
            {"\"output_calibration\":{" + GOOD.replace("[5,50]", "[5,\"fifty\"]") + "}",
                "'output_calibration.length_knots[1]'"},
            {"\"output_calibration\":{" + GOOD.replace("[5,50]", "[50,5]") + "}",
                "output_calibration.length_knots must be strictly increasing"},
            {"\"output_calibration\":{" + GOOD.replace("[0.5,2]", "[0,2]") + "}", "output_calibration.snr_knots[0]"},
            {"\"output_calibration\":{" + GOOD.replace("[[0.2,0.1],[0.0,-0.1]]", "[[0.2,0.1]]") + "}",
                "output_calibration.log_temperature must have 2 rows"},
            {"\"output_calibration\":{" + GOOD.replace("[[0.2,0.1],[0.0,-0.1]]", "[[0.2,0.1],[0.0,9]]") + "}",
                "output_calibration.log_temperature[1][1]"},
            {"\"output_calibration\":{" + GOOD.replace("[[0.2,0.1],[0.0,-0.1]]", "[[0.2,0.1],0.5]") + "}",
                "'output_calibration.log_temperature[1]'"},
            {"\"output_calibration\":{" + GOOD.replace("\"switch_penalty\":9", "\"switch_penalty\":\"9\"") + "}",
                "'output_calibration.switch_penalty'"},
            {"\"output_calibration\":{" + GOOD.replace("\"switch_penalty\":9", "\"switch_penalty\":-9") + "}",
                "output_calibration.switch_penalty"},
            {"\"output_calibration\":{" + GOOD.replace("[[1.5,1.4],[1.3,1.2]]", "[[1.5,1.4],[1.3]]") + "}",
                "output_calibration.log_temperature_smoothed[1]"},
        };
        for (String[] c : cases) {
            ModelLoadException e = assertThrows(ModelLoadException.class, () -> read(c[0]), c[0]);
            assertTrue(e.getMessage().startsWith("m.json") && e.getMessage().contains(c[1]), e.getMessage());
        }
    }
}
