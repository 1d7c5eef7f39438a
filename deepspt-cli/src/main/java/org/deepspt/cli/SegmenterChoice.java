package org.deepspt.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.deepspt.api.Segmenter;
import org.deepspt.baseline.RollingMsdSegmenter;
import org.deepspt.onnx.ExecutionDevice;
import org.deepspt.onnx.OnnxOptions;
import org.deepspt.onnx.SegmentationModels;

/**
 * Resolves {@code --model} to a {@link Segmenter}: {@code unet} (the bundled ensemble of the tracks'
 * dimension), {@code rolling-msd} (the baseline), a bundled model's name, or the path of a model manifest
 * ({@code *.manifest.json}).
 */
final class SegmenterChoice {
    /** The default of {@code --model}. */
    static final String DEFAULT = "unet";

    private SegmenterChoice() {
    }

    /** Checks the name before any input is read, so a typo fails fast. */
    static void validate(String name) {
        if (name.equals(DEFAULT) || name.equals(RollingMsdSegmenter.NAME) || name.endsWith(".json")
                || (name.matches("[A-Za-z0-9._-]+") && SegmentationModels.isBundled(name))) {
            return;
        }
        throw new IllegalArgumentException("unknown --model '" + name + "'; use unet, rolling-msd, a bundled "
                + "model name or the path of a *.manifest.json");
    }

    /**
     * @param name value of {@code --model}
     * @param dimension dimension of the input tracks (2 or 3)
     * @param device execution device for neural models
     * @param threads Java threads that will share the segmenter
     * @return the segmenter; close it if it is {@link AutoCloseable}
     */
    static Segmenter resolve(String name, int dimension, ExecutionDevice device, int threads) {
        validate(name);
        if (name.equals(RollingMsdSegmenter.NAME)) {
            return RollingMsdSegmenter.defaults();
        }
        OnnxOptions options = OnnxOptions.defaults().withDevice(device);
        if (name.endsWith(".json")) {
            Path p = Path.of(name);
            if (!Files.isRegularFile(p)) {
                throw new IllegalArgumentException("--model " + name + ": no such manifest file");
            }
            return SegmentationModels.fromManifest(p, options);
        }
        String model = name.equals(DEFAULT) ? SegmentationModels.defaultName(dimension) : name;
        if (!SegmentationModels.isBundled(model)) {
            throw new IllegalArgumentException("no bundled " + dimension + "D model (" + model + ") in this build; "
                    + "use --model rolling-msd or --model PATH/TO/model.manifest.json");
        }
        return SegmentationModels.bundled(model, options);
    }
}
