package org.deepspt.cli;

import picocli.CommandLine.Option;

/**
 * {@code --segmenter}, {@code --backend} and {@code --device} for the classifier commands, whose
 * {@code --model} names the classifier: the segmentation model whose states feed the fingerprints of a track
 * file.
 */
final class SegmenterOption {

    @Option(names = "--segmenter", defaultValue = ModelOptions.DEFAULT, paramLabel = "NAME",
            description = "With a track file as --in: the segmentation model whose states feed the fingerprint's "
                    + "segmentation features: unet, rolling-msd or PATH/TO/model.manifest.json (default "
                    + "${DEFAULT-VALUE}); use the same for training and classifying.")
    String segmenter = ModelOptions.DEFAULT;

    @Option(names = "--backend", defaultValue = "auto", paramLabel = "BACKEND",
            description = "Inference engine of neural models: auto, onnx, jvm (default ${DEFAULT-VALUE}).")
    String backend = "auto";

    @Option(names = "--device", defaultValue = "CPU", paramLabel = "DEVICE",
            description = "Where neural segmentation models run: CPU or CUDA (default ${DEFAULT-VALUE}).")
    String device = "CPU";

    /** @return the same choice as {@link ModelOptions} */
    ModelOptions models() {
        return ModelOptions.of(segmenter, backend, device);
    }
}
