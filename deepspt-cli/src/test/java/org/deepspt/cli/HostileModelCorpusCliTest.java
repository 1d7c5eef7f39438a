package org.deepspt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.deepspt.api.inference.InferenceBackend;
import org.deepspt.core.Sha256;
import org.deepspt.neural.InferenceBackends;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every file of the hostile-model corpus ({@link HostileModels}, generated from the protobuf classes) through
 * {@code segment --model MANIFEST} on both backends: exit status 1 and exactly one error line with the expected
 * words for a refusal (the same line from both backends), exit status 0 and the same segmentation for a valid
 * model; never a stack trace, never a hang (each case has a time limit). A native crash of ONNX Runtime would end
 * the test JVM, which fails the build.
 */
class HostileModelCorpusCliTest {
    private static final Duration PER_CASE = Duration.ofSeconds(20);

    @TempDir
    static Path dir;
    static Path tracks;

    @BeforeAll
    static void tracks() throws Exception {
        StringBuilder csv = new StringBuilder("x,y,particle,frame\n");
        for (int p = 1; p <= 3; p++) {
            for (int f = 0; f < 12 + 5 * p; f++) {
                csv.append(String.format(Locale.ROOT, "%.3f,%.3f,%d,%d%n", Math.sin(0.3 * f * p) + p,
                        Math.cos(0.2 * f) * p, p, f));
            }
        }
        tracks = dir.resolve("tracks.csv");
        Files.writeString(tracks, csv);
    }

    static Stream<HostileModels.Case> corpus() {
        return HostileModels.all().stream();
    }

    /** Writes the case's model and a manifest naming it with its SHA-256. */
    static Path manifest(HostileModels.Case c) throws Exception {
        Path model = dir.resolve(c.name() + ".onnx");
        Files.write(model, c.bytes());
        Path manifest = dir.resolve(c.name() + ".manifest.json");
        Files.writeString(manifest, """
                {"kind": "deepspt-segmentation-ensemble", "name": "%s", "dimension": 2,
                 "input": {"name": "positions"},
                 "output": {"name": "probabilities",
                            "class_order": ["normal", "directed", "confined", "subdiffusive"]},
                 "files": {"onnx": {"name": "%s", "sha256": "%s"}}}
                """.formatted(c.name(), model.getFileName(), Sha256.of(c.bytes())), StandardCharsets.UTF_8);
        return manifest;
    }

    private static CliRun segment(Path manifest, String backend, Path out) {
        return assertTimeoutPreemptively(PER_CASE, () -> CliRun.run("segment", "--in", tracks.toString(), "--out",
                out.toString(), "--model", manifest.toString(), "--backend", backend),
                "segment with --backend " + backend + " took longer than " + PER_CASE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void bothBackendsRefuseOrRunItAlike(HostileModels.Case c) throws Exception {
        InferenceBackend onnx = InferenceBackends.all().stream().filter(b -> b.name().equals("onnx")).findFirst()
                .orElseThrow();
        Assumptions.assumeTrue(onnx.isAvailable(), onnx.unavailableReason());
        Path manifest = manifest(c);
        Path jvmOut = dir.resolve(c.name() + ".jvm.csv");
        Path onnxOut = dir.resolve(c.name() + ".onnx.csv");
        CliRun jvm = segment(manifest, "jvm", jvmOut);
        CliRun ort = segment(manifest, "onnx", onnxOut);
        for (CliRun r : List.of(jvm, ort)) {
            assertFalse(r.err().contains("\tat ") || r.err().contains("Exception") || r.err().contains("Error:"),
                    "a stack trace or a Java type name: " + r.err());
        }
        if (c.refusal() == null) {
            assertEquals(0, jvm.code(), jvm.err());
            assertEquals(0, ort.code(), ort.err());
            assertSameSegmentation(Files.readAllLines(jvmOut), Files.readAllLines(onnxOut));
            return;
        }
        String jvmLine = errorLine(jvm);
        String ortLine = errorLine(ort);
        assertTrue(jvmLine.contains(c.refusal()), "expected '" + c.refusal() + "' in: " + jvmLine);
        // Refused by the shared rules before either engine builds anything: word for word the same.
        assertEquals(jvmLine, ortLine);
        assertFalse(Files.exists(jvmOut) || Files.exists(onnxOut), "an output of a refused model");
        assertTrue(jvmLine.chars().noneMatch(ch -> ch == '\u202E' || ch == '\r'), jvmLine);
    }

    /** @return the one error line of a refused run, after checking that there is exactly one */
    private static String errorLine(CliRun r) {
        assertEquals(1, r.code(), r.err());
        List<String> errors = r.err().lines().filter(l -> l.contains("error")).toList();
        assertEquals(1, errors.size(), r.err());
        assertTrue(errors.get(0).startsWith("deepspt segment: error: model '"), errors.get(0));
        return errors.get(0);
    }

    private static void assertSameSegmentation(List<String> a, List<String> b) {
        assertEquals(a.size(), b.size());
        assertTrue(a.size() > 1, "no rows");
        for (int i = 0; i < a.size(); i++) {
            String[] x = a.get(i).split(",");
            String[] y = b.get(i).split(",");
            assertEquals(x.length, y.length, a.get(i) + " vs " + b.get(i));
            for (int k = 0; k < x.length; k++) {
                if (i > 0 && k == 8) {
                    assertSameReasons(x[k], y[k], "row " + i + ": " + a.get(i) + " vs " + b.get(i));
                } else if (i == 0 || k < 3 || k >= 7) {
                    // ids, frames, states and the columns after the probabilities (the verdict, coordinates) match
                    // exactly; the four probabilities and the measured values of the reasons within 1e-5
                    assertEquals(x[k], y[k], "row " + i + ": " + a.get(i) + " vs " + b.get(i));
                } else {
                    assertEquals(Double.parseDouble(x[k]), Double.parseDouble(y[k]), 1e-5,
                            "row " + i + ": " + a.get(i) + " vs " + b.get(i));
                }
            }
        }
    }

    /** Reasons {@code code:measured<threshold;...}: the same codes and thresholds, measured values within 1e-5. */
    private static void assertSameReasons(String a, String b, String what) {
        String[] x = a.split(";");
        String[] y = b.split(";");
        assertEquals(x.length, y.length, what);
        for (int j = 0; j < x.length; j++) {
            if (x[j].isEmpty() && y[j].isEmpty()) {
                continue;
            }
            String[] p = x[j].split("[:<]");
            String[] q = y[j].split("[:<]");
            assertEquals(3, p.length, what);
            assertEquals(3, q.length, what);
            assertEquals(p[0], q[0], what);
            assertEquals(p[2], q[2], what);
            assertEquals(Double.parseDouble(p[1]), Double.parseDouble(q[1]), 1e-5, what);
        }
    }
}
