package org.deepspt.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.deepspt.api.Segmenter;
import org.deepspt.api.TrackIssue;
import org.deepspt.fingerprint.DiffusionalFingerprint;
import org.deepspt.fingerprint.TimeResolvedFingerprint;
import org.deepspt.io.FingerprintCsvWriter;
import org.deepspt.io.IssueReportWriter;
import org.deepspt.io.OutputTransaction;
import org.deepspt.io.ReadResult;
import org.deepspt.io.TimeResolvedCsvWriter;
import org.deepspt.io.TrackColumns;
import org.deepspt.pipeline.Pipeline;
import org.deepspt.pipeline.TrackResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code fingerprint}: the diffusional fingerprint (31 track + 12 segmentation features) of every track. */
@Command(name = "fingerprint", mixinStandardHelpOptions = true,
        description = "Diffusional fingerprint of every track. Output: one row per track, particle,<43 features>,"
                + "msd_fit_at_bound (segmentation features from --model; the last column is none, D, alpha or "
                + "D+alpha when that MSD-fit parameter ended on its bound and is not an estimate); with --window "
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
        if (window != null && window < 1) {
            throw new UsageException("--window must be >= 1 frame, got " + window);
        }
        modelOptions.validate();
        ReadResult read = input.read(1);
        try (Segmenter segmenter = modelOptions.open(read.dimension(), postProcessing)) {
            DiffusionalFingerprint extractor = DiffusionalFingerprint.defaults();
            Pipeline.Builder b = postProcessing.apply(Pipeline.builder().segmenter(segmenter)
                    .fingerprints(extractor).threads(nThreads), segmenter);
            if (window != null) {
                b.timeResolved(TimeResolvedFingerprint.of(DiffusionalFingerprint.defaults(), window));
            }
            Pipeline pipeline = b.build();
            List<TrackIssue> issues = new ArrayList<>(read.issues());
            var err = spec.commandLine().getErr();
            Path trOut = out.resolveSibling(out.getFileName() + ".time-resolved.csv");
            List<String> names = pipeline.featureNames();
            int written = 0;
            Path report = errorReport.reportFor(out);
            try (OutputTransaction tx = OutputTransaction.begin()) {
                try (FingerprintCsvWriter w = FingerprintCsvWriter.open(tx.stage(out), names,
                        extractor.msdFitter(), TrackColumns.of(read, input.severalFiles()));
                        TimeResolvedCsvWriter tr = window != null ? TimeResolvedCsvWriter.open(tx.stage(trOut), names)
                                : null;
                        Progress p = progress.open(err, "fingerprint", read.trajectories().size());
                        Stream<TrackResult> results = pipeline.stream(read.trajectories().iterator(), i -> {
                            issues.add(i);
                            p.step();
                        })) {
                    for (TrackResult r : (Iterable<TrackResult>) results::iterator) {
                        w.write(r.fingerprint().orElseThrow());
                        if (tr != null) {
                            tr.write(r.timeResolved().orElseThrow());
                        }
                        written++;
                        p.step();
                    }
                }
                IssueReportWriter.write(tx.stage(report), issues);
                tx.commit();
            }
            long rejected = issues.stream().filter(i -> i.kind() == TrackIssue.Kind.REJECTED).count();
            err.println("fingerprinted " + written + " tracks with " + Main.shown(segmenter.name()) + " -> "
                    + Main.shown(out) + (window != null ? " and " + Main.shown(trOut) : "") + "; " + rejected
                    + " rejected, " + (issues.size() - rejected) + " modified -> " + Main.shown(report) + "; " + Rates.since(written, -1, t0));
            AllRejected.warnIfAll(err, "fingerprinted", written, rejected, report);
            return 0;
        }
    }
}
