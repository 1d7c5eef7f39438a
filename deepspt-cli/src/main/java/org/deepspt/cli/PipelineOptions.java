package org.deepspt.cli;

import org.deepspt.api.Segmenter;
import org.deepspt.io.ReadResult;
import org.deepspt.pipeline.Pipeline;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The options of every command that runs tracks through a segmenting {@link Pipeline} ({@code segment},
 * {@code fingerprint}, {@code analyze}), declared once: the segmentation model ({@code --model}, {@code --backend},
 * {@code --device}), {@code --threads}, the post-processing ({@code --min-segment}, {@code --smooth},
 * {@code --no-smooth}, {@code --no-d-changes}) and {@code --no-progress}; with the pipeline and the {@link TrackRun} they make.
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
