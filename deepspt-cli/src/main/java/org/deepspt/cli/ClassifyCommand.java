package org.deepspt.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.deepspt.api.DeepSptException;
import org.deepspt.api.Fingerprint;
import org.deepspt.api.Prediction;
import org.deepspt.api.TrackIssue;
import org.deepspt.classify.TrackClassifier;
import org.deepspt.classify.TrackClassifiers;
import org.deepspt.io.IssueReportWriter;
import org.deepspt.io.OutputTransaction;
import org.deepspt.io.PredictionCsvWriter;
import org.deepspt.options.OptionUsageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code classify}: apply a trained track classifier to fingerprints or tracks. */
@Command(name = "classify", mixinStandardHelpOptions = true,
        description = "Classify tracks with a classifier from train-classifier. --in is a fingerprint CSV or a track "
                + "file (segmented and fingerprinted as fingerprint does: the --model segmentation model, default "
                + ModelOptions.DEFAULT + ", and the post-processing options). The input's dimension must be the "
                + "classifier's (else error); a different frame interval, length unit, segmenter, post-processing "
                + "or fingerprint version is one warning. Output: particle,label,probability,p_<class>... "
                + "(label 'uncertain' below the abstention threshold).")
final class ClassifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    InputOptions input = new InputOptions();

    @Option(names = "--classifier", paramLabel = "MODEL.json",
            description = "Trained track classifier (from train-classifier); required.")
    Path classifierFile;

    @Option(names = "--out", required = true, paramLabel = "FILE.csv", description = "Output CSV.")
    Path out;

    @Option(names = "--threshold", paramLabel = "P",
            description = "Override the model's abstention threshold (0..1).")
    Double threshold;

    @Mixin
    ErrorReportOption errorReport = new ErrorReportOption();

    @Mixin
    PipelineOptions options = new PipelineOptions();

    @Mixin
    DeprecatedSegmenterOption deprecatedSegmenter = new DeprecatedSegmenterOption();

    @Override
    public Integer call() throws IOException {
        long t0 = System.nanoTime();
        var err = spec.commandLine().getErr();
        if (threshold != null && !(threshold >= 0 && threshold <= 1)) {
            throw new OptionUsageException("--threshold must be in [0, 1], got " + threshold);
        }
        Path model = classifierFile(err);
        TrackClassifier loaded = TrackClassifiers.load(model);
        TrackClassifier c = threshold == null ? loaded : loaded.withAbstentionThreshold(threshold);
        List<TrackIssue> issues = new ArrayList<>();
        input.issueReport = errorReport.reportFor(out);
        boolean fromTracks = input.isTrackFile();
        List<Fingerprint> fps = input.fingerprints(issues, options, context -> ClassifierChecks.check(err,
                model.toString(), loaded, context, input.describe(), fromTracks)).fingerprints();
        Map<String, Integer> counts = new TreeMap<>();
        int classified = 0;
        Path report = errorReport.reportFor(out);
        try (OutputTransaction tx = OutputTransaction.begin()) {
            try (PredictionCsvWriter w = PredictionCsvWriter.open(tx.stage(out), c.labels(),
                    input.lastRead == null ? org.deepspt.io.TrackColumns.NONE
                            : org.deepspt.io.TrackColumns.of(input.lastRead.merged(), input.severalFiles()))) {
                if (!fps.isEmpty() && !fps.get(0).names().containsAll(c.featureNames())) {
                    List<String> missing = new ArrayList<>(c.featureNames());
                    missing.removeAll(fps.get(0).names());
                    throw new DeepSptException(input.describe() + ": the fingerprints lack " + missing.size() + " of the "
                            + c.featureNames().size() + " features model " + model + " needs, e.g. '"
                            + missing.get(0) + "'");
                }
                for (Fingerprint f : fps) {
                    Prediction p;
                    try {
                        p = c.predict(f);
                    } catch (RuntimeException e) {
                        issues.add(TrackIssue.rejected(f.trackId(), "classification: " + e.getMessage()));
                        continue;
                    }
                    counts.merge(p.label(), 1, Integer::sum);
                    w.write(p);
                    classified++;
                }
            }
            IssueReportWriter.write(tx.stage(report), issues);
            tx.commit();
        }
        err.println("classified " + classified + " tracks -> " + Main.shown(out) + " " + Main.shown(counts) + "; "
                + issues.size() + " rejected -> " + Main.shown(report) + "; " + Rates.since(classified, -1, t0));
        err.flush();
        return 0;
    }

    /**
     * The classifier file: {@code --classifier}, or, in the deprecated spelling where {@code --model} named the
     * classifier, {@code --model} (with one note on stderr; the segmentation model is then the default, or the
     * deprecated {@code --segmenter}).
     */
    private Path classifierFile(java.io.PrintWriter err) {
        boolean modelGiven = spec.commandLine().getParseResult() != null
                && spec.commandLine().getParseResult().hasMatchedOption("--model");
        if (classifierFile != null) {
            deprecatedSegmenter.applyTo(options.model, modelGiven, err);
            return classifierFile;
        }
        if (!modelGiven) {
            throw new OptionUsageException("Missing required option: '--classifier=MODEL.json'");
        }
        Path old = Path.of(options.model.model());
        err.println(Deprecation.note("classify --model " + old, "--classifier " + old,
                "--model is the segmentation model in every command"));
        options.model.model(ModelOptions.DEFAULT);
        deprecatedSegmenter.applyTo(options.model, false, err);
        return old;
    }
}
