package org.deepspt.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin as a Fiji user's macro runs it: {@code ImageJ -batch} with
 * {@code run("DeepSPT Analyze Tracks", "input=[FILE] output=[DIR]")} on the hand-made TrackMate export (a split, a
 * merge, closed gaps). ImageJ 1.x builds its AWT menus even in batch mode, so this needs a display: the test
 * uses {@code $DISPLAY}, else starts one with {@code xvfb-run} (Debian package {@code xvfb}), else is skipped
 * with a message saying so.
 */
class ImageJMacroTest {
    /** The line the error test's macros print after the failing call: it must not appear. */
    private static final String AFTER = "after the DeepSPT call";

    @TempDir
    Path dir;

    /** @return the command prefix that gives ImageJ a display, or null when there is none */
    static List<String> display() {
        String d = System.getenv("DISPLAY");
        if (d != null && !d.isBlank()) {
            return List.of();
        }
        for (String p : System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(p, "xvfb-run"))) {
                return List.of(Path.of(p, "xvfb-run").toString(), "-a");
            }
        }
        return null;
    }

    /**
     * Skips the test (an assumption) when there is no display ({@link #display()}).
     *
     * @param macro the macro file
     * @return the command line of {@code ImageJ -batch macro} with the plugin installed
     */
    private List<String> imageJBatch(Path macro) throws java.io.IOException {
        return java("ij.ImageJ", "-batch", macro.toString());
    }

    /**
     * Skips the test (an assumption) when there is no display ({@link #display()}).
     *
     * @param main the main class and its arguments
     * @return the command line of a JVM that runs it with the plugin installed: ImageJ finds the menu command in a
     *     plugin jar's plugins.config, the classes come from the class path
     */
    private List<String> java(String... main) throws java.io.IOException {
        List<String> prefix = display();
        Assumptions.assumeTrue(prefix != null, "skipped: ImageJ 1.x needs a display for its menus, and there is "
                + "no $DISPLAY and no xvfb-run (apt-get install xvfb)");
        Path plugins = Files.createDirectories(dir.resolve("ij/plugins"));
        try (OutputStream os = Files.newOutputStream(plugins.resolve("DeepSPT_Test.jar"));
                JarOutputStream jar = new JarOutputStream(os)) {
            jar.putNextEntry(new JarEntry("plugins.config"));
            try (InputStream cfg = ImageJMacroTest.class.getResourceAsStream("/plugins.config")) {
                cfg.transferTo(jar);
            }
            jar.closeEntry();
        }
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.awt.headless=false", "-Dplugins.dir=" + dir.resolve("ij"), "-cp",
                System.getProperty("java.class.path")));
        cmd.addAll(List.of(main));
        return cmd;
    }

    @Test
    void batchMacroAnalysesATrackMateExport() throws Exception {
        Path xml = dir.resolve("tracks.xml");
        try (InputStream in = ImageJMacroTest.class.getResourceAsStream("/trackmate_lineage.xml")) {
            Files.copy(in, xml);
        }
        Path out = dir.resolve("analysis");
        Path macro = dir.resolve("analyse.ijm");
        Files.writeString(macro, "run(\"" + AnalyzeTracksPlugin.COMMAND + "\", \"input=[" + xml + "] output=["
                + out + "]\");\n");
        List<String> cmd = imageJBatch(macro);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), log);
        assertEquals(0, p.exitValue(), log);
        assertTrue(log.contains("DeepSPT: analysed 5 tracks of tracks.xml"), log);
        for (String f : List.of("segmentation.csv", "fingerprints.csv", "errors.csv", "report.html")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f + "\n" + log);
        }
        // every tracked spot of the file is in the segmentation (default branch policy: root-to-leaf paths)
        List<String> rows = Files.readAllLines(out.resolve("segmentation.csv"));
        List<String> header = List.of(rows.get(0).split(","));
        int spot = header.indexOf("spot_id");
        Set<String> spots = new TreeSet<>();
        for (String r : rows.subList(1, rows.size())) {
            String s = r.split(",", -1)[spot];
            if (!s.isEmpty()) {
                spots.add(s);
            }
        }
        assertEquals(22, spots.size(), spots.toString());
    }

    /**
     * A failed call stops the macro and ImageJ's exit status says so (before: the error was printed, the macro went
     * on with its next line and {@code ImageJ -batch} exited 0, found by review): a missing input file and a call
     * without input= each give one "DeepSPT: error:" line on stderr, no "NullPointerException" (IJ.getInstance() is
     * null under -batch), no dialog that hangs the run, nothing written, the macro's next line not run, status 1.
     */
    @Test
    void batchMacroStopsAtAnErrorWithStatusOne() throws Exception {
        String after = "print(\"" + AFTER + "\");\n";
        Batch missing = runBatch("run(\"" + AnalyzeTracksPlugin.COMMAND + "\", \"input=[" + dir.resolve("missing.xml")
                + "] output=[" + dir.resolve("a") + "]\");\n" + after);
        assertTrue(missing.stderr.contains("DeepSPT: error:") && missing.stderr.contains("missing.xml"), missing.log());
        assertFalse(Files.exists(dir.resolve("a/segmentation.csv")), missing.log());
        Batch noInput = runBatch("run(\"" + AnalyzeTracksPlugin.COMMAND + "\", \"output=[" + dir.resolve("b")
                + "]\");\n" + after);
        assertTrue(noInput.stderr.contains("DeepSPT: error:") && noInput.stderr.contains("no input=[track file]"),
                noInput.log());
        for (Batch b : List.of(missing, noInput)) {
            assertFalse(b.log().contains("NullPointerException"), b.log());
            assertFalse(b.stdout.lines().anyMatch(AFTER::equals), "the macro went on after the error: " + b.log());
            assertEquals(1, b.status, b.log());
        }
    }

    /** What a run of ImageJ gave: its exit status, stdout and stderr. */
    private record Batch(int status, String stdout, String stderr) {
        String log() {
            return "exit status " + status + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    /**
     * An application that embeds ImageJ runs the macro (IJ.runMacroFile, no ImageJ window, no -batch) and prints
     * {@link Host#HOST_GOES_ON} when it returns: a failed call aborts the macro but must not end the application.
     */
    @Test
    void embeddedMacroIsAbortedButTheApplicationGoesOn() throws Exception {
        Path macro = Files.createTempFile(dir, "macro", ".ijm");
        Files.writeString(macro, "run(\"" + AnalyzeTracksPlugin.COMMAND + "\", \"input=[" + dir.resolve("missing.xml")
                + "] output=[" + dir.resolve("a") + "]\");\nprint(\"" + AFTER + "\");\n");
        Batch b = run(java(Host.class.getName(), macro.toString()));
        assertTrue(b.stderr.contains("DeepSPT: error:") && b.stderr.contains("missing.xml"), b.log());
        assertFalse(b.stdout.lines().anyMatch(AFTER::equals), "the macro went on after the error: " + b.log());
        assertTrue(b.stdout.contains(Host.HOST_GOES_ON), b.log());
        assertEquals(0, b.status, b.log());
    }

    /** The embedding application of {@link #embeddedMacroIsAbortedButTheApplicationGoesOn()}. */
    static final class Host {
        /** What it prints after the macro. */
        static final String HOST_GOES_ON = "the application goes on";

        private Host() {
        }

        /** @param args the macro file */
        public static void main(String[] args) {
            ij.IJ.runMacroFile(args[0]);
            System.out.println(HOST_GOES_ON);
            System.exit(0);   // ImageJ's AWT threads would keep the JVM alive
        }
    }

    /** Runs {@code ImageJ -batch} on a macro text. */
    private Batch runBatch(String macroText) throws Exception {
        Path macro = Files.createTempFile(dir, "macro", ".ijm");
        Files.writeString(macro, macroText);
        return run(imageJBatch(macro));
    }

    /**
     * Runs a command line (90 s at most; a run that hangs fails the test), once more when xvfb-run failed to remove
     * its own temporary directory: it then exits 5 whatever ImageJ's status was (seen once in a build while other
     * X servers ran on the machine), so that status says nothing about the plugin.
     */
    private Batch run(List<String> cmd) throws Exception {
        Batch b = runOnce(cmd);
        return b.status == 5 && b.stderr.contains("xvfb-run: error: problem while cleaning up") ? runOnce(cmd) : b;
    }

    private Batch runOnce(List<String> cmd) throws Exception {
        Path out = Files.createTempFile(dir, "stdout", ".log");
        Path err = Files.createTempFile(dir, "stderr", ".log");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        boolean ended = p.waitFor(90, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        Batch b = new Batch(ended ? p.exitValue() : -1, Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        assertTrue(ended, "the macro hung: " + b.log());
        return b;
    }
}
