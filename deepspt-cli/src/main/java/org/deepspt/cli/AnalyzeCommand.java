package org.deepspt.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.deepspt.api.Classifier;
import org.deepspt.api.DeepSptException;
import org.deepspt.api.FitStatus;
import org.deepspt.api.Messages;
import org.deepspt.api.Segmenter;
import org.deepspt.api.Trajectory;
import org.deepspt.classify.TrackClassifiers;
import org.deepspt.core.IoReason;
import org.deepspt.fingerprint.DiffusionalFingerprint;
import org.deepspt.io.FingerprintCsvWriter;
import org.deepspt.io.PredictionCsvWriter;
import org.deepspt.io.ReadResult;
import org.deepspt.io.SegmentationCsvWriter;
import org.deepspt.io.SegmentsCsvWriter;
import org.deepspt.io.TrackLabels;
import org.deepspt.model.SegmentationModels;
import org.deepspt.msd.SegmentMotionFitter;
import org.deepspt.options.OptionUsageException;
import org.deepspt.pipeline.Pipeline;
import org.deepspt.report.HtmlReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code analyze}: the whole chain (segment → fingerprint → classify) over a file, with CSV outputs and a
 * self-contained HTML report.
 */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "Segment, fingerprint and (with --classifier) classify every track. Writes into DIR: "
                + "segmentation.csv (as segment), segments.csv (as segment --segments: one row per segment with "
                + "D in µm²/s^α and α), fingerprints.csv (as fingerprint), predictions.csv "
                + "(particle,label,probability,p_<class>...,reason as classify; with --classifier), errors.csv and report.html "
                + "(self-contained, opens offline).")
final class AnalyzeCommand implements Callable<Integer> {
    /** Names of the files written into {@code --out DIR}. */
    static final String SEGMENTATION = "segmentation.csv";
    static final String SEGMENTS = "segments.csv";
    static final String FINGERPRINTS = "fingerprints.csv";
    static final String PREDICTIONS = "predictions.csv";
    static final String ERRORS = "errors.csv";
    static final String REPORT = "report.html";
    /** Every file of {@code --out DIR}, for the output guard. */
    static final java.util.List<String> FILES = java.util.List.of(SEGMENTATION, SEGMENTS, FINGERPRINTS, PREDICTIONS,
            ERRORS, REPORT);

    @Spec
    CommandSpec spec;

    @Mixin
    InputOptions input = new InputOptions();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (created).")
    Path out;

    @Option(names = "--classifier", paramLabel = "MODEL.json",
            description = "Trained track classifier (from the classifier training command).")
    Path classifierFile;

    @Option(names = "--labels", paramLabel = "LABELS.csv",
            description = "True class per track (CSV with columns particle,label) for the report's confusion "
                    + "matrix; without --classifier the prediction is the track's dominant diffusion state.")
    Path labelsFile;

    @Mixin
    PipelineOptions options = new PipelineOptions();

    private int threads;

    @Option(names = "--sample", defaultValue = "24", paramLabel = "N",
            description = "Tracks drawn in the report (default ${DEFAULT-VALUE}).")
    int sample;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "SEED",
            description = "Seed of the report's track sample (default ${DEFAULT-VALUE}).")
    long seed;

    /** The one place that loads classifier files (replaceable in tests). */
    Function<Path, Classifier> classifierLoader = TrackClassifiers::load;

    /** When {@link #call()} started, for the summary line's rate. */
    private long startNanos;
    /** Wall time of the run, s, as the report states it. */
    private double runSeconds;

    @Override
    public Integer call() {
        startNanos = System.nanoTime();
        threads = options.threads.get();
        if (sample < 0) {
            throw new OptionUsageException("--sample must be >= 0, got " + sample);
        }
        options.model.validate();
        options.postProcessing.validate();
        Map<String, String> labels = labelsFile == null ? null : TrackLabels.read(labelsFile);
        Classifier classifier = null;
        if (classifierFile != null) {
            if (!Files.isRegularFile(classifierFile)) {
                throw new IllegalArgumentException("--classifier " + classifierFile + ": no such file");
            }
            classifier = classifierLoader.apply(classifierFile);
        }
        input.issueReport = out.resolve(ERRORS);
        ReadResult read = input.read(1);
        if (labels != null) {
            warnAboutLabelsWithoutTrack(labels, read);
        }
        try (Segmenter segmenter = options.open(read.dimension())) {
            if (classifier instanceof org.deepspt.classify.TrackClassifier t) {
                ClassifierChecks.check(spec.commandLine().getErr(), classifierFile.toString(), t,
                        options.context(read, segmenter), input.describe(), true);
            }
            try {
                Files.createDirectories(out);
            } catch (IOException e) {
                throw new DeepSptException("cannot create output directory " + out + ": " + IoReason.of(e), e);
            }
            return run(read, segmenter, classifier, labels);
        }
    }

    /** Labels whose particle is no track of the input would silently miss the confusion matrix: say so. */
    private void warnAboutLabelsWithoutTrack(Map<String, String> labels, ReadResult read) {
        Set<String> ids = new HashSet<>();
        read.trajectories().forEach(t -> ids.add(t.id()));
        read.issues().forEach(i -> ids.add(i.trackId()));
        List<String> orphans = labels.keySet().stream().filter(id -> !ids.contains(id)).toList();
        if (!orphans.isEmpty()) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < Math.min(5, orphans.size()); i++) {
                sb.append(i == 0 ? "" : ", ").append(Messages.quote(orphans.get(i)));
            }
            spec.commandLine().getErr().println("warning: " + orphans.size() + " of " + labels.size()
                    + " labels in " + labelsFile + " name no track of " + input.describe() + ": " + sb
                    + (orphans.size() > 5 ? ", …" : ""));
        }
    }

    /**
     * The labels file names input tracks; a track split at gaps or into branches is analysed as pieces
     * ({@code 5.1}, {@code 5.2}, {@code Track_0.b2}), each of which carries the label of its track.
     *
     * @return true label by trajectory id, for every trajectory whose input track has a label (a label for
     *     the piece's own id, when the file has one, wins)
     */
    static Map<String, String> labelsOfTrajectories(Map<String, String> labels, ReadResult read) {
        Map<String, String> byTrajectory = new HashMap<>();
        for (Trajectory t : read.trajectories()) {
            String label = labels.containsKey(t.id()) ? labels.get(t.id()) : labels.get(read.inputId(t.id()));
            if (label != null) {
                byTrajectory.put(t.id(), label);
            }
        }
        return byTrajectory;
    }

    /** @return what was assumed for want of units, per file when several; empty when nothing */
    private String assumedUnits() {
        List<String> names = input.lastRead.fileNames();
        List<org.deepspt.io.Calibration> cals = input.lastRead.calibrations();
        List<String> assumed = new ArrayList<>();
        for (int i = 0; i < cals.size(); i++) {
            if (!cals.get(i).assumed().isEmpty()) {
                assumed.add((cals.size() > 1 ? names.get(i) + ": " : "") + CliTerms.of(cals.get(i).assumed()));
            }
        }
        return String.join("; ", assumed);
    }

    private int run(ReadResult read, Segmenter segmenter, Classifier classifier, Map<String, String> labels) {
        DiffusionalFingerprint extractor = DiffusionalFingerprint.defaults();
        Pipeline pipeline = options.pipeline(segmenter).fingerprints(extractor).classifier(classifier).build();
        HtmlReport.Builder report = HtmlReport.builder().title("DeepSPT analysis: " + input.describe())
                .meta("input", input.files().size() == 1 ? input.files().get(0).toString()
                        : String.join(", ", input.lastRead.fileNames()))
                .meta("units", read.calibration().describe());
        if (!assumedUnits().isEmpty()) {
            // said beside the units, as the warning line says it: D and the scale bars rest on these values
            report.meta("units ASSUMED (in neither the file nor the options)", assumedUnits());
        }
        report.lengthUnit(read.calibration().lengthUnit())
                .meta("software", "deepspt " + org.deepspt.core.BuildInfo.version())
                .meta("date", java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString())
                .meta("segmentation model", segmenter.name())
                .meta("model file (SHA-256)", ModelOptions.modelFile(segmenter.provenance()))
                .meta("classifier", classifier == null ? "none" : classifierFile + " " + classifier.labels())
                .meta("labels", labelsFile == null ? "none" : labelsFile.toString())
                .sampleSize(sample).seed(seed).msdFitter(extractor.msdFitter());
        if (labels != null) {
            report.labels(labelsOfTrajectories(labels, read));
        }
        if (segmenter instanceof org.deepspt.neural.NeuralSegmenter neural) {
            report.reliabilityThresholds(neural.reliabilityThresholds());
        }
        // The manifest the segmenter was loaded from, as its provenance records it: no second look-up of --model.
        SegmentationModels.manifestOf(segmenter.provenance())
                .ifPresent(m -> report.modelAccuracyByLength(m.testMetricsByLength())
                        .modelAccuracyByVerdict(m.testMetricsByVerdict()));
        List<String> classes = classifier == null ? List.of() : classifier.labels();
        SegmentMotionFitter motion = SegmentMotionFitter.defaults();
        TrackRun run = options.run(spec, read).run(pipeline, out.resolve(ERRORS), (tx, closer) -> {
            SegmentationCsvWriter seg = closer.add(SegmentationCsvWriter.withPoints(tx.stage(out.resolve(SEGMENTATION)),
                    read, input.severalFiles()));
            SegmentsCsvWriter segs = closer.add(SegmentsCsvWriter.open(tx.stage(out.resolve(SEGMENTS))));
            FingerprintCsvWriter fp = closer.add(FingerprintCsvWriter.open(tx.stage(out.resolve(FINGERPRINTS)),
                    pipeline.featureNames(), extractor.msdFitter(),
                    options.fingerprintColumns(read, segmenter, input.severalFiles())));
            PredictionCsvWriter pred = classifier == null ? null
                    : closer.add(PredictionCsvWriter.open(tx.stage(out.resolve(PREDICTIONS)), classes,
                            org.deepspt.io.TrackColumns.of(read, input.severalFiles())));
            return r -> {
                seg.write(r.segmentation().orElseThrow(), r.trajectory());
                segs.write(motion.estimate(r.trajectory(), r.segmentation().orElseThrow()));
                // the status of the track's MSD fit (one more fit, with standard errors), computed once for the
                // fingerprint table's msd_fit_status and the report's histograms
                FitStatus status = DiffusionalFingerprint.msdFitStatus(extractor.msdFitter(), r.trajectory());
                fp.write(r.fingerprint().orElseThrow(), status);
                if (pred != null && r.prediction().isPresent()) {
                    pred.write(r.prediction().get());
                }
                report.add(r, status);
            };
        }, (tx, issues) -> {
            report.addIssues(issues);
            runSeconds = (System.nanoTime() - startNanos) / 1e9;
            report.meta("run time", String.format(java.util.Locale.ROOT, "%.1f s with %d thread(s), reading the "
                    + "input and loading the model included", runSeconds, threads));
            report.build().write(tx.stage(out.resolve(REPORT)));
        });
        run.summary("analysed", " with " + Main.shown(segmenter.name())
                + (classifier != null ? " and a classifier " + Main.shown(classifier.labels()) : ""), Main.shown(out)
                + " (segmentation.csv, segments.csv, fingerprints.csv" + (classifier != null ? ", predictions.csv" : "")
                + ", report.html)", "errors.csv", out.resolve("errors.csv"), Rates.of(run.written(), -1, runSeconds));
        run.reliabilityWarning("the reliable and reason columns of " + out.resolve(SEGMENTATION) + " and " + REPORT);
        return 0;
    }
}
