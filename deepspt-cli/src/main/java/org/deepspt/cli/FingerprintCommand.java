package org.deepspt.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.deepspt.api.Segmenter;
import org.deepspt.fingerprint.DiffusionalFingerprint;
import org.deepspt.fingerprint.TimeResolvedFingerprint;
import org.deepspt.io.FingerprintCsvWriter;
import org.deepspt.io.ReadResult;
import org.deepspt.io.TimeResolvedCsvWriter;
import org.deepspt.options.OptionUsageException;
import org.deepspt.pipeline.Pipeline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code fingerprint}: the diffusional fingerprint (31 track + 12 segmentation features) of every track. */
@Command(name = "fingerprint", mixinStandardHelpOptions = true,
        description = "Diffusional fingerprint of every track. Output: one row per track, particle,<43 features>,"
                + "msd_fit_at_bound,msd_fit_status (segmentation features from --model; msd_fit_at_bound is none, "
                + "D, alpha or D+alpha when that MSD-fit parameter ended on its bound and is not an estimate, "
                + "msd_fit_status as msd reports it for the track: ok, at_bound, undetermined (SE(α) > 1 or "
                + "α − 2·SE(α) > 2: the MSD curve does not determine α), not_converged, no_motion or too_few_lags), "
                + "then [file,][input_track,]"
                + "[interpolated_points,] (where the track came from) and dimension,frame_interval_s,length_unit,"
                + "segmenter,post_processing,fingerprint_version (what the fingerprint was computed with, for "
                + "classify to check); with --window "
                + "also <out>.time-resolved.csv, "
                + "particle,frame,<43 features> per point. Undefined features are written as NaN.")
final class FingerprintCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    InputOptions input = new InputOptions();

    @Option(names = "--out", required = true, paramLabel = "FILE.csv", description = "Output CSV.")
    Path out;

    @Option(names = "--window", paramLabel = "W",
            description = "Also write the time-resolved fingerprint (windows of W + 1 frames; DeepSPT uses 20) to "
                    + "<out>.time-resolved.csv.")
    Integer window;

    @Mixin
    PipelineOptions options = new PipelineOptions();

    @Mixin
    ErrorReportOption errorReport = new ErrorReportOption();

    @Override
    public Integer call() {
        long t0 = System.nanoTime();
        options.validate();
        if (window != null && window < 1) {
            throw new OptionUsageException("--window must be >= 1 frame, got " + window);
        }
        input.issueReport = errorReport.reportFor(out);
        ReadResult read = input.read(1);
        try (Segmenter segmenter = options.open(read.dimension())) {
            DiffusionalFingerprint extractor = DiffusionalFingerprint.defaults();
            Pipeline.Builder b = options.pipeline(segmenter).fingerprints(extractor);
            if (window != null) {
                b.timeResolved(TimeResolvedFingerprint.of(DiffusionalFingerprint.defaults(), window));
            }
            Pipeline pipeline = b.build();
            Path trOut = out.resolveSibling(out.getFileName() + ".time-resolved.csv");
            List<String> names = pipeline.featureNames();
            Path report = errorReport.reportFor(out);
            TrackRun run = options.run(spec, read).run(pipeline, report, (tx, closer) -> {
                FingerprintCsvWriter w = closer.add(FingerprintCsvWriter.open(tx.stage(out), names,
                        extractor.msdFitter(), options.fingerprintColumns(read, segmenter, input.severalFiles())));
                TimeResolvedCsvWriter tr = window != null
                        ? closer.add(TimeResolvedCsvWriter.open(tx.stage(trOut), names)) : null;
                return r -> {
                    w.write(r.fingerprint().orElseThrow(), r.trajectory());
                    if (tr != null) {
                        tr.write(r.timeResolved().orElseThrow());
                    }
                };
            });
            run.summary("fingerprinted", " with " + Main.shown(segmenter.name()),
                    Main.shown(out) + (window != null ? " and " + Main.shown(trOut) : ""), Main.shown(report), report,
                    Rates.since(run.written(), -1, t0));
            return 0;
        }
    }
}
