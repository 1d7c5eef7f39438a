package org.deepspt.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.deepspt.api.DeepSptException;
import org.deepspt.api.Segmentation;
import org.deepspt.api.Segmenter;
import org.deepspt.api.TrackIssue;
import org.deepspt.api.Trajectory;
import org.deepspt.io.IssueReportWriter;
import org.deepspt.io.ReadResult;
import org.deepspt.io.SegmentationCsvWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code segment}: per-point diffusion-state probabilities for every track of a file. */
@Command(name = "segment", mixinStandardHelpOptions = true,
        description = "Segment tracks into diffusion states. Output: one row per input point, "
                + "particle,frame,state,p_normal,p_directed,p_confined,p_subdiffusive.")
final class SegmentCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    InputOptions input = new InputOptions();

    @Option(names = "--out", required = true, paramLabel = "FILE.csv", description = "Output CSV.")
    Path out;

    @Mixin
    ModelOptions modelOptions = new ModelOptions();

    @Mixin
    ErrorReportOption errorReport = new ErrorReportOption();

    @Option(names = "--threads", defaultValue = "1", paramLabel = "N",
            description = "Worker threads (default ${DEFAULT-VALUE}); output order does not depend on it.")
    int threads;

    @Option(names = "--min-segment", defaultValue = "1", paramLabel = "K",
            description = "Post-processing: merge predicted segments shorter than K frames into the neighbour "
                    + "with the higher mean probability (default ${DEFAULT-VALUE} = off; the paper uses 5).")
    int minSegment;

    @Mixin
    ProgressOption progress = new ProgressOption();

    @Override
    public Integer call() throws InterruptedException {
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
        }
        if (minSegment < 1) {
            throw new IllegalArgumentException("--min-segment must be >= 1, got " + minSegment);
        }
        modelOptions.validate();
        ReadResult read = input.read(1);
        List<Trajectory> tracks = read.trajectories();
        int dimension = tracks.isEmpty() ? 2 : tracks.get(0).dimension();
        Segmenter segmenter = modelOptions.resolve(dimension, threads);
        try {
            return run(read, tracks, segmenter);
        } finally {
            ModelOptions.close(segmenter);
        }
    }

    private int run(ReadResult read, List<Trajectory> tracks, Segmenter segmenter) throws InterruptedException {
        List<TrackIssue> issues = new ArrayList<>(read.issues());
        var err = spec.commandLine().getErr();
        int written = 0;
        long points = 0;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (SegmentationCsvWriter w = SegmentationCsvWriter.open(out);
                Progress p = progress.open(err, "segment", tracks.size())) {
            List<Future<Segmentation>> futures = new ArrayList<>(tracks.size());
            for (Trajectory t : tracks) {
                futures.add(pool.submit(() -> segmenter.segment(t)));
            }
            for (int i = 0; i < tracks.size(); i++) {
                try {
                    Segmentation s = futures.get(i).get().mergeShortSegments(minSegment);
                    w.write(s);
                    written++;
                    points += s.size();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof DeepSptException d) {
                        issues.add(TrackIssue.rejected(tracks.get(i).id(), d.getMessage()));
                    } else {
                        throw new IllegalStateException("segmenting track '" + tracks.get(i).id() + "' failed: "
                                + e.getCause(), e.getCause());
                    }
                }
                p.step();
            }
        } finally {
            pool.shutdownNow();
        }
        Path report = errorReport.reportFor(out);
        IssueReportWriter.write(report, issues);
        long rejected = issues.stream().filter(i -> i.kind() == TrackIssue.Kind.REJECTED).count();
        err.println("segmented " + written + " tracks (" + points + " points) with " + segmenter.name()
                + " -> " + out + "; " + rejected + " rejected, " + (issues.size() - rejected)
                + " modified -> " + report);
        return 0;
    }
}
