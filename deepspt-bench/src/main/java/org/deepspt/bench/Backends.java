package org.deepspt.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.deepspt.api.Segmenter;
import org.deepspt.api.SegmenterOptions;
import org.deepspt.api.Segmenters;
import org.deepspt.api.inference.EngineOptions;
import org.deepspt.api.inference.InferenceBackend;
import org.deepspt.api.inference.InferenceEngine;

/**
 * Finds inference backends and segmenters by name, as users do. A missing backend fails the benchmark's
 * {@code @Setup} with one clear line (JMH reports it and goes on with the next benchmark); leave it out
 * with {@code -p backend=onnx}.
 */
public final class Backends {
    /** The bundled 2D ensemble (3 members in one ONNX graph). */
    public static final String MODEL_2D = "deepspt-unet-2d";

    private Backends() {
    }

    /**
     * @param name {@code onnx} or {@code jvm}
     * @return the available backend of that name
     * @throws IllegalStateException naming the backends found when it is missing or unavailable
     */
    public static InferenceBackend find(String name) {
        List<String> found = new ArrayList<>();
        for (InferenceBackend b : ServiceLoader.load(InferenceBackend.class, Backends.class.getClassLoader())) {
            if (b.name().equals(name)) {
                if (!b.isAvailable()) {
                    throw new IllegalStateException("SKIPPED: backend '" + name + "' is not available here: "
                            + b.unavailableReason());
                }
                return b;
            }
            found.add(b.name());
        }
        throw new IllegalStateException("SKIPPED: backend '" + name + "' is not on the class path (found "
                + found + "); leave it out with -p backend=...");
    }

    /**
     * @param backend backend name
     * @param intraOpThreads threads per engine call
     * @return the bundled 2D ensemble loaded by that backend; close it when done
     */
    public static InferenceEngine engine(String backend, int intraOpThreads) {
        return engine(MODEL_2D, backend, intraOpThreads);
    }

    /**
     * @param model a bundled 2D model's name ({@link #MODEL_2D}, or {@code deepspt-unet-2d-fast}: its single member)
     * @param backend backend name
     * @param intraOpThreads threads per engine call
     * @return that model loaded by that backend; close it when done
     */
    public static InferenceEngine engine(String model, String backend, int intraOpThreads) {
        return find(backend).load(Workloads.bundledModel(model), model, 2,
                EngineOptions.defaults().withIntraOpThreads(intraOpThreads));
    }

    /**
     * @param backend backend name
     * @param intraOpThreads threads per engine call
     * @param maxBatchSize tracks per engine call
     * @return {@code Segmenters.open("unet", 2, ...)} on that backend; close it when done
     */
    public static Segmenter unet(String backend, int intraOpThreads, int maxBatchSize) {
        return segmenter("unet", backend, intraOpThreads, maxBatchSize);
    }

    /**
     * @param spec a segmenter name of the registry ({@code Segmenters.names()}), e.g. {@code unet}
     * @param backend backend name
     * @param intraOpThreads threads per engine call
     * @param maxBatchSize tracks per engine call
     * @return {@code Segmenters.open(spec, 2, ...)} on that backend; close it when done
     */
    public static Segmenter segmenter(String spec, String backend, int intraOpThreads, int maxBatchSize) {
        find(backend);
        SegmenterOptions options = SegmenterOptions.defaults().withBackend(backend)
                .withEngine(EngineOptions.defaults().withIntraOpThreads(intraOpThreads))
                .withMaxBatchSize(maxBatchSize);
        try {
            return Segmenters.open(spec, 2, options);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("SKIPPED: no segmenter provider opens '" + spec + "' here: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Checks an engine's output: finite, each row summing to 1 within 1e-3.
     *
     * @param out engine output
     * @param rows rows to check
     */
    static void checkProbabilities(float[] out, int rows) {
        for (int r = 0; r < rows; r++) {
            double s = 0;
            for (int c = 0; c < 4; c++) {
                float v = out[4 * r + c];
                if (!Float.isFinite(v)) {
                    throw new IllegalStateException("non-finite probability at row " + r);
                }
                s += v;
            }
            if (Math.abs(s - 1) > 1e-3) {
                throw new IllegalStateException("probabilities of row " + r + " sum to " + s);
            }
        }
    }
}
