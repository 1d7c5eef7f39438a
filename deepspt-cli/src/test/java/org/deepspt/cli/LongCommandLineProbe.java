package org.deepspt.cli;

import org.deepspt.api.Segmentation;
import org.deepspt.api.Segmenter;
import org.deepspt.api.SegmenterOptions;
import org.deepspt.api.Segmenters;
import org.deepspt.api.Trajectory;

/** Child-JVM probe of {@link LongCommandLineTest}: opens the bundled model on ONNX Runtime, segments a track. */
public final class LongCommandLineProbe {
    private LongCommandLineProbe() {
    }

    public static void main(String[] args) {
        double[] x = new double[100];
        double[] y = new double[100];
        java.util.Random rnd = new java.util.Random(1);
        for (int i = 1; i < 100; i++) {
            x[i] = x[i - 1] + 0.1 * rnd.nextGaussian();
            y[i] = y[i - 1] + 0.1 * rnd.nextGaussian();
        }
        try (Segmenter s = Segmenters.open("unet", 2, SegmenterOptions.defaults().withBackend("onnx"))) {
            Segmentation seg = s.segment(Trajectory.ofAxes("probe", 0.1, x, y));
            System.out.println("OK " + seg.size());
        }
    }
}
