package org.deepspt.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.deepspt.api.DeepSptException;
import org.deepspt.api.TrackIssue;
import org.deepspt.api.Trajectory;
import org.deepspt.io.IssueReportWriter;
import org.deepspt.io.OutputTransaction;
import org.deepspt.io.MsdCsvWriter;
import org.deepspt.io.ReadResult;
import org.deepspt.io.TrackColumns;
import org.deepspt.msd.MsdFit;
import org.deepspt.msd.MsdFitter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code msd}: per-track anomalous MSD fit and localization-error-aware Brownian fit. */
@Command(name = "msd", mixinStandardHelpOptions = true,
        description = "Per-track MSD analysis: fit MSD(t) = 2·dim·D·t^α + offset on lags 1..min(N/4, 30) (α and D "
                + "in µm²/s^α with standard errors, offset in µm²; tracks under 16 points get NaN with "
                + "msd_fit_status too_few_lags) and the localization-error-aware Brownian fit of Michalet "
                + "(2010) (D in µm²/s, σ in µm). msd_fit_at_bound / brownian_fit_at_bound (none, D, alpha, "
                + "D+alpha) name a parameter that ended on its fit bound, offset_clamped / sigma_loc_clamped "
                + "an offset or σ clamped to 0: such values are not estimates. msd_fit_status / "
                + "brownian_fit_status: ok, at_bound, not_converged, no_motion, too_few_lags, undetermined (the fit "
                + "stayed inside its bounds but SE(α) > 1 or α − 2·SE(α) > 2: the MSD curve does not determine α).")
final class MsdCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    InputOptions input = new InputOptions();

    @Option(names = "--out", required = true, paramLabel = "FILE.csv", description = "Output CSV.")
    Path out;

    @Mixin
    ErrorReportOption errorReport = new ErrorReportOption();

    @Mixin
    ProgressOption progress = new ProgressOption();

    @Override
    public Integer call() {
        long t0 = System.nanoTime();
        input.issueReport = errorReport.reportFor(out);
        ReadResult read = input.read(1);
        List<TrackIssue> issues = new ArrayList<>(read.issues());
        MsdFitter fitter = MsdFitter.defaults();
        var err = spec.commandLine().getErr();
        int written = 0;
        Path report = errorReport.reportFor(out);
        try (OutputTransaction tx = OutputTransaction.begin()) {
            try (MsdCsvWriter w = MsdCsvWriter.open(tx.stage(out),
                    TrackColumns.of(read, input.severalFiles()));
                    Progress p = progress.open(err, "msd", read.trajectories().size())) {
                for (Trajectory t : read.trajectories()) {
                    try {
                        MsdFit f = fitter.fit(t);
                        MsdFit m = fitter.fitWithLocalizationError(t);
                        w.write(t.id(), t.size(), f, m);
                        written++;
                    } catch (DeepSptException e) {
                        issues.add(TrackIssue.rejected(t.id(), e.getMessage()));
                    }
                    p.step();
                }
            }
            IssueReportWriter.write(tx.stage(report), issues);
            tx.commit();
        }
        err.println("fitted " + written + " tracks -> " + Main.shown(out) + "; " + issues.size() + " issues -> "
                + Main.shown(report) + "; "
                + Rates.since(written, -1, t0));
        return 0;
    }
}
