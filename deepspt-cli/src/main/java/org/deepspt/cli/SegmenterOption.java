package org.deepspt.cli;

import org.deepspt.onnx.ExecutionDevice;
import picocli.CommandLine.Option;

/**
 * {@code --segmenter} and {@code --device} for the classifier commands, whose {@code --model} names the
 * classifier: the segmentation model whose states feed the fingerprints of a track file.
 */
final class SegmenterOption {

    @Option(names = "--segmenter", defaultValue = SegmenterChoice.DEFAULT, paramLabel = "NAME",
            description = "With a track file as --in: the segmentation model whose states feed the fingerprint's "
                    + "segmentation features: unet, rolling-msd or PATH/TO/model.manifest.json (default "
                    + "${DEFAULT-VALUE}); use the same for training and classifying.")
    String segmenter = SegmenterChoice.DEFAULT;

    @Option(names = "--device", defaultValue = "CPU", paramLabel = "DEVICE",
            description = "Where neural segmentation models run: ${COMPLETION-CANDIDATES} (default "
                    + "${DEFAULT-VALUE}).")
    ExecutionDevice device = ExecutionDevice.CPU;

    /** @return the same choice as {@link ModelOptions} */
    ModelOptions models() {
        return ModelOptions.of(segmenter, device);
    }
}
