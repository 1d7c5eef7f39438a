package org.deepspt.cli;

import org.deepspt.api.Segmenter;
import org.deepspt.onnx.ExecutionDevice;
import picocli.CommandLine.Option;

/** The {@code --model} and {@code --device} options of every command that segments tracks. */
final class ModelOptions {

    @Option(names = "--model", defaultValue = SegmenterChoice.DEFAULT, paramLabel = "NAME",
            description = "Segmentation model: unet (the bundled U-Net ensemble of the tracks' dimension), "
                    + "rolling-msd (baseline), or PATH/TO/model.manifest.json (default ${DEFAULT-VALUE}).")
    String model = SegmenterChoice.DEFAULT;

    @Option(names = "--device", defaultValue = "CPU", paramLabel = "DEVICE",
            description = "Where neural models run: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}; CUDA "
                    + "needs the GPU build and falls back to the CPU with a warning).")
    ExecutionDevice device = ExecutionDevice.CPU;

    /**
     * For commands whose {@code --model} means something else (classify): the same choice from other
     * option names.
     *
     * @param model segmenter name or manifest path
     * @param device execution device
     * @return the options
     */
    static ModelOptions of(String model, ExecutionDevice device) {
        ModelOptions o = new ModelOptions();
        o.model = model;
        o.device = device;
        return o;
    }

    /** Fails fast on an unknown model name, before any input is read. */
    void validate() {
        SegmenterChoice.validate(model);
    }

    /**
     * @param dimension dimension of the input tracks
     * @param threads Java threads that will share the segmenter
     * @return the segmenter; close it with {@link #close(Segmenter)}
     */
    Segmenter resolve(int dimension, int threads) {
        return SegmenterChoice.resolve(model, dimension, device, threads);
    }

    /**
     * @return the name recorded in classifier provenance for this choice: {@code rolling-msd}, {@code unet}
     *     or the manifest path's file name
     */
    String segmenterName() {
        return model.endsWith(".json") ? java.nio.file.Path.of(model).getFileName().toString() : model;
    }

    /** Closes a segmenter that holds native resources. */
    static void close(Segmenter segmenter) {
        if (segmenter instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing model '" + segmenter.name() + "': " + e, e);
            }
        }
    }
}
