package org.deepspt.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import org.deepspt.api.ReliabilityThresholds;
import org.deepspt.api.Segmentation;
import org.deepspt.api.SegmenterOptions;
import org.deepspt.api.Trajectory;
import org.deepspt.api.inference.EngineOptions;
import org.deepspt.api.inference.InferenceBackend;
import org.deepspt.core.Sha256;
import org.deepspt.model.ModelManifest;
import org.deepspt.model.SegmentationModels;
import org.deepspt.neural.NeuralSegmenter;
import org.deepspt.onnx.OnnxBackend;
import org.deepspt.reliability.SnrEstimate;
import org.deepspt.sim.SimulationConfig;
import org.deepspt.sim.Simulator;
import org.deepspt.smoothing.OutputCalibration;
import org.deepspt.smoothing.PathPosterior;
import org.deepspt.smoothing.ViterbiSmoother;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The manifest's {@code output_calibration} is read and applied after inference by the same code on both backends:
 * a bundled model opened from its manifest reports, on onnx and on jvm, exactly the calibration of the rows that the
 * same engine gives without one (temperature T(N, Q̂) from the manifest's table, {@link PathPosterior} marginals,
 * Viterbi states), smoothed and unsmoothed, and the two backends agree.
 */
class OutputCalibrationBackendsTest {

    /** Tracks of 5–300 points and Q 0.5–16 (the table's length and SNR range). */
    private static List<Trajectory> tracks(int dim) {
        List<Trajectory> out = new ArrayList<>();
        int[] lengths = {5, 7, 12, 40, 300};
        double[] snrs = {0.5, 2, 16};
        long seed = 20711;
        for (int n : lengths) {
            for (double q : snrs) {
                Simulator sim = Simulator.of(SimulationConfig.paper(dim).toBuilder().fixedLength(n).fixedSnr(q)
                        .heterogeneousFraction(n < 10 ? 0 : 0.5).build());
                for (Trajectory t : sim.simulate(1, seed++)) {
                    out.add(t);
                }
            }
        }
        return out;
    }

    @ParameterizedTest
    @CsvSource({"deepspt-unet-2d-fast, 2, 0", "deepspt-unet-2d-fast, 2, 9", "deepspt-unet-3d-fast, 3, 0",
        "deepspt-unet-3d-fast, 3, 9"})
    void manifestCalibrationIsAppliedIdenticallyOnBothBackends(String name, int dim, double penalty) {
        InferenceBackend onnx = new OnnxBackend();
        assumeTrue(onnx.isAvailable(), () -> "ONNX Runtime not available: " + onnx.unavailableReason());
        ModelManifest manifest = SegmentationModels.bundledManifest(name);
        OutputCalibration calibration = manifest.outputCalibration();
        assertFalse(calibration.isIdentity(), name + " has an output_calibration table");
        byte[] model = TestResources.model(name);
        String sha = Sha256.of(model);
        ReliabilityThresholds reliability = manifest.reliability().orElseThrow();
        List<Trajectory> tracks = tracks(dim);
        List<List<Segmentation>> byBackend = new ArrayList<>();
        for (InferenceBackend backend : List.of(onnx, new JvmBackend())) {
            SegmenterOptions options = SegmenterOptions.defaults().withBackend(backend.name()).withMinimumLength(1)
                    .withSwitchPenalty(penalty);
            List<Segmentation> got = new ArrayList<>();
            try (NeuralSegmenter calibrated = SegmentationModels.bundled(name, dim, options);
                    NeuralSegmenter raw = NeuralSegmenter.of(name, sha, backend.load(model, name, dim,
                            EngineOptions.defaults()), 64, 1, 0, reliability, OutputCalibration.identity())) {
                assertEquals(backend.name(), calibrated.backend());
                assertEquals(calibration, calibrated.outputCalibration());
                for (Trajectory t : tracks) {
                    Segmentation r = raw.segment(t);
                    Segmentation c = calibrated.segment(t);
                    double[] expected = expected(r, calibration.temperature(t.size(), SnrEstimate.of(t).snr(),
                            penalty > 0), penalty);
                    double[] actual = c.probabilityMatrix();
                    for (int i = 0; i < expected.length; i++) {
                        assertEquals(expected[i], actual[i], 1e-12, name + " " + backend.name() + " track "
                                + t.id() + " entry " + i);
                    }
                    if (penalty > 0) {
                        int[] path = ViterbiSmoother.of(penalty).decode(r.probabilityMatrix(), t.size(), null, null);
                        for (int i = 0; i < t.size(); i++) {
                            assertEquals(path[i], c.state(i).index(), "Viterbi state at " + i);
                        }
                    }
                    got.add(c);
                }
            }
            byBackend.add(got);
        }
        double worst = 0;
        for (int k = 0; k < tracks.size(); k++) {
            double[] a = byBackend.get(0).get(k).probabilityMatrix();
            double[] b = byBackend.get(1).get(k).probabilityMatrix();
            for (int i = 0; i < a.length; i++) {
                worst = Math.max(worst, Math.abs(a[i] - b[i]));
            }
        }
        assertTrue(worst <= 1e-4, name + ": onnx vs jvm calibrated rows differ by " + worst);
    }

    /** The class documentation's rule, written out: marginals at T, then the path's state swapped onto the row max. */
    private static double[] expected(Segmentation raw, double temperature, double penalty) {
        int n = raw.size();
        double[] p = raw.probabilityMatrix();
        double[] g = PathPosterior.of(penalty).marginals(p, n, temperature, null, null);
        if (penalty > 0) {
            int[] path = ViterbiSmoother.of(penalty).decode(p, n, null, null);
            for (int i = 0; i < n; i++) {
                int a = 0;
                for (int k = 1; k < 4; k++) {
                    if (g[4 * i + k] > g[4 * i + a]) {
                        a = k;
                    }
                }
                double tmp = g[4 * i + a];
                g[4 * i + a] = g[4 * i + path[i]];
                g[4 * i + path[i]] = tmp;
            }
        }
        return g;
    }
}
