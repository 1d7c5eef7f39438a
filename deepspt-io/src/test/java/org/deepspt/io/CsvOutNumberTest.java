package org.deepspt.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link CsvOut#number(double)} writes the text of {@link Double#toString} (JDK 17's, on the values checked here)
 * and every value parses back exactly.
 */
class CsvOutNumberTest {

    @Test
    void specialValuesKeepDoubleToStringsText() {
        double[] special = {0.0, -0.0, 1.0, -1.0, 0.1, 0.3, 1.0 / 3, 1e-3, 9.99e-4, 1e7, 9999999.0, 1e-300,
            Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE, Double.NaN, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, 0.30000000000000004, 123456.789, 2.5e-7};
        for (double v : special) {
            assertEquals(Double.toString(v), CsvOut.number(v), "value " + v);
        }
        assertEquals("0.1", CsvOut.number(0.1));
        assertEquals("1.0E-5", CsvOut.number(1e-5));
        assertEquals("NaN", CsvOut.number(Double.NaN));
        assertEquals("-Infinity", CsvOut.number(Double.NEGATIVE_INFINITY));
    }

    @Test
    void probabilitiesCoordinatesAndRandomBitsRoundTrip() {
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < 300_000; i++) {
            double v = switch (i % 3) {
                case 0 -> {
                    double x = Math.pow(r.nextDouble(), 3);
                    yield x / (x + r.nextDouble());                  // renormalised probabilities
                }
                case 1 -> (r.nextDouble() - 0.5) * 200;               // coordinates in µm
                default -> Double.longBitsToDouble(r.nextLong());     // any bit pattern
            };
            String s = CsvOut.number(v);
            if (!Double.isNaN(v)) {
                assertEquals(v, Double.parseDouble(s), s);
            }
        }
    }
}
