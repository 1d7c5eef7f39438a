package org.deepspt.cli;

import java.io.PrintWriter;
import org.deepspt.options.OptionUsageException;
import picocli.CommandLine.Option;

/**
 * {@code --segmenter NAME}, the old spelling of {@code --model} in {@code train-classifier} and {@code classify}
 * (where {@code --model} once named the classifier): still accepted, hidden from the help, with one deprecation
 * line on stderr.
 */
final class DeprecatedSegmenterOption {

    @Option(names = "--segmenter", hidden = true, paramLabel = "NAME",
            description = "Deprecated spelling of --model (the segmentation model).")
    String segmenter;

    /**
     * Moves a deprecated {@code --segmenter} into {@code models}, saying so on {@code err}.
     *
     * @param models the command's segmentation model choice
     * @param modelGiven whether {@code --model} itself named the segmentation model
     * @param err stderr
     * @throws OptionUsageException when both spellings name the segmentation model
     */
    void applyTo(ModelOptions models, boolean modelGiven, PrintWriter err) {
        if (segmenter == null) {
            return;
        }
        if (modelGiven) {
            throw new OptionUsageException("--segmenter is the deprecated spelling of --model; give --model only");
        }
        err.println(Deprecation.note("--segmenter " + segmenter, "--model " + segmenter,
                "--model is the segmentation model in every command"));
        models.model(segmenter);
    }
}
