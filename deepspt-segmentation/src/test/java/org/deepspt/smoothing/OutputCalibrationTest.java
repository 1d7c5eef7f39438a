package org.deepspt.smoothing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** The temperature table's interpolation against numpy ({@code path_posterior_golden.py}), and its checks. */
class OutputCalibrationTest {

    private static double[] array(JsonNode a) {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asDouble();
        }
        return out;
    }

    private static double[][] matrix(JsonNode a) {
        double[][] out = new double[a.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = array(a.get(i));
        }
        return out;
    }

    @Test
    void bilinearInLogLengthAndLogSnrConstantBeyondTheKnots() throws Exception {
        JsonNode t = PathPosteriorTest.golden().get("table");
        double[][] table = matrix(t.get("log_temperature"));
        double[][] doubled = new double[table.length][table[0].length];
        for (int a = 0; a < table.length; a++) {
            for (int b = 0; b < table[a].length; b++) {
                doubled[a][b] = 2 * table[a][b];
            }
        }
        OutputCalibration c = OutputCalibration.of(array(t.get("length_knots")), array(t.get("snr_knots")), table,
                9, doubled);
        assertFalse(c.isIdentity());
        assertEquals(9, c.switchPenalty());
        for (JsonNode p : t.get("points")) {
            double snr = Double.parseDouble(p.get("snr").asText().replace("inf", "Infinity").replace("nan", "NaN"));
            double expected = p.get("temperature").asDouble();
            int n = p.get("length").asInt();
            assertEquals(expected, c.temperature(n, snr, false), 1e-12, p.toString());
            assertEquals(expected * expected, c.temperature(n, snr, true), 1e-12, "smoothed table, " + p);
        }
    }

    @Test
    void identityIsTemperatureOne() {
        OutputCalibration id = OutputCalibration.identity();
        assertTrue(id.isIdentity());
        assertEquals(1, id.temperature(5, 0.3, false));
        assertEquals(1, id.temperature(500, Double.NaN, true));
    }

    @Test
    void invalidTablesNameTheField() {
        double[][] ok = {{0, 0}, {0, 0}};
        String[][] cases = {
            {"length_knots[0]"}, {"length_knots must be strictly increasing"}, {"snr_knots[1]"},
            {"log_temperature must have 2 rows"}, {"log_temperature_smoothed[1] must have 2 values"},
            {"log_temperature[0][1]"}, {"switch_penalty"},
        };
        Runnable[] calls = {
            () -> OutputCalibration.of(new double[] {0.5, 10}, new double[] {1, 2}, ok, 9, ok),
            () -> OutputCalibration.of(new double[] {10, 10}, new double[] {1, 2}, ok, 9, ok),
            () -> OutputCalibration.of(new double[] {5, 10}, new double[] {1, Double.POSITIVE_INFINITY}, ok, 9, ok),
            () -> OutputCalibration.of(new double[] {5, 10}, new double[] {1, 2}, new double[][] {{0, 0}}, 9, ok),
            () -> OutputCalibration.of(new double[] {5, 10}, new double[] {1, 2}, ok, 9, new double[][] {{0, 0}, {0}}),
            () -> OutputCalibration.of(new double[] {5, 10}, new double[] {1, 2}, new double[][] {{0, 5}, {0, 0}}, 9,
                    ok),
            () -> OutputCalibration.of(new double[] {5, 10}, new double[] {1, 2}, ok, -1, ok),
        };
        for (int i = 0; i < calls.length; i++) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, calls[i]::run, cases[i][0]);
            assertTrue(e.getMessage().startsWith(cases[i][0]), e.getMessage());
        }
    }
}
