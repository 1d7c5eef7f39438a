package org.deepspt.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.deepspt.TestTracks;
import org.deepspt.api.InvalidTrajectoryException;
import org.deepspt.api.Trajectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingSetExporterTest {
    @TempDir
    Path dir;

    /** Deterministic source: length 5 + (index·7 mod 30), state = (i / 5 + index) mod 4, Brownian positions. */
    private static Trajectory track(long seed, long index, int dim) {
        int n = 5 + (int) (index * 7 % 30);
        int[] states = new int[n];
        for (int i = 0; i < n; i++) {
            states[i] = (int) ((i / 5 + index) % 4);
        }
        return TestTracks.seeded(seed * 1_000_003L + index).brownian("t" + index, n, 0.5, 1.0, dim, 0)
                .withStates(states);
    }

    @Test
    void writesCompactTripletAndSpec() throws IOException {
        int count = 700;
        TrainingSetExporter.Summary s = TrainingSetExporter.builder((seed, i) -> track(seed, i, 3), 3)
                .tracks(count).seed(11).threads(3).simulatorDescription(Map.of("name", "hand-made"))
                .build().export(dir);
        NpyArray pos = NpyReader.read(dir.resolve("positions.npy"));
        NpyArray lab = NpyReader.read(dir.resolve("labels.npy"));
        NpyArray off = NpyReader.read(dir.resolve("offsets.npy"));
        long[] offsets = off.toLongArray();
        assertEquals(count + 1, offsets.length);
        assertEquals(0, offsets[0]);
        assertEquals(s.points(), offsets[count]);
        assertArrayEquals(new long[] {s.points(), 3}, pos.shape());
        assertArrayEquals(new long[] {s.points()}, lab.shape());
        float[] p = pos.toFloatArray();
        byte[] l = lab.toByteArray();
        long total = 0;
        long[] counts = new long[4];
        for (int idx : new int[] {0, 1, 345, count - 1}) {
            Trajectory t = track(11, idx, 3);
            assertEquals(t.size(), offsets[idx + 1] - offsets[idx], "length of track " + idx);
            for (int i = 0; i < t.size(); i++) {
                int row = (int) offsets[idx] + i;
                for (int k = 0; k < 3; k++) {
                    assertEquals((float) t.coordinate(i, k), p[row * 3 + k], "track " + idx + " point " + i);
                }
                assertEquals(t.stateIndices()[i], l[row]);
            }
        }
        for (int i = 0; i < count; i++) {
            total += track(11, i, 3).size();
        }
        for (byte b : l) {
            counts[b]++;
        }
        assertEquals(total, s.points());
        assertEquals(List.of(counts[0], counts[1], counts[2], counts[3]), s.classCounts());
        assertEquals(5, s.minLength());
        assertEquals(34, s.maxLength());

        String spec = Files.readString(dir.resolve("spec.json"));
        assertTrue(spec.contains("\"format\": \"deepspt-training-set\""), spec);
        assertTrue(spec.contains("\"seed\": 11"), spec);
        assertTrue(spec.contains("\"tracks\": 700"), spec);
        assertTrue(spec.contains("\"name\": \"hand-made\""), spec);
        assertTrue(spec.contains("\"classOrder\": [\"normal\", \"directed\", \"confined\", \"subdiffusive\"]"), spec);
        assertTrue(spec.contains(TrainingSetExporter.sha256(dir.resolve("labels.npy"))), spec);
    }

    @Test
    void outputIndependentOfThreads() throws IOException {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        TrainingSetExporter.builder((seed, i) -> track(seed, i, 2), 2).tracks(600).seed(5).threads(1).build()
                .export(a);
        TrainingSetExporter.builder((seed, i) -> track(seed, i, 2), 2).tracks(600).seed(5).threads(4).build()
                .export(b);
        for (String f : new String[] {"positions.npy", "labels.npy", "offsets.npy", "spec.json"}) {
            assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f);
        }
    }

    @Test
    void rejectsUnlabelledOrWrongDimensionTracks() {
        InvalidTrajectoryException e = assertThrows(InvalidTrajectoryException.class,
                () -> TrainingSetExporter.builder((seed, i) -> track(seed, i, 2).withoutStates(), 2)
                        .tracks(10).build().export(dir.resolve("x")));
        assertTrue(e.getMessage().contains("t0"), e.getMessage());
        assertThrows(InvalidTrajectoryException.class,
                () -> TrainingSetExporter.builder((seed, i) -> track(seed, i, 3), 2).tracks(3).build()
                        .export(dir.resolve("y")));
        assertThrows(IllegalArgumentException.class, () -> TrainingSetExporter.builder((s, i) -> null, 4));
    }
}
