package org.deepspt.cli;

import org.deepspt.api.Segmenter;
import org.deepspt.api.SegmenterChoice;
import org.deepspt.api.SegmenterOptions;
import org.deepspt.api.SegmenterProvenance;
import org.deepspt.options.ModelChoiceOptions;
import org.deepspt.options.PostProcessingOptions;
import org.deepspt.options.SharedOptions;

/**
 * The {@code --model}, {@code --backend} and {@code --device} options of every command that segments tracks
 * ({@code --model} is the segmentation model in every command; a classifier is {@code --classifier}): their
 * declarations are {@link ModelChoiceOptions}, shared with the Spark job.
 */
final class ModelOptions extends ModelChoiceOptions {
    /** The default of {@code --model}. */
    static final String DEFAULT = DEFAULT_MODEL;

    /** The spec resolved to its provider, once, by {@link #validate()}; null before. */
    private SegmenterChoice choice;
    /** The validated backend, device and batching, made once by {@link #validate()} or {@link #backend()}. */
    private SegmenterOptions options;

    /**
     * Fails fast on an unknown model, backend or device, before any input is read. Resolves {@code --model} to the
     * provider that opens it, once: {@link #open(int)} opens that choice without looking the name up again.
     */
    void validate() {
        if (choice != null) {
            return;
        }
        choice = SharedOptions.model(model());
        options();
    }

    /** @return the validated, lower-case {@code --backend} (for models that are not segmenters) */
    String backend() {
        return options().backend();
    }

    private SegmenterOptions options() {
        if (options != null) {
            return options;
        }
        String backend = checkedBackend();   // case-insensitive (--backend JVM)
        String d = checkedDevice();
        // Smoothing, refinement and D changes are the commands' post-processing (--smooth / --no-smooth, --no-refine,
        // --no-d-changes): open(int, PostProcessingOptions) opens with them, the pipeline adds the rest.
        options = SegmenterOptions.defaults().withBackend(backend).withDevice(d).withoutSmoothing()
                .withDiffusivityChanges(false);
        return options;
    }

    /**
     * @param dimension dimension of the input tracks
     * @return the segmenter of the choice {@link #validate()} resolved, without smoothing or D changes (commands add
     *     them in their pipeline); its {@link Segmenter#provenance()} says which model file it runs; close it
     */
    Segmenter open(int dimension) {
        validate();
        return choice.open(dimension, options);
    }

    /**
     * @param dimension dimension of the input tracks
     * @param postProcessing the command's smoothing choice: a neural model smooths (and calibrates the smoothed
     *     probabilities) itself, with the refinement chosen ({@link PostProcessingOptions#segmenterOptions}, as the
     *     Spark job opens its segmenter); {@link PostProcessingOptions#apply(org.deepspt.pipeline.Pipeline.Builder,
     *     Segmenter)} smooths the others in the pipeline
     * @return the segmenter of the choice {@link #validate()} resolved, without D changes (the pipeline adds them);
     *     close it
     */
    Segmenter open(int dimension, PostProcessingOptions postProcessing) {
        validate();
        return choice.open(dimension, postProcessing.segmenterOptions(options));
    }

    /**
     * What a report says about the model file behind a segmenter.
     *
     * @param p an open segmenter's provenance
     * @return the SHA-256 (64 lower-case hex digits) of the model file a neural segmenter was loaded from
     *     (bundled or user model, verified against its manifest when loaded); for a method without a model, that
     *     method ("rolling-MSD baseline, no model file")
     */
    static String modelFile(SegmenterProvenance p) {
        if (p.sha256().isPresent()) {
            return p.sha256().get();
        }
        if (p.usesModel()) {
            return "unknown (model not loaded from a file)";
        }
        return p.method().map(m -> m + ", no model file").orElse("no model file recorded");
    }

    /**
     * @return the name recorded in classifier provenance for this choice: {@code rolling-msd}, {@code unet}
     *     or the manifest path's file name
     */
    String segmenterName() {
        return segmenterName(model());
    }
}
