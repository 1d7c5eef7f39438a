package org.deepspt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.deepspt.api.inference.OnnxModelRules;
import org.deepspt.core.Sha256;
import org.deepspt.jvm.impl.onnx.ModelProto;
import org.deepspt.jvm.impl.onnx.TensorProto;
import org.deepspt.jvm.testing.OnnxProtos;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21, items 1 and 6 on the command line: names and ids with bidirectional overrides and line breaks are
 * echoed as visible escapes (stderr and report.html), outputs get the umask's permissions (0644 under 022, not
 * 0600), and an OutOfMemoryError ends a command with one line naming the heap and -Xmx, exit status 1.
 */
class HostileTextAndFilesCliTest {
    private static final String RLO = "\u202E";

    @TempDir
    Path dir;

    private Path tracks(String id) throws Exception {
        StringBuilder csv = new StringBuilder("x,y,particle,frame\n");
        for (int p = 1; p <= 2; p++) {
            for (int f = 0; f < 40; f++) {
                csv.append(String.format(Locale.ROOT, "%.3f,%.3f,%s,%d%n", Math.sin(0.3 * f * p) + p,
                        Math.cos(0.2 * f) * p + 0.01 * f * f, p == 1 ? id : "plain", f));
            }
        }
        Path t = dir.resolve("tracks.csv");
        Files.writeString(t, csv, StandardCharsets.UTF_8);
        return t;
    }

    /** Writes {@code model} with a manifest naming it {@code name}. */
    private Path manifest(String name, byte[] model) throws Exception {
        Files.write(dir.resolve("m.onnx"), model);
        String json = "{\"kind\": \"deepspt-segmentation-ensemble\", \"name\": \"" + name.replace("\n", "\\n")
                + "\", \"dimension\": 2, \"input\": {\"name\": \"positions\"}, \"output\": {\"name\": "
                + "\"probabilities\", \"class_order\": [\"normal\", \"directed\", \"confined\", \"subdiffusive\"]},"
                + " \"files\": {\"onnx\": {\"name\": \"m.onnx\", \"sha256\": \"" + Sha256.of(model) + "\"}}}";
        Path m = dir.resolve("m.manifest.json");
        Files.writeString(m, json, StandardCharsets.UTF_8);
        return m;
    }

    @Test
    void aModelNameWithABidiOverrideAndALineBreakIsShownEscapedOnStderr() throws Exception {
        Path manifest = manifest("evil" + RLO + "gnp.exe\nsegmented 0 tracks", HostileModels.base().build()
                .toByteArray());
        CliRun r = CliRun.run("segment", "--in", tracks("t1").toString(), "--out", dir.resolve("s.csv").toString(),
                "--model", manifest.toString(), "--backend", "jvm");
        assertEquals(0, r.code(), r.err());
        assertFalse(r.err().contains(RLO), r.err());
        List<String> summary = r.err().lines().filter(l -> l.startsWith("segmented ")).toList();
        assertEquals(1, summary.size(), r.err());
        assertTrue(summary.get(0).contains("with evil\\u202egnp.exe\\nsegmented 0 tracks -> "), summary.get(0));
    }

    @Test
    void anIdWithABidiOverrideIsShownEscapedInTheReport() throws Exception {
        Path out = dir.resolve("analysis");
        CliRun r = CliRun.run("analyze", "--in", tracks("a" + RLO + "b\u2066c").toString(), "--out", out.toString(),
                "--model", "rolling-msd");
        assertEquals(0, r.code(), r.err());
        String html = Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8);
        assertFalse(html.contains(RLO) || html.contains("\u2066"), "a raw bidi control in report.html");
        assertTrue(html.contains("a\\u202eb\\u2066c"), "the id, escaped");
    }

    @Test
    void outputsAreCreatedWithTheUmask() throws Exception {
        Assumptions.assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path probe = Files.createFile(dir.resolve("probe"));
        Set<PosixFilePermission> umask = Files.getPosixFilePermissions(probe);
        Path out = dir.resolve("analysis");
        CliRun r = CliRun.run("analyze", "--in", tracks("t1").toString(), "--out", out.toString(), "--model",
                "rolling-msd");
        assertEquals(0, r.code(), r.err());
        try (Stream<Path> files = Files.list(out)) {
            for (Path f : files.toList()) {
                assertEquals(umask, Files.getPosixFilePermissions(f), f.getFileName().toString());
            }
        }
        Path seg = dir.resolve("seg.csv");
        assertEquals(0, CliRun.run("segment", "--in", tracks("t1").toString(), "--out", seg.toString(), "--model",
                "rolling-msd").code());
        assertEquals(umask, Files.getPosixFilePermissions(seg));
        assertEquals(umask, Files.getPosixFilePermissions(dir.resolve("seg.csv.errors.csv")));
    }

    @Test
    void outOfMemoryIsOneLineWithTheHeapAndHowToRaiseIt() throws Exception {
        // A ConstantOfShape of shape Concat([46000], [46000]) (7.9 GiB of floats), folded at load by the jvm engine.
        // With the budget raised past the heap, the allocation itself fails: an OutOfMemoryError at once
        // (the array is larger than the heap, so nothing is filled first).
        ModelProto.Builder m = HostileModels.base();
        m.getGraphBuilder()
                .addInitializer(OnnxProtos.longs("rows", new long[] {1}, 46_000))
                .addInitializer(OnnxProtos.longs("cols", new long[] {1}, 46_000))
                .addNode(HostileModels.node("Concat", "shape_of_fill", List.of("rows", "cols"), List.of("shape"))
                        .addAttribute(org.deepspt.jvm.impl.onnx.AttributeProto.newBuilder().setName("axis")
                                .setType(org.deepspt.jvm.impl.onnx.AttributeProto.AttributeType.INT).setI(0)))
                .addNode(HostileModels.node("ConstantOfShape", "fill", List.of("shape"), List.of("filled"))
                        .addAttribute(org.deepspt.jvm.impl.onnx.AttributeProto.newBuilder().setName("value")
                                .setType(org.deepspt.jvm.impl.onnx.AttributeProto.AttributeType.TENSOR)
                                .setT(TensorProto.newBuilder().setDataType(1).addDims(1)
                                        .addFloatData(1f))));
        Path manifest = manifest("fill", m.build().toByteArray());
        Assumptions.assumeTrue(Runtime.getRuntime().maxMemory() < 7L << 30, "a heap that holds 7.9 GiB");
        System.setProperty(OnnxModelRules.BUDGET_PROPERTY, "64g");
        CliRun r;
        try {
            r = CliRun.run("segment", "--in", tracks("t1").toString(), "--out", dir.resolve("s.csv").toString(),
                    "--model", manifest.toString(), "--backend", "jvm");
        } finally {
            System.clearProperty(OnnxModelRules.BUDGET_PROPERTY);
        }
        assertEquals(1, r.code(), r.err());
        List<String> errors = r.err().lines().filter(l -> l.contains("error")).toList();
        assertEquals(1, errors.size(), r.err());
        assertTrue(errors.get(0).matches("deepspt segment: error: out of memory \\(Java heap space; Java heap "
                + "[0-9.]+ [KMG]iB in use of [0-9.]+ [KMG]iB maximum\\); give Java more memory with java -Xmx[0-9]+g "
                + "-jar deepspt.jar \\.\\.\\., or read a smaller input, or use fewer --threads"), errors.get(0));
        assertFalse(r.err().contains("\tat ") || r.err().contains("OutOfMemoryError"), r.err());
        // With the default budget the same file is refused before any allocation, naming the node (by the shared
        // rules, which read a Concat of constants as the shape, so ONNX Runtime refuses it too).
        CliRun refused = CliRun.run("segment", "--in", tracks("t1").toString(), "--out",
                dir.resolve("s.csv").toString(), "--model", manifest.toString(), "--backend", "jvm");
        assertEquals(1, refused.code());
        assertTrue(refused.err().contains("deepspt segment: error: model 'fill': node 'fill' (ConstantOfShape): "
                + "its output of shape [46000, 46000] (2116000000 elements) exceeds the model's memory budget of "
                + "512 MiB"), refused.err());
    }

    @Test
    void aStackOverflowIsOneLineWithTheStackOption() {
        String m = Main.resourceMessage(new StackOverflowError());
        assertTrue(m.matches("out of stack space \\(the input nests too deeply or is too large for one thread's "
                + "stack; heap [0-9.]+ [KMG]iB in use of [0-9.]+ [KMG]iB\\); raise the stack size with java -Xss16m "
                + "-jar deepspt.jar \\.\\.\\."), m);
        assertTrue(m.lines().count() == 1);
    }
}
