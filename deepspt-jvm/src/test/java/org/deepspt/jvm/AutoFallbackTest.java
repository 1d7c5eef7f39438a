package org.deepspt.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.deepspt.api.Segmenter;
import org.deepspt.api.SegmenterOptions;
import org.deepspt.api.Segmenters;
import org.deepspt.api.Trajectory;
import org.deepspt.onnx.OnnxBackend;
import org.deepspt.sim.SimulationConfig;
import org.deepspt.sim.Simulator;
import org.junit.jupiter.api.Test;

/**
 * Review (vendor), item 2: with ONNX Runtime's native library unavailable, backend {@code auto} fell back to the
 * jvm engine but ran the int8 model there ({@code unet} was resolved from the option string before the backend was
 * selected), not the float model that {@code --backend jvm} runs: 99.3 % of frames agreed. And the reason logged
 * was the {@link ExceptionInInitializerError}, not what failed to load. Runs a child JVM with
 * {@code -Donnxruntime.native.path=/nonexistent} (ONNX Runtime's own property for where its library is), so ONNX
 * Runtime fails to load as on a platform without it.
 */
class AutoFallbackTest {

    @Test
    void autoFallingBackToJvmRunsWhatJvmRunsAndSaysWhyOnnxRuntimeDidNotLoad() throws Exception {
        String out = runChild("-Donnxruntime.native.path=/nonexistent");
        assertTrue(out.contains("reason=ONNX Runtime does not load here: java.io.IOException: Native library "
                + "'onnxruntime' not found at /nonexistent"), out);
        assertTrue(out.contains("reason=") && out.contains("(raised as java.lang.ExceptionInInitializerError)"), out);
        assertTrue(out.contains("auto=deepspt-unet-2d-fast on jvm\n"), out);
        assertTrue(out.contains("jvm=deepspt-unet-2d-fast on jvm\n"), out);
        assertTrue(out.contains("statesEqual=true\n"), out);
    }

    private static String runChild(String... jvmOptions) throws Exception {
        List<String> cmd = new java.util.ArrayList<>();
        cmd.add(System.getProperty("java.home") + "/bin/java");
        cmd.add("-Xmx512m");
        cmd.addAll(List.of(jvmOptions));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Child.class.getName());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), text);
        assertEquals(0, p.exitValue(), text);
        return text;
    }

    /** The child JVM: opens {@code unet} on auto and on jvm, prints what each runs and whether they agree. */
    static final class Child {
        private Child() {
        }

        public static void main(String[] args) {
            System.out.println("reason=" + new OnnxBackend().unavailableReason());
            List<Trajectory> tracks = Simulator.of(SimulationConfig.paper(2).toBuilder().lengthRange(200, 200)
                    .build()).simulate(4, 20261207L);
            try (Segmenter auto = Segmenters.open("unet", 2, SegmenterOptions.defaults());
                    Segmenter jvm = Segmenters.open("unet", 2, SegmenterOptions.defaults().withBackend("jvm"))) {
                System.out.println("auto=" + auto.provenance().name() + " on " + auto.provenance().backend()
                        .orElse("?"));
                System.out.println("jvm=" + jvm.provenance().name() + " on " + jvm.provenance().backend().orElse("?"));
                boolean equal = true;
                for (Trajectory t : tracks) {
                    equal &= Arrays.equals(auto.segment(t).stateIndices(), jvm.segment(t).stateIndices());
                }
                System.out.println("statesEqual=" + equal);
            }
        }
    }
}
