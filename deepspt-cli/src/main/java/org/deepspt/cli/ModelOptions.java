package org.deepspt.cli;

import java.util.ArrayList;
import java.util.List;
import org.deepspt.api.Segmenter;
import org.deepspt.api.SegmenterOptions;
import org.deepspt.api.Segmenters;
import org.deepspt.baseline.RollingMsdSegmenter;
import org.deepspt.model.ModelManifest;
import org.deepspt.model.ModelSegmenterProvider;
import org.deepspt.model.SegmentationModels;
import org.deepspt.neural.InferenceBackends;
import org.deepspt.neural.NeuralSegmenter;
import picocli.CommandLine.Option;

/** The {@code --model}, {@code --backend} and {@code --device} options of every command that segments tracks. */
final class ModelOptions {
    /** The default of {@code --model}. */
    static final String DEFAULT = "unet";

    @Option(names = "--model", defaultValue = DEFAULT, paramLabel = "NAME",
            description = "Segmentation model: unet (the default: the int8 U-Net of the tracks' dimension, trained "
                    + "on the widened population; with --backend jvm its float twin), unet-fast (that model in "
                    + "float32), unet-int8 (the int8 model), unet-ensemble (three members trained on the published "
                    + "protocol only: three times the arithmetic, reads a drop of D as confinement), rolling-msd "
                    + "(baseline), a bundled model's name, or PATH/TO/model.manifest.json (default "
                    + "${DEFAULT-VALUE}).")
    String model = DEFAULT;

    @Option(names = "--backend", defaultValue = "auto", paramLabel = "BACKEND",
            description = "Inference engine of neural models: auto (ONNX Runtime where it loads, else the "
                    + "pure-JVM engine), onnx, jvm (default ${DEFAULT-VALUE}).")
    String backend = "auto";

    @Option(names = "--device", defaultValue = "CPU", paramLabel = "DEVICE",
            description = "Where neural models run: CPU or CUDA (default ${DEFAULT-VALUE}; CUDA needs the GPU "
                    + "build and falls back to the CPU with a warning).")
    String device = "CPU";

    /**
     * For commands whose {@code --model} means something else (classify): the same choice from other option
     * names.
     */
    static ModelOptions of(String model, String backend, String device) {
        ModelOptions o = new ModelOptions();
        o.model = model;
        o.backend = backend;
        o.device = device;
        return o;
    }

    /** Fails fast on an unknown model, backend or device, before any input is read. */
    void validate() {
        try {
            Segmenters.check(model);
        } catch (IllegalArgumentException e) {
            throw new UsageException("unknown --model '" + model + "'; use one of " + Segmenters.names()
                    + " or the path of a *.manifest.json", e);
        }
        options();
    }

    /** @return the validated, lower-case {@code --backend} (for models that are not segmenters) */
    String backend() {
        return options().backend();
    }

    private SegmenterOptions options() {
        List<String> backends = new ArrayList<>(List.of("auto"));
        InferenceBackends.all().forEach(b -> backends.add(b.name()));
        backend = backend.toLowerCase(java.util.Locale.ROOT);   // choices are case-insensitive (--backend JVM)
        if (!backends.contains(backend)) {
            throw new UsageException("--backend must be one of " + backends + ", got '" + backend + "'");
        }
        String d = device.toLowerCase(java.util.Locale.ROOT);
        if (!d.equals("cpu") && !d.equals("cuda")) {
            throw new UsageException("--device must be CPU or CUDA, got '" + device + "'");
        }
        // Smoothing is the commands' choice (--smooth / --no-smooth, PostProcessingOptions), passed to open.
        return SegmenterOptions.defaults().withBackend(backend).withDevice(d).withoutSmoothing();
    }

    /**
     * @param dimension dimension of the input tracks
     * @return the segmenter, without smoothing; close it
     */
    Segmenter open(int dimension) {
        return Segmenters.open(model, dimension, options());
    }

    /**
     * @param dimension dimension of the input tracks
     * @param postProcessing the command's smoothing choice: a neural model smooths (and calibrates the smoothed
     *     probabilities) itself; {@link PostProcessingOptions#apply(org.deepspt.pipeline.Pipeline.Builder,
     *     Segmenter)} smooths the others in the pipeline
     * @return the segmenter; close it
     */
    Segmenter open(int dimension, PostProcessingOptions postProcessing) {
        return Segmenters.open(model, dimension, options().withSwitchPenalty(postProcessing.switchPenalty()));
    }

    /**
     * The manifest of the chosen neural model, for what a report shows of it (test accuracy per length).
     *
     * @param dimension dimension of the input tracks
     * @return the manifest of {@code unet} or another alias, a bundled model or a manifest
     *     path; empty for the baseline
     */
    java.util.Optional<ModelManifest> manifest(int dimension) {
        if (model.endsWith(".json")) {
            return java.util.Optional.of(SegmentationModels.readManifest(java.nio.file.Path.of(model)));
        }
        String name = ModelSegmenterProvider.bundledName(model, dimension, options().backend());
        return SegmentationModels.isBundled(name) ? java.util.Optional.of(SegmentationModels.bundledManifest(name))
                : java.util.Optional.empty();
    }

    /**
     * What a report says about the model file behind a segmenter.
     *
     * @param segmenter an open segmenter
     * @return the SHA-256 (64 lower-case hex digits) of the ONNX file a neural segmenter was loaded from
     *     (bundled or user model, verified against its manifest when loaded); "rolling-MSD baseline, no model
     *     file" for the baseline
     */
    static String modelFile(Segmenter segmenter) {
        if (segmenter instanceof NeuralSegmenter n) {
            return n.modelSha256().orElse("unknown (model not loaded from a file)");
        }
        if (segmenter instanceof RollingMsdSegmenter) {
            return "rolling-MSD baseline, no model file";
        }
        return "no model file recorded";
    }

    /**
     * @return the name recorded in classifier provenance for this choice: {@code rolling-msd}, {@code unet}
     *     or the manifest path's file name
     */
    String segmenterName() {
        return model.endsWith(".json") ? java.nio.file.Path.of(model).getFileName().toString() : model;
    }
}
