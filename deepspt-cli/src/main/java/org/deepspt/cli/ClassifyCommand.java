package org.deepspt.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import org.deepspt.api.DeepSptException;
import org.deepspt.api.Fingerprint;
import org.deepspt.api.Prediction;
import org.deepspt.api.TrackIssue;
import org.deepspt.classify.TrackClassifier;
import org.deepspt.classify.TrackClassifiers;
import org.deepspt.io.FingerprintTable;
import org.deepspt.io.IssueCounts;
import org.deepspt.io.IssueReportWriter;
import org.deepspt.io.OutputTransaction;
import org.deepspt.io.PredictionCsvWriter;
import org.deepspt.io.ReadResult;
import org.deepspt.io.TrackColumns;
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
                + "or fingerprint version is one warning. Output: " + ClassifyCommand.COLUMNS + ". "
                + ClassifyCommand.ABSTENTION)
final class ClassifyCommand implements Callable<Integer> {
    /** The prediction file's columns, as help and README state them. */
    static final String COLUMNS = "particle,label,probability,p_<class>...[,file][,input_track][,interpolated_points],"
            + "reason";
    /** When a prediction is 'uncertain' and what its reason says, as help and README state it. */
    static final String ABSTENTION = "The label is 'uncertain' when the top class probability is below the "
            + "abstention threshold (the model's, or --threshold), or, whatever the threshold, when more than half of "
            + "the model's features are missing (NaN or infinite) in the fingerprint (exactly half still gets a "
            + "class); the reason column then names each rule that held: missing_features:M/N (M of the N features "
            + "missing) or below_threshold:P<T (top probability P, threshold T), joined by ';'. It is empty for a "
            + "class label.";

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
            description = "Override the model's abstention threshold (0..1); 0 turns off the threshold rule only "
                    + "(a fingerprint with more than half of the features missing stays uncertain).")
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
        UnaryOperator<String> inputOf = inputOf();
        Set<String> written = new HashSet<>();
        Path report = errorReport.reportFor(out);
        try (OutputTransaction tx = OutputTransaction.begin()) {
            try (PredictionCsvWriter w = PredictionCsvWriter.open(tx.stage(out), c.labels(), trackColumns())) {
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
                    written.add(inputOf.apply(f.trackId()));
                    classified++;
                }
            }
            IssueReportWriter.write(tx.stage(report), issues);
            tx.commit();
        }
        // counted as segment and fingerprint count them: input tracks, a track read as pieces once; the pieces
        // classified are followed by the input tracks they came from, in TrackRun's words
        IssueCounts ic = IssueCounts.of(issues, inputOf, written);
        err.println("classified " + classified + " tracks" + TrackRun.fromInputs(classified, written.size()) + " -> " + Main.shown(out) + " " + Main.shown(counts) + "; "
                + ic.describe() + (ic.moreEntriesThanTracks() ? " (" + ic.entries() + " report entries)" : "") + " -> "
                + Main.shown(report) + "; " + Rates.since(classified, -1, t0));
        AllRejected.warnIfAll(err, "classified", classified, ic.rejected().size(), report);
        err.flush();
        return 0;
    }

    /**
     * @return the columns carried from the input to the predictions: those of the track files read (file,
     *     input_track, interpolated_points), or the input_track column of a fingerprint CSV
     */
    private TrackColumns trackColumns() {
        if (input.lastRead != null) {
            return TrackColumns.of(input.lastRead.merged(), input.severalFiles());
        }
        return input.lastTable != null ? TrackColumns.of(input.lastTable) : TrackColumns.NONE;
    }

    /** @return the input track of a track or piece id, from the track files read or the fingerprint CSV */
    private UnaryOperator<String> inputOf() {
        if (input.lastRead != null) {
            ReadResult read = input.lastRead.merged();
            return read::inputId;
        }
        FingerprintTable table = input.lastTable;
        return table != null ? table::inputTrack : UnaryOperator.identity();
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
