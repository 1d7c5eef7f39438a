package org.deepspt.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.deepspt.api.Trajectory;
import org.deepspt.api.inference.EngineOptions;
import org.deepspt.api.inference.InferenceBackend;
import org.deepspt.api.inference.InferenceEngine;
import org.deepspt.onnx.OnnxBackend;
import org.deepspt.sim.SimulationConfig;
import org.deepspt.sim.Simulator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The jvm and onnx backends, through the {@link InferenceBackend} seam only, on simulated tracks (prefixes
 * of 1000-point heterogeneous tracks, centred on their mean) of lengths 1–40 and a spread up to 1000, many
 * not divisible by 16: max absolute probability difference ≤ 1e-4 and identical argmax states; the int8
 * models, where a value near a rounding boundary may quantise one step apart, as
 * {@link BundledModelsTest.Int8Agreement} states.
 */
class CrossBackendTest {
    private static final int TRACKS = 2;

    static int[] lengths() {
        return IntStream.concat(IntStream.rangeClosed(1, 40),
                IntStream.of(47, 63, 64, 65, 97, 128, 199, 255, 257, 511, 600, 1000))
                .toArray();
    }

    @ParameterizedTest
    @CsvSource({"deepspt-unet-2d, 2", "deepspt-unet-3d, 3", "deepspt-unet-2d-int8, 2", "deepspt-unet-3d-int8, 3"})
    void jvmMatchesOnnxRuntime(String name, int dim) {
        InferenceBackend onnx = new OnnxBackend();
        assumeTrue(onnx.isAvailable(), () -> "ONNX Runtime not available: " + onnx.unavailableReason());
        InferenceBackend jvm = new JvmBackend();
        byte[] model = TestResources.model(name);
        Simulator sim = Simulator.of(SimulationConfig.paper(dim).toBuilder().lengthRange(1000, 1000).build());
        List<Trajectory> tracks = new ArrayList<>(sim.simulate(TRACKS, 20261126L + dim));
        double worst = 0;
        boolean int8 = name.endsWith("-int8");
        List<float[]> int8Jvm = new ArrayList<>();
        List<float[]> int8Onnx = new ArrayList<>();
        try (InferenceEngine a = jvm.load(model, name, dim, EngineOptions.defaults());
                InferenceEngine b = onnx.load(model, name, dim, EngineOptions.defaults())) {
            for (int length : lengths()) {
                float[] in = new float[TRACKS * length * dim];
                for (int k = 0; k < TRACKS; k++) {
                    Trajectory t = tracks.get(k);
                    for (int d = 0; d < dim; d++) {
                        double mean = 0;
                        for (int i = 0; i < length; i++) {
                            mean += t.coordinate(i, d);
                        }
                        mean /= length;
                        for (int i = 0; i < length; i++) {
                            in[(k * length + i) * dim + d] = (float) (t.coordinate(i, d) - mean);
                        }
                    }
                }
                float[] pa = new float[TRACKS * length * 4];
                float[] pb = new float[TRACKS * length * 4];
                a.run(in, TRACKS, length, pa);
                b.run(in, TRACKS, length, pb);
                if (int8) {
                    int8Jvm.add(pa);
                    int8Onnx.add(pb);
                    continue;
                }
                for (int r = 0; r < TRACKS * length; r++) {
                    double diff = 0;
                    for (int s = 0; s < 4; s++) {
                        diff = Math.max(diff, Math.abs(pa[r * 4 + s] - pb[r * 4 + s]));
                    }
                    worst = Math.max(worst, diff);
                    assertTrue(diff <= 1e-4, name + " length " + length + " row " + r + ": |dp| = " + diff);
                    assertEquals(BundledModelsTest.argmax(pb, r), BundledModelsTest.argmax(pa, r),
                            name + " length " + length + " row " + r);
                }
            }
        }
        if (int8) {
            BundledModelsTest.Int8Agreement agreement = BundledModelsTest.Int8Agreement.of(concat(int8Onnx),
                    concat(int8Jvm), name + " jvm vs onnx");
            System.err.println(agreement);
            agreement.check();
            return;
        }
        System.err.printf("%s: jvm vs onnx on %d lengths x %d tracks: max |dp| = %.3g%n", name, lengths().length,
                TRACKS, worst);
    }

    private static float[] concat(List<float[]> parts) {
        float[] all = new float[parts.stream().mapToInt(p -> p.length).sum()];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }
}
