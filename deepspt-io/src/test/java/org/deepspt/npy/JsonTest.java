package org.deepspt.npy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The spec writer's bytes: the expected text is what the hand-written serialiser before Jackson wrote for the
 * same value (every kind of value it took: nested maps, lists, primitive arrays, NaN and ±∞, a float, an enum,
 * escapes, empty containers, a JDK 17 {@code Double.toString} that is not the shortest decimal).
 */
class JsonTest {

    @Test
    void writesWhatTheHandWrittenSerialiserWrote() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", "deepspt-training-set");
        m.put("version", 1);
        m.put("seed", 123456789012L);
        m.put("frameIntervalSeconds", 0.03);
        m.put("small", 1.0E-4);
        m.put("big", 2.5E22);
        m.put("float", 0.1f);
        m.put("nan", Double.NaN);
        m.put("inf", Double.NEGATIVE_INFINITY);
        m.put("flag", true);
        m.put("nothing", null);
        m.put("unit", "µm \"quoted\" back\\slash\nnew\ttab\rcr\u0001ctl");
        m.put("state", Thread.State.RUNNABLE);
        m.put("classOrder", List.of("normal", "directed"));
        m.put("counts", List.of(1L, 2L, 3L));
        m.put("longs", new long[] {4, 5});
        m.put("ints", new int[] {6});
        m.put("emptyList", List.of());
        m.put("emptyMap", Map.of());
        m.put("mixed", Arrays.asList(1, 2.5, "x", null, false));
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("sha256", "ab");
        inner.put("shape", "[points, dim]");
        Map<String, Object> deeper = new LinkedHashMap<>();
        deeper.put("k", List.of(0.5, 1.0));
        inner.put("deeper", deeper);
        m.put("files", inner);
        m.put("path", new StringBuilder("a/b.npy")); // any other object: its toString()
        assertEquals("""
                {
                  "format": "deepspt-training-set",
                  "version": 1,
                  "seed": 123456789012,
                  "frameIntervalSeconds": 0.03,
                  "small": 1.0E-4,
                  "big": 2.4999999999999998E22,
                  "float": 0.10000000149011612,
                  "nan": null,
                  "inf": null,
                  "flag": true,
                  "nothing": null,
                  "unit": "µm \\"quoted\\" back\\\\slash\\nnew\\ttab\\rcr\\u0001ctl",
                  "state": "RUNNABLE",
                  "classOrder": ["normal", "directed"],
                  "counts": [1, 2, 3],
                  "longs": [4, 5],
                  "ints": [6],
                  "emptyList": [],
                  "emptyMap": {},
                  "mixed": [1, 2.5, "x", null, false],
                  "files": {
                    "sha256": "ab",
                    "shape": "[points, dim]",
                    "deeper": {
                      "k": [0.5, 1.0]
                    }
                  },
                  "path": "a/b.npy"
                }
                """, Json.write(m));
    }
}
