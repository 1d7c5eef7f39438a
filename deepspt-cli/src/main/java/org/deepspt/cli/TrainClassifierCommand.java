package org.deepspt.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.deepspt.api.Fingerprint;
import org.deepspt.api.TrackIssue;
import org.deepspt.classify.AblationTable;
import org.deepspt.classify.ClassifierMethod;
import org.deepspt.classify.ClassifierTrainer;
import org.deepspt.classify.CrossValidation;
import org.deepspt.classify.CrossValidationReport;
import org.deepspt.classify.FeatureSets;
import org.deepspt.classify.LengthConfound;
import org.deepspt.classify.TrackClassifier;
import org.deepspt.classify.TrackClassifiers;
import org.deepspt.fingerprint.FingerprintFeature;
import org.deepspt.io.TrackLabels;
import org.deepspt.io.IssueReportWriter;
import org.deepspt.io.OutputTransaction;
import org.deepspt.options.OptionUsageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code train-classifier}: a track classifier from labelled fingerprints or tracks, with CV metrics. */
@Command(name = "train-classifier", mixinStandardHelpOptions = true,
        description = "Train a track classifier (e.g. organelle identity) on diffusional fingerprints. --in is "
                + "a fingerprint CSV (header particle,<feature names>) or a track file (then segmented and "
                + "fingerprinted as fingerprint does: the --model segmentation model, default " + ModelOptions.DEFAULT
                + ", and the post-processing options). Prints stratified cross-validation metrics and writes the "
                + "model JSON, which records the training fingerprints' dimension, frame interval(s), length unit, "
                + "segmenter, post-processing and fingerprint version for classify to check, and its training time; "
                + "with the environment variable SOURCE_DATE_EPOCH (whole seconds since 1970-01-01 UTC) set, that is "
                + "the time recorded, so the same input, options and --seed write the same file byte for byte.")
final class TrainClassifierCommand implements Callable<Integer> {
    private static final int SHOW = 10;

    @Spec
    CommandSpec spec;

    @Mixin
    InputOptions input = new InputOptions();

    @Option(names = "--labels", required = true, paramLabel = "LABELS.csv",
            description = "Track labels: CSV with columns particle,label.")
    Path labels;

    @Option(names = "--out", required = true, paramLabel = "MODEL.json", description = "Model file to write.")
    Path out;

    @Option(names = "--method", defaultValue = "logistic", paramLabel = "METHOD",
            description = "logistic (multinomial logistic regression, as in the paper) or trees (random "
                    + "forest) (default ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--folds", defaultValue = "10", paramLabel = "K",
            description = "Stratified cross-validation folds; 0 skips CV (default ${DEFAULT-VALUE}).")
    int folds;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
            description = "Seed of over-sampling, folds and forest (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threshold", defaultValue = "0", paramLabel = "P",
            description = "Abstain (label 'uncertain') when the top probability is below P (default "
                    + "${DEFAULT-VALUE}; the paper uses 0.6 for label-free transfer).")
    double threshold;

    @Option(names = "--features", defaultValue = "full", paramLabel = "SET",
            description = "Feature set: full (40 classifier features: the fingerprint's 43 without n_points, "
                    + "total_step_length and speed, which measure how long or how fast a track was recorded rather "
                    + "than how it moves; others, e.g. efficiency and hmm_mean_dwell, still depend on length, and "
                    + "a warning says when length alone tells the classes apart), alpha, d, alpha-d (default "
                    + "${DEFAULT-VALUE}).")
    String features;

    @Option(names = "--trees", defaultValue = "200", paramLabel = "N",
            description = "Trees of the random forest (default ${DEFAULT-VALUE}).")
    int trees;

    @Option(names = "--ablations", description = "Also cross-validate the full, alpha-d, alpha and d feature sets "
            + "and print the table.")
    boolean ablations;

    @Mixin
    ErrorReportOption errorReport = new ErrorReportOption();

    @Mixin
    PipelineOptions options = new PipelineOptions();

    @Mixin
    DeprecatedSegmenterOption deprecatedSegmenter = new DeprecatedSegmenterOption();

    @Override
    public Integer call() {
        ClassifierMethod m;
        FeatureSets set;
        try {
            m = ClassifierMethod.parse(method);
        } catch (IllegalArgumentException e) {
            throw new OptionUsageException("--method: " + e.getMessage(), e);
        }
        try {
            set = FeatureSets.parse(features);
        } catch (IllegalArgumentException e) {
            throw new OptionUsageException("--features: " + e.getMessage(), e);
        }
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new OptionUsageException("--threshold must be in [0, 1], got " + threshold);
        }
        if (trees < 1) {
            throw new OptionUsageException("--trees must be >= 1, got " + trees);
        }
        if (folds == 1 || folds < 0) {
            throw new OptionUsageException("--folds must be 0 (no CV) or >= 2, got " + folds);
        }
        var err = spec.commandLine().getErr();
        deprecatedSegmenter.applyTo(options.model, spec.commandLine().getParseResult() != null
                && spec.commandLine().getParseResult().hasMatchedOption("--model"), err);
        Map<String, String> labelMap = TrackLabels.read(labels);
        List<TrackIssue> issues = new ArrayList<>();
        boolean fromTracks = input.isTrackFile();
        input.issueReport = errorReport.reportFor(out);
        InputOptions.InputFingerprints in = input.fingerprints(issues, options, context -> { });
        List<Fingerprint> fps = in.fingerprints();
        int readerRejected = org.deepspt.io.IssueCounts.of(issues).rejected().size(); // before the label checks
        List<Fingerprint> used = new ArrayList<>();
        List<String> y = new ArrayList<>();
        // The input track of each sample: a track split at gaps or into branches is read as pieces (5.1, 5.2),
        // which carry its label (as in analyze) and stay together in one cross-validation fold.
        List<String> groups = new ArrayList<>();
        org.deepspt.io.ReadResult read = fromTracks && input.lastRead != null ? input.lastRead.merged() : null;
        List<String> unlabelled = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Fingerprint f : fps) {
            String track = read != null ? read.inputId(f.trackId())
                    : input.lastTable != null ? input.lastTable.inputTrack(f.trackId()) : f.trackId();
            seen.add(f.trackId());
            seen.add(track);
            String l = labelMap.containsKey(f.trackId()) ? labelMap.get(f.trackId()) : labelMap.get(track);
            if (l == null) {
                unlabelled.add(f.trackId());
                issues.add(TrackIssue.rejected(f.trackId(), "no label in " + labels));
            } else {
                used.add(f);
                y.add(l);
                groups.add(track);
            }
        }
        // the pieces of one input track are one sample of the biology: they stay in one fold, so they must carry one
        // label (a label per piece that differs would put one track in two classes)
        Map<String, String> labelOfGroup = new java.util.HashMap<>();
        for (int i = 0; i < groups.size(); i++) {
            String before = labelOfGroup.putIfAbsent(groups.get(i), y.get(i));
            if (before != null && !before.equals(y.get(i))) {
                throw new org.deepspt.api.InputFormatException(labels.toString(), 0, "label",
                        "gives the pieces of input track "
                        + org.deepspt.api.Messages.quote(groups.get(i)) + " different labels ("
                        + org.deepspt.api.Messages.quote(before) + " and " + org.deepspt.api.Messages.quote(y.get(i))
                        + ", e.g. piece " + org.deepspt.api.Messages.quote(used.get(i).trackId())
                        + "); label the track, or its pieces alike");   // a data error: exit 1
            }
        }
        Set<String> rejected = new HashSet<>();
        issues.stream().filter(i -> i.kind() == TrackIssue.Kind.REJECTED).forEach(i -> rejected.add(i.trackId()));
        List<String> orphans = new ArrayList<>();
        for (String id : labelMap.keySet()) {
            if (!seen.contains(id) && !rejected.contains(id)) {
                orphans.add(id);
                issues.add(TrackIssue.rejected(id, "label " + org.deepspt.api.Messages.quote(labelMap.get(id))
                        + " has no track in " + Main.shown(input.describe())));
            }
        }
        long pieces = used.size() - groups.stream().distinct().count();
        err.println("training on " + used.size() + " labelled " + (fromTracks ? "tracks" : "fingerprints")
                + (pieces > 0 ? " (pieces of " + (used.size() - pieces) + " input tracks, kept together in the "
                        + "cross-validation folds)" : "") + " of " + fps.size() + "; " + unlabelled.size()
                + " without label" + preview(unlabelled) + "; " + orphans.size() + " labels without track"
                + preview(orphans) + "; " + readerRejected + " tracks rejected");
        checkFeatures(used, set);
        ClassifierTrainer trainer = ClassifierTrainer.of(m).features(set).seed(seed).abstentionThreshold(threshold)
                .trees(trees).clock(trainingClock(System.getenv("SOURCE_DATE_EPOCH"))).build();
        CrossValidationReport report = null;
        if (folds >= 2) {
            report = CrossValidation.stratifiedKFold(trainer, used, y, groups, folds, seed);
            err.print(report.toText());
        }
        // The classes may differ in how long their tracks are, which many features carry even without n_points.
        LengthConfound length = folds >= 2 && !used.isEmpty()
                && used.get(0).names().contains(FingerprintFeature.N_POINTS.featureName())
                ? LengthConfound.assess(used, y, groups, folds, seed) : null;
        if (ablations) {
            int k = folds >= 2 ? folds : 5;
            AblationTable table = CrossValidation.ablation(trainer, used, y, groups, k, seed,
                    List.of(FeatureSets.FULL, FeatureSets.ALPHA_D, FeatureSets.ALPHA, FeatureSets.DIFFUSION));
            err.println("feature ablation (" + k + "-fold CV):");
            err.print(table.toText());
        }
        TrackClassifier c = trainer.train(used, y);
        if (report != null) {
            c = c.withCrossValidation(report);
        }
        var prov = c.provenance().withNote("input", fromTracks ? "tracks" : "fingerprint-csv");
        if (fromTracks) {
            prov = prov.withNote("segmenter", options.model.segmenterName());
        }
        if (length != null) {
            prov = prov.withNote("length_only_cv_balanced_accuracy",
                    String.format(java.util.Locale.ROOT, "%.4f", length.balancedAccuracy()));
        }
        c = c.withProvenance(prov).withContext(in.context());
        Path report2 = errorReport.reportFor(out);
        try (OutputTransaction tx = OutputTransaction.begin()) {
            TrackClassifiers.save(c, tx.stage(out));
            IssueReportWriter.write(tx.stage(report2), issues);
            tx.commit();
        }
        err.println("model (" + m.id() + ", " + c.featureNames().size() + " features, labels "
                + Main.shown(c.labels()) + ") -> " + Main.shown(out) + "; " + issues.size() + " issues -> "
                + Main.shown(report2));
        if (length != null) {
            length.warning().ifPresent(err::println);
        }
        err.flush();
        return 0;
    }

    /**
     * Refuses fingerprints that lack a feature of the chosen set, naming the input and the feature sets they do
     * have (review: a fingerprint CSV of alpha and D failed with "track '1': fingerprint has no feature
     * 'model_parameter'", naming neither the file nor --features).
     */
    private void checkFeatures(List<Fingerprint> used, FeatureSets set) {
        if (used.isEmpty()) {
            return;
        }
        List<String> have = used.get(0).names();
        List<String> missing = set.features().stream().filter(f -> !have.contains(f)).toList();
        if (missing.isEmpty()) {
            return;
        }
        List<String> fit = java.util.Arrays.stream(FeatureSets.values())
                .filter(s -> have.containsAll(s.features())).map(FeatureSets::id).toList();
        throw new org.deepspt.api.InputFormatException(input.describe(), 0, null, "the fingerprints lack "
                + missing.size() + " of the " + set.features().size() + " features of --features " + set.id() + ", e.g. "
                + org.deepspt.api.Messages.quote(missing.get(0)) + "; " + (fit.isEmpty()
                        ? "fingerprint the tracks with 'deepspt fingerprint' for the full set"
                        : "choose a set they have with --features " + String.join(" or --features ", fit)));
    }

    /**
     * The clock of the model's training time: the system clock, or the instant {@code SOURCE_DATE_EPOCH} names (the
     * reproducible-builds.org convention: whole seconds since 1970-01-01T00:00Z).
     *
     * @param sourceDateEpoch the variable's value, or null when unset
     * @return the clock
     * @throws OptionUsageException when the value is set but not a whole number of seconds
     */
    static java.time.Clock trainingClock(String sourceDateEpoch) {
        if (sourceDateEpoch == null || sourceDateEpoch.isBlank()) {
            return java.time.Clock.systemUTC();
        }
        try {
            return java.time.Clock.fixed(java.time.Instant.ofEpochSecond(Long.parseLong(sourceDateEpoch.strip())),
                    java.time.ZoneOffset.UTC);
        } catch (NumberFormatException | java.time.DateTimeException e) {
            throw new OptionUsageException("SOURCE_DATE_EPOCH must be whole seconds since 1970-01-01 UTC, got '"
                    + Main.shown(sourceDateEpoch) + "'", e);
        }
    }

    private static String preview(List<String> ids) {
        if (ids.isEmpty()) {
            return "";
        }
        return " (" + String.join(", ", ids.subList(0, Math.min(SHOW, ids.size())).stream().map(Main::shown).toList())
                + (ids.size() > SHOW ? ", …" : "") + ")";
    }
}
