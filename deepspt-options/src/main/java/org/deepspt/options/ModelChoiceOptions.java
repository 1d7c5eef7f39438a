package org.deepspt.options;

import java.util.Iterator;
import org.deepspt.api.Segmenters;
import org.deepspt.neural.InferenceBackends;
import picocli.CommandLine.Option;

/**
 * The picocli mixin of {@code --model}, {@code --backend} and {@code --device}: the segmentation model, the
 * inference engine of neural models and where they run. Both tools declare these options through this class
 * (the CLI's {@code ModelOptions} extends it; the Spark job mixes it in).
 *
 * <p>The descriptions are the CLI's; a tool that words them otherwise gives its text in its command's resource
 * bundle under the keys {@code model}, {@code backend} and {@code device} (the Spark job does).
 */
public class ModelChoiceOptions {
    /** The default of {@code --model}. */
    public static final String DEFAULT_MODEL = "unet";

    @Option(names = "--model", defaultValue = DEFAULT_MODEL, paramLabel = "NAME", descriptionKey = "model",
            completionCandidates = ModelNames.class,
            description = "Segmentation model: unet (the default: the int8 U-Net of the tracks' dimension, trained "
                    + "on the widened population; with --backend jvm its float twin), unet-fast (that model in "
                    + "float32), unet-int8 (the int8 model), unet-ensemble (three members trained on the published "
                    + "protocol only: three times the arithmetic, reads a drop of D as confinement), rolling-msd "
                    + "(baseline), a bundled model's name, or PATH/TO/model.manifest.json (default "
                    + "${DEFAULT-VALUE}).")
    private String model = DEFAULT_MODEL;

    @Option(names = "--backend", defaultValue = "auto", paramLabel = "BACKEND", descriptionKey = "backend",
            completionCandidates = BackendNames.class,
            description = "Inference engine of neural models: auto (ONNX Runtime where it loads, else the "
                    + "pure-JVM engine), onnx, jvm (default ${DEFAULT-VALUE}).")
    private String backend = "auto";

    @Option(names = "--device", defaultValue = "CPU", paramLabel = "DEVICE", descriptionKey = "device",
            description = "Where neural models run: CPU or CUDA (default ${DEFAULT-VALUE}; CUDA needs the GPU "
                    + "build and falls back to the CPU with a warning).")
    private String device = "CPU";

    /** @return the {@code --model} value as given: a registry name or the path of a {@code *.manifest.json} */
    public final String model() {
        return model;
    }

    /**
     * The name fingerprint tables and classifier models record for a segmenter choice
     * ({@code FingerprintContext.segmenter}), the same in every tool that takes a {@code --model}.
     *
     * @param spec a registry name or the path of a {@code *.manifest.json}
     * @return the registry name as given (e.g. {@code rolling-msd}, {@code unet}), or the manifest path's file name
     */
    public static String segmenterName(String spec) {
        return spec.endsWith(".json") ? java.nio.file.Path.of(spec).getFileName().toString() : spec;
    }

    /**
     * Replaces the model (a deprecated spelling of the option, or a tool's own default).
     *
     * @param spec a registry name or the path of a {@code *.manifest.json}
     */
    public final void model(String spec) {
        model = spec;
    }

    /** @return the {@code --backend} value as given (any case) */
    public final String backendAsGiven() {
        return backend;
    }

    /** @return the {@code --device} value as given (any case) */
    public final String deviceAsGiven() {
        return device;
    }

    /**
     * @return the {@code --backend} value in lower case
     * @throws OptionUsageException unless it is {@code auto} or a backend on the class path
     */
    public final String checkedBackend() {
        return SharedOptions.backend(backend, InferenceBackends.choices());
    }

    /**
     * @return the {@code --device} value in lower case
     * @throws OptionUsageException unless it is CPU or CUDA
     */
    public final String checkedDevice() {
        return SharedOptions.device(device);
    }

    /** The model names of {@code ${COMPLETION-CANDIDATES}}: the registry's ({@link Segmenters#names()}), never a copy. */
    public static final class ModelNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Segmenters.names().iterator();
        }
    }

    /** The backend names of {@code ${COMPLETION-CANDIDATES}}: {@code auto} and the backends on the class path. */
    public static final class BackendNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return InferenceBackends.choices().iterator();
        }
    }
}
