package org.deepspt.cli;

import org.deepspt.api.Segmenter;
import org.deepspt.fingerprint.FingerprintContext;
import org.deepspt.io.ReadResult;
import org.deepspt.io.TrackColumns;
import org.deepspt.options.PostProcessingOptions;
import org.deepspt.pipeline.Pipeline;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The options of every command that runs tracks through a segmenting {@link Pipeline} ({@code segment},
 * {@code fingerprint}, {@code analyze}, and {@code train-classifier} and {@code classify} on track files), declared
 * once, so that they all segment alike: the segmentation model ({@code --model}, {@code --backend},
 * {@code --device}), {@code --threads}, the post-processing ({@code --min-segment}, {@code --smooth},
 * {@code --no-smooth}, {@code --no-refine}, {@code --no-d-changes}: deepspt-options' {@link PostProcessingOptions},
 * shared with the Spark job) and {@code --no-progress}; with the pipeline and the {@link TrackRun} they make.
 */
final class PipelineOptions {

    @Mixin
    ModelOptions model = new ModelOptions();

    @Mixin
    ThreadsOption threads = new ThreadsOption();

    @Mixin
    PostProcessingOptions postProcessing = new PostProcessingOptions();

    @Mixin
    ProgressOption progress = new ProgressOption();

    /**
     * Checks {@code --threads}, the model choice and the post-processing, before any input is read.
     *
     * @throws org.deepspt.options.OptionUsageException naming a bad option
     */
    void validate() {
        threads.get();
        model.validate();
        postProcessing.validate();
    }

    /**
     * The one way a command opens its segmenter: the {@code --model} choice with the post-processing that the
     * segmenter applies itself; {@link #pipeline(Segmenter)} adds the rest.
     *
     * @param dimension dimension of the input tracks
     * @return the segmenter; close it
     */
    Segmenter open(int dimension) {
        return model.open(dimension, postProcessing);
    }

    /**
     * @param read the input tracks
     * @param segmenter the segmenter opened for them by {@link #open(int)}
     * @return what their fingerprints are computed with: dimension, frame intervals, length unit, the {@code --model}
     *     name and the post-processing applied in effect
     */
    FingerprintContext context(ReadResult read, Segmenter segmenter) {
        return FingerprintContext.of(read.dimension(), read.trajectories().stream().map(t -> t.frameInterval())
                .toList(), read.calibration().lengthUnit(), model.segmenterName(), postProcessing.describe(segmenter));
    }

    /**
     * @param read the input tracks
     * @param segmenter the segmenter opened for them by {@link #open(int)}
     * @param severalFiles whether several input files were read (a {@code file} column)
     * @return the per-track columns of a fingerprint table: where each track came from, then what its fingerprint
     *     was computed with ({@link #context})
     */
    TrackColumns fingerprintColumns(ReadResult read, Segmenter segmenter, boolean severalFiles) {
        FingerprintContext c = context(read, segmenter);
        return TrackColumns.of(read, severalFiles).and(TrackColumns.context(read, c.segmenter().orElseThrow(),
                c.postProcessing().orElseThrow()));
    }

    /**
     * @param segmenter the opened segmenter
     * @return a pipeline builder with the segmenter, {@code --threads} workers and the post-processing
     */
    Pipeline.Builder pipeline(Segmenter segmenter) {
        return postProcessing.apply(Pipeline.builder().segmenter(segmenter).threads(threads.get()), segmenter);
    }

    /**
     * @param spec the command
     * @param read its input
     * @return a run of the command over the input, with its progress bar
     */
    TrackRun run(CommandSpec spec, ReadResult read) {
        return TrackRun.of(spec, read, progress);
    }
}
