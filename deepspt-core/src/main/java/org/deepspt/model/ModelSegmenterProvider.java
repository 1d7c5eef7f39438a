package org.deepspt.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deepspt.api.Segmenter;
import org.deepspt.api.SegmenterOptions;
import org.deepspt.api.SegmenterProvider;
import org.deepspt.api.inference.ModelLoadException;

/**
 * Opens neural segmenters: {@code unet} (the bundled ensemble of the tracks' dimension), a bundled model's
 * name, or a manifest path ending in {@code .json}. A model of another dimension than the tracks' is refused
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

    /** Used by {@link java.util.ServiceLoader}. */
    public ModelSegmenterProvider() {
    }

    @Override
    public boolean accepts(String spec) {
        return spec.equals(UNET) || spec.equals(UNET_FAST) || spec.equals(UNET_INT8) || spec.endsWith(".json")
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
        String name = switch (spec) {
            case UNET -> SegmentationModels.defaultName(dimension);
            case UNET_FAST -> SegmentationModels.fastName(dimension);
            case UNET_INT8 -> SegmentationModels.int8Name(dimension);
            default -> spec;
        };
        if (!SegmentationModels.isBundled(name)) {
            throw new ModelLoadException("no bundled " + dimension + "D model (" + name + ") on the class path; "
                    + "add org.deepspt:deepspt-models, or use rolling-msd or the path of a *.manifest.json");
        }
        return SegmentationModels.bundled(name, dimension, options);
    }

    @Override
    public List<String> names() {
        return List.of(UNET, UNET_FAST, UNET_INT8, SegmentationModels.DEFAULT_2D, SegmentationModels.DEFAULT_3D,
                SegmentationModels.FAST_2D, SegmentationModels.FAST_3D, SegmentationModels.INT8_2D,
                SegmentationModels.INT8_3D);
    }
}
