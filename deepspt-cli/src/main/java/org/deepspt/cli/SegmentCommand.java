package org.deepspt.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.deepspt.api.Segmentation;
import org.deepspt.api.Segmenter;
import org.deepspt.api.TrackIssue;
import org.deepspt.io.IssueReportWriter;
import org.deepspt.io.OutputTransaction;
import org.deepspt.io.ReadResult;
import org.deepspt.io.SegmentationCsvWriter;
import org.deepspt.io.SegmentsCsvWriter;
import org.deepspt.msd.SegmentMotionFitter;
import org.deepspt.pipeline.Pipeline;
import org.deepspt.pipeline.TrackResult;
import org.deepspt.reliability.ReliabilityTally;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code segment}: per-point diffusion-state probabilities for every track of a file. */
@Command(name = "segment", mixinStandardHelpOptions = true,
        description = "Segment tracks into diffusion states. Output: one row per input point, "
                + "particle,frame,state,p_normal,p_directed,p_confined,p_subdiffusive,reliable,reason,x,y[,z],"
                + "interpolated[,spot_id][,file] (reliable: whether the track lies in the model's reliable range; "
                + "reason: the failed checks as code:measured<threshold, codes too_short, low_snr, low_confidence; "
                + "x, y, z in µm, or px for an uncalibrated file; interpolated 1 for a point made up over missing "
                + "frames; spot_id the TrackMate spot ID; file with several inputs). One 'warning:' line on stderr "
                + "when more than 10 % of the frames come from unreliable tracks. With --segments FILE, also one "
                + "row per segment with its D (µm²/s^α) and α and their standard errors.")
final class SegmentCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    InputOptions input = new InputOptions();

    @Option(names = "--out", required = true, paramLabel = "FILE.csv", description = "Output CSV.")
    Path out;

    @Option(names = "--segments", paramLabel = "FILE.csv", description = "Also write one row per predicted "
            + "segment: particle,segment,first_frame,last_frame,points,state,mean_probability,D,D_se,alpha,"
            + "alpha_se,lags,fit_status (D in µm²/s^α and α from an MSD fit on the segment's lags "
            + "1..min(points/4, 30); "
            + "segments under 16 points get NaN with fit_status too_few_lags).")
    Path segmentsOut;

    @Mixin
    ModelOptions modelOptions = new ModelOptions();

    @Mixin
    ErrorReportOption errorReport = new ErrorReportOption();

    @Mixin
    ThreadsOption threads = new ThreadsOption();

    @Mixin
    PostProcessingOptions postProcessing = new PostProcessingOptions();

    @Mixin
    ProgressOption progress = new ProgressOption();

    @Override
    public Integer call() {
        long t0 = System.nanoTime();
        int nThreads = threads.get();
        modelOptions.validate();
        ReadResult read = input.read(1);
        try (Segmenter segmenter = modelOptions.open(read.dimension(), postProcessing)) {
            Pipeline pipeline = postProcessing.apply(Pipeline.builder().segmenter(segmenter).segmentOnly()
                    .threads(nThreads), segmenter).build();
            List<TrackIssue> issues = new ArrayList<>(read.issues());
            var err = spec.commandLine().getErr();
            int written = 0;
            long points = 0;
            ReliabilityTally tally = ReliabilityTally.create();
            Path report = errorReport.reportFor(out);
            try (OutputTransaction tx = OutputTransaction.begin()) {
                SegmentMotionFitter motion = SegmentMotionFitter.defaults();
                try (SegmentationCsvWriter w = SegmentationCsvWriter.withPoints(tx.stage(out), read,
                        input.severalFiles());
                        SegmentsCsvWriter sw = segmentsOut == null ? null
                                : SegmentsCsvWriter.open(tx.stage(segmentsOut));
                        Progress p = progress.open(err, "segment", read.trajectories().size());
                        Stream<TrackResult> results = pipeline.stream(read.trajectories().iterator(), i -> {
                            issues.add(i);
                            p.step();
                        })) {
                    for (TrackResult r : (Iterable<TrackResult>) results::iterator) {
                        Segmentation seg = r.segmentation().orElseThrow();
                        w.write(seg, r.trajectory());
                        tally.add(seg);
                        if (sw != null) {
                            sw.write(motion.estimate(r.trajectory(), seg));
                        }
                        written++;
                        points += r.trajectory().size();
                        p.step();
                    }
                }
                IssueReportWriter.write(tx.stage(report), issues);
                tx.commit();
            }
            long rejected = issues.stream().filter(i -> i.kind() == TrackIssue.Kind.REJECTED).count();
            err.println("segmented " + written + " tracks (" + points + " points) with " + Main.shown(segmenter.name())
                    + " -> " + Main.shown(out) + "; " + rejected + " rejected, " + (issues.size() - rejected)
                    + " modified -> " + Main.shown(report) + "; " + Rates.since(written, points, t0));
            AllRejected.warnIfAll(err, "segmented", written, rejected, report);
            tally.warning("the reliable and reason columns of " + out).ifPresent(err::println);
            return 0;
        }
    }
}
