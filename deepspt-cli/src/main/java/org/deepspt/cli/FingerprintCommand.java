package org.deepspt.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.deepspt.api.DeepSptException;
import org.deepspt.api.Fingerprint;
import org.deepspt.api.Segmenter;
import org.deepspt.api.TrackIssue;
import org.deepspt.api.Trajectory;
import org.deepspt.fingerprint.DiffusionalFingerprint;
import org.deepspt.fingerprint.FeatureMatrix;
import org.deepspt.fingerprint.TimeResolvedFingerprint;
import org.deepspt.io.IssueReportWriter;
import org.deepspt.io.ReadResult;
import org.deepspt.pipeline.Pipeline;
import org.deepspt.pipeline.TrackResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fingerprint}: the diffusional fingerprint (31 track + 12 segmentation features) of every track. */
@Command(name = "fingerprint", mixinStandardHelpOptions = true,
        description = "Diffusional fingerprint of every track. Output: one row per track, particle,<43 features> "
                + "(segmentation features from --model); with --window also <out>.time-resolved.csv, "
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

    @Option(names = "--threads", defaultValue = "1", paramLabel = "N",
            description = "Worker threads (default ${DEFAULT-VALUE}); output order does not depend on it.")
    int threads;

    @Mixin
    ProgressOption progress = new ProgressOption();

    @Override
    public Integer call() {
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
        }
        if (window != null && window < 1) {
            throw new IllegalArgumentException("--window must be >= 1 frame, got " + window);
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

    private int run(ReadResult read, List<Trajectory> tracks, Segmenter segmenter) {
        Pipeline.Builder b = Pipeline.builder().segmenter(segmenter).fingerprints(DiffusionalFingerprint.defaults())
                .threads(threads);
        if (window != null) {
            b.timeResolved(TimeResolvedFingerprint.of(DiffusionalFingerprint.defaults(), window));
        }
        Pipeline pipeline = b.build();
        List<TrackIssue> issues = new ArrayList<>(read.issues());
        var err = spec.commandLine().getErr();
        Path trOut = out.resolveSibling(out.getFileName() + ".time-resolved.csv");
        int written = 0;
        try (Writer w = open(out); Writer tr = window != null ? open(trOut) : Writer.nullWriter();
                Progress p = progress.open(err, "fingerprint", tracks.size());
                Stream<TrackResult> results = pipeline.stream(tracks.iterator(), issues::add)) {
            writeHeader(w, "particle", pipeline.featureNames());
            if (window != null) {
                List<String> cols = new ArrayList<>();
                cols.add("frame");
                cols.addAll(pipeline.featureNames());
                writeHeader(tr, "particle", cols);
            }
            for (TrackResult r : (Iterable<TrackResult>) results::iterator) {
                writeRow(w, r.fingerprint());
                if (window != null) {
                    writeRows(tr, r.timeResolved().orElseThrow());
                }
                written++;
                p.step();
            }
        } catch (IOException e) {
            throw new DeepSptException("cannot write " + out + ": " + e.getMessage(), e);
        }
        Path report = errorReport.reportFor(out);
        IssueReportWriter.write(report, issues);
        long rejected = issues.stream().filter(i -> i.kind() == TrackIssue.Kind.REJECTED).count();
        err.println("fingerprinted " + written + " tracks with " + segmenter.name() + " -> " + out
                + (window != null ? " and " + trOut : "") + "; " + rejected + " rejected, "
                + (issues.size() - rejected) + " modified -> " + report);
        return 0;
    }

    static Writer open(Path file) throws IOException {
        return new BufferedWriter(new java.io.OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8),
                1 << 16);
    }

    /** Writes {@code first,<names…>} and a line end. */
    static void writeHeader(Writer w, String first, List<String> names) throws IOException {
        w.write(first);
        for (String n : names) {
            w.write(',');
            w.write(Csv.quote(n));
        }
        w.write('\n');
    }

    /** Writes {@code particle,<values…>} of one fingerprint; numbers round-trip ({@link Double#toString}). */
    static void writeRow(Writer w, Fingerprint f) throws IOException {
        w.write(Csv.quote(f.trackId()));
        for (int i = 0; i < f.size(); i++) {
            w.write(',');
            w.write(Double.toString(f.value(i)));
        }
        w.write('\n');
    }

    /** Writes {@code particle,frame,<values…>} per row of a time-resolved fingerprint. */
    static void writeRows(Writer w, FeatureMatrix m) throws IOException {
        String id = Csv.quote(m.trackId());
        int[] frames = m.frames();
        StringBuilder sb = new StringBuilder(64 + 24 * m.columns());
        for (int i = 0; i < m.rows(); i++) {
            sb.setLength(0);
            sb.append(id).append(',').append(frames[i]);
            for (int j = 0; j < m.columns(); j++) {
                sb.append(',').append(m.get(i, j));
            }
            w.append(sb).write('\n');
        }
    }
}
