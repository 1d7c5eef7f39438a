package org.deepspt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * ONNX Runtime Java 1.29.0 crashes the JVM (SIGSEGV, exit 139) when the process command line is longer than
 * about 4 KB (IDE launches, {@code java -cp $(...)} with many jars). Keep this test for every upgrade: a
 * child JVM with a command line over 8 KB opens the bundled model and segments a track.
 */
class LongCommandLineTest {

    @Test
    void aChildJvmWithAnOver8KbCommandLineRunsTheBundledModel() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String pad = "x".repeat(9 * 1024);
        List<String> cmd = List.of(java, "-Xmx512m", "-Ddeepspt.pad=" + pad, "-cp",
                System.getProperty("java.class.path"), LongCommandLineProbe.class.getName());
        assertTrue(String.join(" ", cmd).length() > 8 * 1024);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child JVM did not finish");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), "exit " + p.exitValue() + " (139 = SIGSEGV): " + out);
        assertTrue(out.contains("OK 100"), out);
    }
}
