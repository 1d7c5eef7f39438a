package org.deepspt.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.deepspt.api.Segmentation;
import org.deepspt.api.Segmenter;
import org.deepspt.api.SegmenterOptions;
import org.deepspt.api.Segmenters;
import org.deepspt.api.Trajectory;
import org.deepspt.io.ReadOptions;
import org.deepspt.io.ReadResult;
import org.deepspt.io.TrackReaders;
import org.deepspt.neural.NeuralSegmenter;
import org.junit.jupiter.api.Test;

/**
 * Runs in its own surefire execution with the ONNX Runtime jar removed from the class path
 * ({@code classpathDependencyExcludes}): the bundled models still segment, on the pure-JVM engine that
 * {@code auto} falls back to. Skipped in the ordinary execution, where ONNX Runtime is present.
 */
class NoNativeCodeTest {

    @Test
    void theBundledModelsRunWithoutOnnxRuntimeOnTheClassPath() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("ai.onnxruntime.OrtEnvironment"));
        for (int dim = 2; dim <= 3; dim++) {
            ReadResult read = TrackReaders.read(Path.of("../examples/tracks-" + dim + "d.csv"), ReadOptions.defaults());
            try (Segmenter s = Segmenters.open("unet", dim, SegmenterOptions.defaults());
                    Segmenter jvm = Segmenters.open("unet", dim, SegmenterOptions.defaults().withBackend("jvm"))) {
                assertEquals("jvm", ((NeuralSegmenter) s).backend());
                // auto falling back runs what --backend jvm runs (the float model), not the int8 one on the jvm.
                assertEquals(jvm.provenance(), s.provenance());
                long right = 0;
                long all = 0;
                for (Trajectory t : read.trajectories()) {
                    Segmentation seg = s.segment(t);
                    assertTrue(t.hasStates(), t.id());
                    int[] got = seg.stateIndices();
                    for (int i = 0; i < got.length; i++) {
                        right += got[i] == t.state(i).index() ? 1 : 0;
                        all++;
                    }
                }
                assertTrue(right > 0.6 * all, dim + "D accuracy " + right + " / " + all);
            }
        }
    }
}
