package org.deepspt.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.deepspt.api.Segmentation;
import org.deepspt.api.Segmenter;
import org.deepspt.io.ReadResult;
import org.deepspt.io.SegmentationCsvWriter;
import org.deepspt.io.SegmentsCsvWriter;
import org.deepspt.msd.SegmentMotionFitter;
import org.deepspt.pipeline.Pipeline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code segment}: per-point diffusion-state probabilities for every track of a file. */
@Command(name = "segment", mixinStandardHelpOptions = true,
        description = "Segment tracks into diffusion states. Output: one row per input point, "
                + "particle,frame,state,p_normal,p_directed,p_confined,p_subdiffusive,reliable,reason,segment,x,y[,z],"
                + "interpolated[,spot_id][,file] (reliable: whether the track lies in the model's reliable range; "
                + "reason: the failed checks as code:measured<threshold, codes too_short, low_snr, low_confidence; "
                + "segment: the point's segment, 0, 1, ... in the track, a new one at every change of state and, for "
                + "a neural model, where D changes within one state; "
                + "x, y, z in µm, or px for an uncalibrated file; interpolated 1 for a point made up over missing "
                + "frames; spot_id the TrackMate spot ID; file with several inputs). One 'warning:' line on stderr "
                + "when more than 10 %% of the frames come from unreliable tracks. With --segments FILE, also one "
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
            + "alpha_se,lags,fit_status (D in µm²/s^α and α from the segment's MSD at lags 1 and 2 frames, "
            + "corrected for the track's localisation noise, α held to the state's range: fit_status two_lags "
            + "when α is measured, alpha_from_state when the state set it (normal: 1; held at 1), D still measured; "
            + "cage_saturated for a confined segment that fills its cage within a frame (M1 >= the variance of its "
            + "positions): alpha and D describe the walls, not the motion inside, (M1 - o)/(2·dim·dt) only a "
            + "lower bound of the D inside the cage; "
            + "segments under 3 points get NaN with fit_status too_few_lags).")
    Path segmentsOut;

    @Mixin
    PipelineOptions options = new PipelineOptions();

    @Mixin
    ErrorReportOption errorReport = new ErrorReportOption();

    @Override
    public Integer call() {
        long t0 = System.nanoTime();
        options.validate();
        input.issueReport = errorReport.reportFor(out);
        ReadResult read = input.read(1);
        try (Segmenter segmenter = options.open(read.dimension())) {
            Pipeline pipeline = options.pipeline(segmenter).segmentOnly().build();
            Path report = errorReport.reportFor(out);
            SegmentMotionFitter motion = SegmentMotionFitter.defaults();
            TrackRun run = options.run(spec, read).run(pipeline, report, (tx, closer) -> {
                SegmentationCsvWriter w = closer.add(SegmentationCsvWriter.withPoints(tx.stage(out), read,
                        input.severalFiles()));
                SegmentsCsvWriter sw = segmentsOut == null ? null
                        : closer.add(SegmentsCsvWriter.open(tx.stage(segmentsOut)));
                return r -> {
                    Segmentation seg = r.segmentation().orElseThrow();
                    w.write(seg, r.trajectory());
                    if (sw != null) {
                        sw.write(motion.estimate(r.trajectory(), seg));
                    }
                };
            });
            run.summary("segmented", " (" + run.points() + " points) with " + Main.shown(segmenter.name()),
                    Main.shown(out), Main.shown(report), report, Rates.since(run.written(), run.points(), t0));
            run.reliabilityWarning("the reliable and reason columns of " + out);
            return 0;
        }
    }
}
