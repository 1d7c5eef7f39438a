package org.deepspt.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {

    @Test
    void goldenThreeClassExample() throws IOException {
        List<long[]> rows = new ArrayList<>();
        Map<String, double[]> expected = new HashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                ConfusionMatrixTest.class.getResourceAsStream("/eval/confusion-golden.txt"),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] f = line.trim().split("\\s+");
                if (f[0].equals("counts")) {
                    long[] row = new long[f.length - 1];
                    for (int i = 1; i < f.length; i++) {
                        row[i - 1] = Long.parseLong(f[i]);
                    }
                    rows.add(row);
                } else {
                    double[] v = new double[f.length - 1];
                    for (int i = 1; i < f.length; i++) {
                        v[i - 1] = Double.parseDouble(f[i]);
                    }
                    expected.put(f[0], v);
                }
            }
        }
        ConfusionMatrix cm = ConfusionMatrix.of(List.of("a", "b", "c"));
        for (int t = 0; t < rows.size(); t++) {
            for (int p = 0; p < rows.get(t).length; p++) {
                for (long n = 0; n < rows.get(t)[p]; n++) {
                    cm.add(t, p);
                }
            }
        }
        assertEquals(20, cm.total());
        assertEquals(expected.get("accuracy")[0], cm.accuracy(), 1e-12);
        for (int c = 0; c < 3; c++) {
            assertEquals(expected.get("recall")[c], cm.recall(c), 1e-12);
            assertEquals(expected.get("precision")[c], cm.precision(c), 1e-12);
            assertEquals(expected.get("f1")[c], cm.f1(c), 1e-12);
        }
        assertEquals(expected.get("macroF1")[0], cm.macroF1(), 1e-12);
        assertArrayEquals(new double[] {5 / 8.0, 2 / 8.0, 1 / 8.0}, cm.normalisedByTrue()[0], 1e-15);
        assertArrayEquals(new long[] {1, 6, 0}, cm.counts()[1]);
        assertEquals(10, cm.predictedCount(1));
        assertEquals(5, cm.trueCount(2));
        String table = cm.toString();
        assertTrue(table.contains("accuracy 0.700"), table);
        assertTrue(table.contains("macro-F1 0.696"), table);
    }

    @Test
    void absentClassesAreExcludedFromMacroF1ButMissedOnesCountAsZero() {
        ConfusionMatrix cm = ConfusionMatrix.of(4);
        cm.add(0, 0, 3).add(1, 1).add(1, 0).add(3, 0);
        // class 2: no true, no predicted → excluded; class 3: true but never predicted → F1 = 0
        assertTrue(Double.isNaN(cm.f1(2)));
        assertEquals(0.0, cm.f1(3));
        assertTrue(Double.isNaN(cm.precision(3)));
        assertTrue(Double.isNaN(cm.recall(2)));
        assertEquals(0.75, cm.f1(0), 1e-15);           // 2·3/(3 + 5)
        assertEquals(2.0 / 3, cm.f1(1), 1e-15);        // 2·1/(2 + 1)
        assertEquals((0.75 + 2.0 / 3 + 0) / 3, cm.macroF1(), 1e-15);
        assertTrue(Double.isNaN(cm.normalisedByTrue()[2][0]));
        assertEquals(4.0 / 6, cm.accuracy(), 1e-15);
    }

    @Test
    void emptyMatrixAndValidation() {
        ConfusionMatrix cm = ConfusionMatrix.of(ClassMerge.TWO);
        assertTrue(Double.isNaN(cm.accuracy()));
        assertTrue(Double.isNaN(cm.macroF1()));
        assertEquals(List.of("free", "restricted"), cm.labels());
        assertThrows(IllegalArgumentException.class, () -> cm.add(2, 0));
        assertThrows(IllegalArgumentException.class, () -> cm.add(0, -1));
        assertThrows(IllegalArgumentException.class, () -> ConfusionMatrix.of(0));
        ConfusionMatrix copy = cm.copy().add(1, 1);
        assertEquals(0, cm.total());
        assertEquals(1, copy.total());
        assertEquals(2, cm.addAll(copy).addAll(copy).total());
        assertThrows(IllegalArgumentException.class, () -> cm.addAll(ConfusionMatrix.of(3)));
    }

    @Test
    void classMergesMapStates() {
        assertArrayEquals(new int[] {0, 1, 2, 3}, map(ClassMerge.FOUR));
        assertArrayEquals(new int[] {0, 1, 2, 2}, map(ClassMerge.THREE));
        assertArrayEquals(new int[] {0, 0, 1, 1}, map(ClassMerge.TWO));
    }

    private static int[] map(ClassMerge m) {
        int[] out = new int[4];
        for (int s = 0; s < 4; s++) {
            out[s] = m.map(s);
        }
        return out;
    }
}
