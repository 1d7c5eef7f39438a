package org.deepspt.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deepspt.api.Segmenter;
import org.deepspt.api.SegmenterOptions;
import org.deepspt.api.SegmenterProvider;
import org.deepspt.api.inference.InferenceBackend;
import org.deepspt.api.inference.ModelLoadException;
import org.deepspt.neural.InferenceBackends;

/**
 * Opens neural segmenters: {@code unet} (the default model of the tracks' dimension: the int8 model, or the
 * float single-member model when the backend is {@code jvm}, whose engine has no integer kernels; with backend
 * {@code auto} the backend is selected first, so falling back to {@code jvm} runs what {@code jvm} runs), {@code
 * unet-fast}, {@code unet-int8}, {@code unet-ensemble}, a bundled model's name, or a manifest path ending in
 * {@code .json}. A model of another dimension than the tracks' is refused
 * up front, naming both.
 */
public final class ModelSegmenterProvider implements SegmenterProvider {
    /** The name of the default neural model of each dimension. */
    public static final String UNET = "unet";
    /**
     * The single-member model of each dimension ({@code deepspt-unet-2d-fast}, {@code deepspt-unet-3d-fast}): one
     * third of the ensemble's arithmetic per frame, for throughput-bound work (see the models README).
     */
    public static final String UNET_FAST = "unet-fast";
    /**
     * The fast model with int8 convolutions ({@code deepspt-unet-2d-int8}, {@code deepspt-unet-3d-int8}): about
     * half the fast model's time per frame on ONNX Runtime (integer GEMM), the same test accuracy to 0.1 points
     * (see the models README).
     */
    public static final String UNET_INT8 = "unet-int8";
    /**
     * The three-member ensembles trained on the published protocol only ({@code deepspt-unet-2d},
     * {@code deepspt-unet-3d}; round 3): the most accurate on protocol-like tracks, three times the arithmetic,
     * and they read a drop of D as confinement (see the models README).
     */
    public static final String UNET_ENSEMBLE = "unet-ensemble";
    /** The backend whose engine runs int8 graphs in float32 (slower than the float model there). */
    private static final String JVM_BACKEND = "jvm";

    /** Used by {@link java.util.ServiceLoader}. */
    public ModelSegmenterProvider() {
    }

    @Override
    public boolean accepts(String spec) {
        return spec.equals(UNET) || spec.equals(UNET_FAST) || spec.equals(UNET_INT8) || spec.equals(UNET_ENSEMBLE)
                || spec.endsWith(".json")
                || SegmentationModels.isBundled(spec);
    }

    @Override
    public Segmenter open(String spec, int dimension, SegmenterOptions options) {
        if (spec.endsWith(".json")) {
            Path p = Path.of(spec);
            if (!Files.isRegularFile(p)) {
                throw new ModelLoadException("no such manifest file " + spec);
            }
            return SegmentationModels.fromManifest(p, dimension, options);
        }
        if (spec.equals(UNET) && options.backend().equals(InferenceBackends.AUTO)) {
            // The model of `unet` depends on the backend: select it first and load on it, so that auto falling
            // back to jvm (ONNX Runtime absent or not loading) runs exactly what --backend jvm runs.
            InferenceBackend backend = InferenceBackends.select(InferenceBackends.AUTO);
            return SegmentationModels.bundled(checkBundled(bundledName(spec, dimension, backend.name()), dimension),
                    dimension, options, backend);
        }
        return SegmentationModels.bundled(checkBundled(bundledName(spec, dimension, options.backend()), dimension),
                dimension, options);
    }

    /** @return the name, when a bundled model of that name is on the class path */
    private static String checkBundled(String name, int dimension) {
        if (!SegmentationModels.isBundled(name)) {
            throw new ModelLoadException("no bundled " + dimension + "D model (" + name + ") on the class path; "
                    + "add org.deepspt:deepspt-models, or use rolling-msd or the path of a *.manifest.json");
        }
        return name;
    }

    /**
     * The bundled model a name stands for: {@code unet} and the other aliases resolved for the dimension (and, for
     * {@code unet}, the backend), any other name returned as given. The one place where aliases are resolved.
     *
     * @param spec a model name (not a manifest path)
     * @param dimension 2 or 3
     * @param backend the backend's name ({@code jvm} picks the float model for {@code unet}); {@code auto} is taken
     *     as a backend other than {@code jvm}: resolve it first ({@link InferenceBackends#select}), as
     *     {@link #open} does
     * @return the bundled model's name
     */
    public static String bundledName(String spec, int dimension, String backend) {
        return switch (spec) {
            case UNET -> JVM_BACKEND.equals(backend) ? SegmentationModels.fastName(dimension)
                    : SegmentationModels.defaultName(dimension);
            case UNET_FAST -> SegmentationModels.fastName(dimension);
            case UNET_INT8 -> SegmentationModels.int8Name(dimension);
            case UNET_ENSEMBLE -> SegmentationModels.ensembleName(dimension);
            default -> spec;
        };
    }

    @Override
    public List<String> names() {
        return List.of(UNET, UNET_FAST, UNET_INT8, UNET_ENSEMBLE, SegmentationModels.ENSEMBLE_2D,
                SegmentationModels.ENSEMBLE_3D, SegmentationModels.FAST_2D, SegmentationModels.FAST_3D,
                SegmentationModels.INT8_2D, SegmentationModels.INT8_3D);
    }
}
