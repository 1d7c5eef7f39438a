package org.deepspt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fast pure-JVM backend from a plain {@code java} command line ({@link VectorRelaunch}). */
class VectorRelaunchTest {
    @TempDir
    Path dir;

    private static boolean wants(String... args) {
        return VectorRelaunch.wantsJvmBackend(args, () -> false);
    }

    @Test
    void relaunchesOnlyCommandsThatRunANeuralModelOnTheJvmBackend() {
        assertTrue(wants("segment", "--in", "a.csv", "--out", "b.csv", "--backend", "jvm"));
        assertTrue(wants("--verbose", "analyze", "--backend=JVM", "--in", "a.csv", "--out", "d"));
        assertTrue(wants("classify", "--classifier", "c.json", "--in", "a.csv", "--out", "b.csv", "--backend", "jvm"));
        assertFalse(wants("classify", "--classifier", "c.json", "--model", "rolling-msd", "--backend", "jvm"));
        assertTrue(wants("classify", "--model", "c.json", "--in", "a.csv", "--out", "b.csv", "--backend", "jvm"),
                "the deprecated classify --model names the classifier");
        assertFalse(wants("classify", "--model", "c.json", "--segmenter", "rolling-msd", "--backend", "jvm"));
        assertFalse(wants("train-classifier", "--model", "rolling-msd", "--backend", "jvm"));
        assertFalse(wants("segment", "--in", "a.csv", "--out", "b.csv"), "auto is ONNX Runtime here");
        assertTrue(VectorRelaunch.wantsJvmBackend(new String[] {"segment", "--in", "a", "--out", "b"}, () -> true),
                "auto falling back to jvm");
        assertFalse(wants("segment", "--backend", "jvm", "--model", "rolling-msd", "--in", "a", "--out", "b"));
        assertFalse(wants("segment", "--backend", "jvm", "--help"));
        assertFalse(wants("msd", "--backend", "jvm", "--in", "a", "--out", "b"));
        assertFalse(wants("train-classifier", "--segmenter", "rolling-msd", "--backend", "jvm"));
        // stream's streaming model has no convolution: the Vector API kernels would not run
        assertFalse(wants("stream", "--in", "a", "--out", "b", "--backend", "jvm"));
        assertFalse(wants("stream", "--model", "stream", "--in", "a", "--out", "b", "--backend", "jvm"));
        assertTrue(wants("stream", "--model", "unet", "--in", "a", "--out", "b", "--backend", "jvm"));
    }

    @Test
    void childCommandAddsTheModuleAndTheGuard() {
        List<String> cmd = VectorRelaunch.command(new String[] {"segment", "--backend", "jvm"});
        int i = cmd.indexOf("--add-modules");
        assertEquals(VectorRelaunch.MODULE, cmd.get(i + 1));
        assertTrue(cmd.contains("-D" + VectorRelaunch.GUARD + "=true"));
        assertEquals(List.of(Main.class.getName(), "segment", "--backend", "jvm"), cmd.subList(cmd.size() - 4,
                cmd.size()));
    }

    @Test
    void onlyTheIncubatorLineIsLeftOutOfTheChildsStderr() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        VectorRelaunch.copyWithoutWarning(new ByteArrayInputStream((VectorRelaunch.INCUBATOR_WARNING
                + "\nsegment: a.csv: coordinates\r[===  ] 3/5").getBytes(StandardCharsets.UTF_8)), out);
        assertEquals("segment: a.csv: coordinates\r[===  ] 3/5", out.toString(StandardCharsets.UTF_8));
        out.reset();
        VectorRelaunch.copyWithoutWarning(new ByteArrayInputStream("first\nsecond\n".getBytes(StandardCharsets.UTF_8)),
                out);
        assertEquals("first\nsecond\n", out.toString(StandardCharsets.UTF_8));
    }

    /** A plain {@code java -cp … Main segment --backend jvm}: the Vector API kernels, no warning, no flag. */
    @Test
    void plainJavaCommandRunsTheVectorKernels() throws Exception {
        Path tracks = dir.resolve("t.csv");
        assertEquals(0, CliRun.run("simulate", "--tracks", "3", "--length", "40", "--seed", "5", "--out",
                tracks.toString()).code());
        String fast = child(tracks, dir.resolve("fast.csv"), List.of());
        assertFalse(fast.contains("Vector API is not enabled"), fast);
        assertFalse(fast.contains("WARNING: Using incubator modules"), fast);
        assertTrue(fast.contains("segmented 3 tracks (120 points)"), fast);
        String scalar = child(tracks, dir.resolve("scalar.csv"), List.of("-Ddeepspt.relaunch=false"));
        assertTrue(scalar.contains("Vector API is not enabled"), "without the relaunch the JVM is scalar: " + scalar);
        assertEquals(Files.readAllLines(dir.resolve("scalar.csv")).size(),
                Files.readAllLines(dir.resolve("fast.csv")).size());
    }

    /**
     * {@code stream} on the jvm engine in a JVM without the Vector API: the streaming model's fused step uses no
     * Conv1d kernel, so the U-Net kernels' warning does not apply and is not printed.
     */
    @Test
    void theStreamingModelOnTheJvmEngineDoesNotWarnAboutTheVectorApi() throws Exception {
        Path tracks = dir.resolve("t.csv");
        assertEquals(0, CliRun.run("simulate", "--tracks", "3", "--length", "40", "--seed", "5", "--out",
                tracks.toString()).code());
        Path out = dir.resolve("states.csv");
        String text = child(List.of("-Ddeepspt.relaunch=false"), "stream", "--backend", "jvm", "--in",
                tracks.toString(), "--out", out.toString(), "--no-progress");
        assertTrue(text.contains("deepspt-stream-2d (jvm)"), text);
        assertFalse(text.contains("Vector API is not enabled"), text);
        assertEquals(121, Files.readAllLines(out).size(), "a header and 120 final states");
    }

    private static String child(Path tracks, Path out, List<String> jvmOptions) throws Exception {
        return child(jvmOptions, "segment", "--backend", "jvm", "--model", "unet-fast", "--in", tracks.toString(),
                "--out", out.toString());
    }

    private static String child(List<String> jvmOptions, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), text);
        return text;
    }
}
