package org.deepspt.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.deepspt.api.DeepSptException;
import org.deepspt.api.InputFormatException;
import org.deepspt.api.InvalidTrajectoryException;
import org.deepspt.api.Segmentation;
import org.deepspt.api.Trajectory;
import org.deepspt.api.TrueMotion;
import org.deepspt.core.IoReason;
import org.deepspt.eval.SegmentationEvaluation;
import org.deepspt.io.ReadOptions;
import org.deepspt.io.ReadResult;
import org.deepspt.io.SegmentationCsvReader;
import org.deepspt.io.TrackReaders;
import org.deepspt.io.TrueMotionCsvReader;
import org.deepspt.msd.SegmentMotionFitter;
import org.deepspt.options.SharedOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code evaluate}: per-frame metrics of predicted states against true states; with a {@code true_D} column also
 * the AnDi-2 change points of state or D and the segments' D and α (estimated here as {@code segment --segments}
 * does).
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Compare predicted states (output of segment) with true states (a track CSV with a "
                + "state column, e.g. from simulate): accuracy, macro-F1, per-track accuracy, confusion "
                + "matrices for 4-, 3- and 2-class merges, change-point errors, AnDi-2 change-point scores "
                + "(threshold 10 frames) of the changes of state.",
                "When --truth also has a true_D column (simulate writes it, with true_alpha), the AnDi-2 "
                + "change-point Jaccard and RMSE are also scored against the challenge's truth: a change point "
                + "wherever the state, the true D (by any factor) or the true α changes, so that a change of D "
                + "found within one class counts as found; and every predicted segment gets its D and α (the "
                + "estimate of segment --segments, on the truth file's positions) and is scored against the true "
                + "segment it pairs with: α MAE, D MSLE (the challenge's, with its penalties) and the mean "
                + "squared ln(D_pred/D_true) over the estimates (status ok, two_lags or alpha_from_state). "
                + "Without the column these scores are NaN / absent."})
final class EvaluateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--truth", required = true, paramLabel = "FILE", description = "Tracks with true states.")
    Path truth;

    @Option(names = "--pred", required = true, paramLabel = "FILE.csv", description = "Output of segment.")
    Path pred;

    @Option(names = "--out", paramLabel = "FILE.txt", description = "Also write the report to this file.")
    Path out;

    @Option(names = "--summary", description = "Print only one CSV header line and one line of headline "
            + "numbers (tracks, frames, acc4, f1_4, acc3, f1_3, acc2, f1_2, median_track_acc4, "
            + "cp_median_abs_error, segment_count_match, ece, andi2_cp_jaccard, andi2_cp_rmse, andi2_state_f1, "
            + "andi2_cp_jaccard_state_d, andi2_cp_rmse_state_d, seg_alpha_mae, seg_d_msle, seg_d_sq_log_ratio "
            + "(these five NaN without a true_D column), recall_normal, recall_directed, recall_confined, "
            + "recall_subdiffusive (4-class recall per true class, NaN for a class absent from --truth), "
            + "verdict_reliable_share, acc4_reliable, ece_reliable, acc4_unreliable, ece_unreliable (share of "
            + "frames in tracks the prediction marks reliable, and accuracy and ECE on either side; NaN without "
            + "reliable columns), andi2_state_f1_segments (the challenge's state F1 over paired segments, NaN "
            + "without a true_D column).")
    boolean summary;

    @Option(names = "--frame-interval", paramLabel = "S", description = "Frame interval of --truth in s, for the "
            + "segment fits scored against true_D in µm²/s^α (default: from the file when it has one, else 1 s, "
            + "as simulate's default).")
    Double frameInterval;

    @Override
    public Integer call() {
        SharedOptions.checkFrameInterval(frameInterval);
        ReadOptions.Builder options = ReadOptions.builder();
        if (frameInterval != null) {
            options.frameInterval(frameInterval);
        }
        ReadResult t = TrackReaders.read(truth, options.build()).reworded(CliTerms::of);
        // the truth tracks the reader rejected or changed are named, so that an unmatched prediction says why
        // (review: a duplicated frame in the truth showed only as "prediction without truth")
        org.deepspt.io.IssueCounts truthIssues = org.deepspt.io.IssueCounts.of(t.issues());
        if (!truthIssues.rejected().isEmpty() || !truthIssues.modified().isEmpty()) {
            spec.commandLine().getErr().println("evaluate: --truth " + Main.shown(truth.toString()) + ": "
                    + truthIssues.rejected().size() + " track(s) rejected, " + truthIssues.modified().size()
                    + " changed by the reader: " + t.issues().stream().limit(5).map(i -> i.trackId() + " " + i.kind()
                            .name().toLowerCase(java.util.Locale.ROOT) + " (" + i.detail() + ")")
                            .collect(java.util.stream.Collectors.joining("; "))
                    + (t.issues().size() > 5 ? "; …" : ""));
        }
        if (t.trajectories().stream().anyMatch(tr -> !tr.hasStates())) {
            throw new InputFormatException(truth.toString(), 1, "state", "no 'state' column: --truth needs the "
                    + "true state of every point (e.g. from simulate)");
        }
        List<Segmentation> p = SegmentationCsvReader.read(pred);
        Map<String, TrueMotion> trueMotion = TrueMotionCsvReader.read(truth).orElse(null);
        SegmentationEvaluation ev;
        try {
            if (trueMotion != null) {
                p = withSegmentFits(t.trajectories(), p);
            }
            ev = SegmentationEvaluation.evaluate(t.trajectories(), p, trueMotion);
        } catch (InvalidTrajectoryException e) {
            throw new DeepSptException("--pred " + pred + " does not match --truth " + truth + ": " + e.getMessage(),
                    e);
        }
        String text = summary ? SegmentationEvaluation.SUMMARY_HEADER + "\n" + ev.summaryLine() : ev.toText();
        if (!text.endsWith("\n")) {
            text = text + "\n";
        }
        spec.commandLine().getOut().print(text);
        spec.commandLine().getOut().flush();
        if (out != null) {
            try (org.deepspt.io.OutputTransaction tx = org.deepspt.io.OutputTransaction.begin()) {
                Files.writeString(tx.stage(out), text, StandardCharsets.UTF_8);
                tx.commit();
            } catch (IOException e) {
                throw new DeepSptException("cannot write " + out + ": " + IoReason.of(e), e);
            }
        }
        return 0;
    }

    /** The predictions with each segment's D and α estimated on the truth track's points (as segment --segments). */
    private static List<Segmentation> withSegmentFits(List<Trajectory> truth, List<Segmentation> predictions) {
        Map<String, Trajectory> byId = new HashMap<>();
        for (Trajectory tr : truth) {
            byId.put(tr.id(), tr);
        }
        SegmentMotionFitter fitter = SegmentMotionFitter.defaults();
        return predictions.parallelStream().map(s -> {
            Trajectory tr = byId.get(s.trackId());
            // unmatched or mismatched pairs are left as they are: the evaluation reports them
            return tr == null || !Arrays.equals(tr.frames(), s.frames()) ? s : fitter.estimate(tr, s);
        }).toList();
    }
}
