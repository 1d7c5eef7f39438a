package org.deepspt.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
     * @return the command line of {@code ImageJ -batch macro} with the plugin installed: ImageJ finds the menu
     *     command in a plugin jar's plugins.config, the classes come from the class path
     */
    private List<String> imageJBatch(Path macro) throws java.io.IOException {
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
                System.getProperty("java.class.path"), "ij.ImageJ", "-batch", macro.toString()));
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
     * Errors in batch mode are reported, not crashed on or waited for: a missing input file gives one
     * "DeepSPT: error:" line (before: a NullPointerException, IJ.getInstance() is null under -batch), and a macro
     * without input= says so at once (before: a file dialog nobody could answer; found by review).
     */
    @Test
    void batchMacroErrorsAreReported() throws Exception {
        Path macro = dir.resolve("errors.ijm");
        Files.writeString(macro, "run(\"" + AnalyzeTracksPlugin.COMMAND + "\", \"input=[" + dir.resolve("missing.xml")
                + "] output=[" + dir.resolve("a") + "]\");\nrun(\"" + AnalyzeTracksPlugin.COMMAND + "\", \"output=["
                + dir.resolve("b") + "]\");\nprint(\"after both\");\n");
        List<String> cmd = imageJBatch(macro);
        Path logFile = dir.resolve("errors.log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
        boolean ended = p.waitFor(90, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String log = Files.readString(logFile, StandardCharsets.UTF_8);
        assertTrue(ended, "the macro hung: " + log);
        assertTrue(!log.contains("NullPointerException"), log);
        assertTrue(log.contains("DeepSPT: error:") && log.contains("missing.xml"), log);
        assertTrue(log.contains("no input=[track file]"), log);
    }
}
