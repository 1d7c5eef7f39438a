package org.deepspt.onnx;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deepspt.api.Segmentation;
import org.deepspt.api.SegmentationResult;
import org.deepspt.api.Trajectory;
import org.deepspt.neural.NeuralSegmenter;
import org.deepspt.npy.NpyArray;
import org.deepspt.reliability.SnrEstimate;
import org.deepspt.smoothing.PathPosterior;

/**
 * Runs a model's test input (float32 [batch, length, dim] positions) through {@link NeuralSegmenter} — the
 * real path, Trajectory in, Segmentation out — and returns the largest absolute deviation from the expected
 * output (float32 [batch, length, 4]) stored with the model.
 */
final class ExpectedOutputs {
    private ExpectedOutputs() {
    }

    static double maxDeviation(NeuralSegmenter segmenter, NpyArray input, NpyArray expected) {
        long[] s = input.shape();
        int b = (int) s[0];
        int n = (int) s[1];
        int dim = (int) s[2];
        float[] x = input.toFloatArray();
        float[] want = expected.toFloatArray();
        if (want.length != b * n * 4) {
            throw new AssertionError("expected output has " + want.length + " values, not " + b * n * 4);
        }
        List<Trajectory> tracks = new ArrayList<>();
        for (int k = 0; k < b; k++) {
            double[][] axes = new double[dim][n];
            for (int i = 0; i < n; i++) {
                for (int a = 0; a < dim; a++) {
                    axes[a][i] = x[(k * n + i) * dim + a];
                }
            }
            tracks.add(Trajectory.ofAxes("t" + k, 1.0, axes));
        }
        List<Segmentation> got = segmenter.segmentEach(tracks).stream().map(SegmentationResult::orElseThrow).toList();
        double max = 0;
        for (int k = 0; k < b; k++) {
            double[] p = got.get(k).probabilityMatrix();
            // The graph's expected rows as the segmenter reports them: recalibrated by the manifest's
            // output_calibration (unsmoothed: temperature T(N, Q̂)); the identity for a model without one.
            double[] graph = new double[n * 4];
            for (int j = 0; j < n * 4; j++) {
                graph[j] = want[k * n * 4 + j];
            }
            double t = segmenter.outputCalibration().temperature(n, SnrEstimate.of(tracks.get(k)).snr(), false);
            double[] w = segmenter.outputCalibration().isIdentity() ? graph
                    : PathPosterior.of(0).marginals(graph, n, t, null, null);
            for (int j = 0; j < n * 4; j++) {
                max = Math.max(max, Math.abs(p[j] - w[j]));
            }
        }
        return max;
    }

    /** Pairs of test-input / expected-output roles that export.py writes. */
    static final Map<String, String> PAIRS = Map.of("test-input", "expected-output", "test-input-short",
            "expected-output-short");
}
