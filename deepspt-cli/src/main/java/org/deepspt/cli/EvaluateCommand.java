package org.deepspt.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.deepspt.api.DeepSptException;
import org.deepspt.api.InputFormatException;
import org.deepspt.api.InvalidTrajectoryException;
import org.deepspt.api.Segmentation;
import org.deepspt.core.IoReason;
import org.deepspt.eval.SegmentationEvaluation;
import org.deepspt.io.ReadOptions;
import org.deepspt.io.ReadResult;
import org.deepspt.io.SegmentationCsvReader;
import org.deepspt.io.TrackReaders;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code evaluate}: per-frame metrics of predicted states against true states. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Compare predicted states (output of segment) with true states (a track CSV with a "
                + "state column, e.g. from simulate): accuracy, macro-F1, per-track accuracy, confusion "
                + "matrices for 4-, 3- and 2-class merges, change-point errors.")
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
            + "cp_median_abs_error, segment_count_match, ece).")
    boolean summary;

    @Override
    public Integer call() {
        ReadResult t = TrackReaders.read(truth, ReadOptions.defaults());
        if (t.trajectories().stream().anyMatch(tr -> !tr.hasStates())) {
            throw new InputFormatException(truth.toString(), 1, "state", "no 'state' column: --truth needs the "
                    + "true state of every point (e.g. from simulate)");
        }
        List<Segmentation> p = SegmentationCsvReader.read(pred);
        SegmentationEvaluation ev;
        try {
            ev = SegmentationEvaluation.evaluate(t.trajectories(), p);
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
            try {
                Files.writeString(out, text, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new DeepSptException("cannot write " + out + ": " + IoReason.of(e), e);
            }
        }
        return 0;
    }
}
