package org.deepspt.fiji;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import java.util.stream.Stream;
import org.deepspt.api.DeepSptException;
import org.deepspt.api.FitStatus;
import org.deepspt.api.Messages;
import org.deepspt.api.Segmenter;
import org.deepspt.api.SegmenterOptions;
import org.deepspt.api.Segmenters;
import org.deepspt.api.TrackIssue;
import org.deepspt.api.Trajectory;
import org.deepspt.classify.ContextCheck;
import org.deepspt.classify.ContextMismatchException;
import org.deepspt.classify.TrackClassifier;
import org.deepspt.classify.TrackClassifiers;
import org.deepspt.core.BuildInfo;
import org.deepspt.fingerprint.DiffusionalFingerprint;
import org.deepspt.fingerprint.FingerprintContext;
import org.deepspt.io.BranchPolicy;
import org.deepspt.io.FingerprintCsvWriter;
import org.deepspt.io.IssueReportWriter;
import org.deepspt.io.NothingRead;
import org.deepspt.io.OutputTransaction;
import org.deepspt.io.PredictionCsvWriter;
import org.deepspt.io.ReadOptions;
import org.deepspt.io.ReadResult;
import org.deepspt.io.SegmentationCsvWriter;
import org.deepspt.io.TrackColumns;
import org.deepspt.io.TrackReaders;
import org.deepspt.pipeline.Pipeline;
import org.deepspt.pipeline.PostProcessing;
import org.deepspt.pipeline.TrackResult;
import org.deepspt.report.HtmlReport;
import org.jspecify.annotations.Nullable;

/**
 * The analysis the plugin runs, without ImageJ: read a track file, segment with a model, fingerprint, classify
 * (when a classifier is given) and write into the output folder the files of {@code deepspt analyze}:
 * {@code segmentation.csv} (with x, y, interpolated and spot ids), {@code fingerprints.csv},
 * {@code predictions.csv} (with a classifier), {@code errors.csv} and {@code report.html}. The fingerprint table has
 * the context columns of {@code analyze} ({@link TrackColumns#context}), and a classifier is checked against them as
 * {@code analyze --classifier} checks it ({@link ContextCheck}): another dimension is an error, other differences
 * are warnings in the {@link Outcome}. The files are
 * written together when the run ends and not at all when it is cancelled or fails. Not thread-safe.
 */
final class TrackAnalysis {
    /** The files written into the output folder. */
    static final List<String> FILES = List.of("segmentation.csv", "fingerprints.csv", "predictions.csv",
            "errors.csv", "report.html");

    /**
     * What the dialog asks.
     *
     * @param input the track file
     * @param output the folder to write into (created when missing)
     * @param model a model name (one of {@link org.deepspt.api.Segmenters#names()}, e.g. {@code unet}) or a
     *     manifest path
     * @param backend {@code auto} or an inference backend's name
     * @param frameInterval s; NaN: the file's
     * @param pixelSize µm/px; NaN: the file's units
     * @param branches the TrackMate branch policy
     * @param classifier a classifier file, or null
     */
    record Settings(Path input, Path output, String model, String backend, double frameInterval, double pixelSize,
            BranchPolicy branches, @Nullable Path classifier) {
        Settings {
            Objects.requireNonNull(input, "input");
            Objects.requireNonNull(output, "output");
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(backend, "backend");
            Objects.requireNonNull(branches, "branches");
        }

        /** @return the segmenter's name as the user chose it: a manifest's file name, else the model name */
        String segmenterName() {
            return model.endsWith(".json") ? Path.of(model).getFileName().toString() : model;
        }

        ReadOptions readOptions() {
            ReadOptions.Builder b = ReadOptions.builder().branchPolicy(branches);
            if (frameInterval > 0 && Double.isFinite(frameInterval)) {
                b.frameInterval(frameInterval);
            }
            if (pixelSize > 0 && Double.isFinite(pixelSize)) {
                b.pixelSize(pixelSize);
            }
            return b.build();
        }
    }

    /**
     * What a finished run gives the plugin's tables and overlay.
     *
     * @param read the tracks read
     * @param results one per analysed track, in input order
     * @param issues rejected and modified tracks
     * @param seconds wall time, s
     * @param warnings how the file's numbers were read where the user should know it ({@link #readWarnings}), then
     *     how the input's fingerprints differ from those the classifier was trained on ({@link ContextCheck#warnings});
     *     one line each, without a prefix
     */
    record Outcome(ReadResult read, List<TrackResult> results, List<TrackIssue> issues, double seconds,
            List<String> warnings) {
        Outcome {
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * The post-processing the plugin applies: {@code deepspt analyze}'s defaults ({@link PostProcessing#defaults()}),
     * so that a classifier trained with {@code analyze} finds the same post-processing here.
     */
    static final PostProcessing POST_PROCESSING = PostProcessing.defaults();

    private TrackAnalysis() {
    }

    /**
     * What the reader says about how the file's numbers were read ({@code Calibration#warnings()}: the dialog's frame
     * interval or pixel size against the file's, a stray z that makes a file 3D, z scaled by the pixel size, …), as
     * {@code analyze} prints them, in the dialog's terms ({@link DialogTerms}).
     *
     * @param read the tracks read, in the dialog's terms ({@link #read})
     * @param input the file
     * @return one line each, "FILE: …", without a prefix
     */
    static List<String> readWarnings(ReadResult read, Path input) {
        String file = Messages.escape(String.valueOf(input.getFileName()));
        return read.calibration().warnings().stream().map(w -> file + ": " + w).toList();
    }

    /**
     * @param s the settings
     * @return the tracks of the input, their issues and calibration in the dialog's terms ({@link DialogTerms}), as
     *     every output of the run shows them (the log, errors.csv, report.html)
     */
    static ReadResult read(Settings s) {
        return TrackReaders.read(s.input(), s.readOptions()).reworded(DialogTerms::of);
    }

    /**
     * @param s the settings
     * @param progress receives the number of tracks done after each one
     * @param cancelled polled after each track: true stops the run, writing nothing
     * @return the outcome, or null when cancelled
     * @throws ContextMismatchException when the classifier was trained on tracks of another dimension (checked
     *     before any track is segmented; its message names both dimensions)
     * @throws DeepSptException (or a subclass) when the input cannot be read, the model not opened, or an
     *     output not written; the message names the file, line or field
     */
    static @Nullable Outcome run(Settings s, IntConsumer progress, BooleanSupplier cancelled) {
        long start = System.nanoTime();
        ReadResult read = read(s);
        if (read.trajectories().isEmpty()) {
            // every track is accounted for even when none could be read: the reasons go to errors.csv
            throw NothingRead.error(s.input().toString(), read.issues(),
                    read.issues().isEmpty() ? null : s.output().resolve(FILES.get(3)));
        }
        TrackClassifier classifier = s.classifier() == null ? null : TrackClassifiers.load(s.classifier());
        List<TrackResult> results = new ArrayList<>();
        List<TrackIssue> issues = new ArrayList<>(read.issues());
        try (Segmenter segmenter = Segmenters.open(s.model(), read.dimension(),
                SegmenterOptions.defaults().withBackend(s.backend().toLowerCase(Locale.ROOT)))) {
            // The post-processing of deepspt analyze's defaults, by the same code: a neural segmenter opened with the
            // default options smooths (and refines, and splits at changes of D) itself; any other segmenter is
            // smoothed by the pipeline with the same default penalty.
            String post = POST_PROCESSING.describe(segmenter);
            // what the fingerprints are computed with, as analyze records and checks it
            FingerprintContext context = FingerprintContext.of(read.dimension(), read.trajectories().stream()
                    .map(Trajectory::frameInterval).toList(), read.calibration().lengthUnit(), s.segmenterName(),
                    post);
            List<String> warnings = new ArrayList<>(readWarnings(read, s.input()));
            if (classifier != null) {
                warnings.addAll(ContextCheck.of(classifier.context(), context)
                        .requireSameDimension(s.classifier().toString(), s.input().toString())
                        .warnings(Messages.escape(s.classifier().toString()), Messages.escape(s.input()
                                .toString()), " (match them with the frame interval, pixel size and model of "
                                + "this dialog)"));
            }
            DiffusionalFingerprint extractor = DiffusionalFingerprint.defaults();
            Pipeline.Builder builder = Pipeline.builder().segmenter(segmenter).fingerprints(extractor)
                    .classifier(classifier).threads(Math.max(1, Runtime.getRuntime().availableProcessors()));
            Pipeline pipeline = POST_PROCESSING.applyTo(builder, segmenter).build();
            Path out = s.output();
            try {
                Files.createDirectories(out);
            } catch (java.io.IOException e) {
                throw new DeepSptException("cannot create the output folder " + out + ": " + e.getMessage(), e);
            }
            HtmlReport.Builder report = HtmlReport.builder().title("DeepSPT analysis: " + s.input().getFileName())
                    .meta("input", s.input().toString())
                    .meta("units", read.calibration().describe())
                    .lengthUnit(read.calibration().lengthUnit())
                    .meta("software", "deepspt " + BuildInfo.version() + " (Fiji plugin)")
                    .meta("date", java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                            .toString())
                    .meta("segmentation model", segmenter.name())
                    .meta("classifier", classifier == null ? "none" : s.classifier() + " " + classifier.labels())
                    .msdFitter(extractor.msdFitter());
            try (OutputTransaction tx = OutputTransaction.begin()) {
                try (SegmentationCsvWriter seg = SegmentationCsvWriter.withPoints(tx.stage(out.resolve(FILES.get(0))),
                        read, false);
                        FingerprintCsvWriter fp = FingerprintCsvWriter.open(tx.stage(out.resolve(FILES.get(1))),
                                pipeline.featureNames(), extractor.msdFitter(), TrackColumns.of(read, false)
                                        .and(TrackColumns.context(read, context.segmenter().orElseThrow(),
                                                context.postProcessing().orElseThrow())));
                        PredictionCsvWriter pred = classifier == null ? null
                                : PredictionCsvWriter.open(tx.stage(out.resolve(FILES.get(2))), classifier.labels());
                        Stream<TrackResult> stream = pipeline.stream(read.trajectories().iterator(), issues::add)) {
                    for (TrackResult r : (Iterable<TrackResult>) stream::iterator) {
                        seg.write(r.segmentation().orElseThrow(), r.trajectory());
                        // the status of the track's MSD fit (one more fit, with standard errors), computed once
                        // for the fingerprint table and the report, as analyze does
                        FitStatus status = DiffusionalFingerprint.msdFitStatus(extractor.msdFitter(), r.trajectory());
                        fp.write(r.fingerprint().orElseThrow(), status);
                        if (pred != null && r.prediction().isPresent()) {
                            pred.write(r.prediction().get());
                        }
                        report.add(r, status);
                        results.add(r);
                        progress.accept(results.size());
                        if (cancelled.getAsBoolean()) {
                            return null;   // the transaction is not committed: nothing is written
                        }
                    }
                }
                IssueReportWriter.write(tx.stage(out.resolve(FILES.get(3))), issues);
                report.addIssues(issues);
                double seconds = (System.nanoTime() - start) / 1e9;
                report.meta("run time", String.format(Locale.ROOT, "%.1f s, reading the input and loading the "
                        + "model included", seconds));
                report.build().write(tx.stage(out.resolve(FILES.get(4))));
                tx.commit();
                return new Outcome(read, List.copyOf(results), List.copyOf(issues), seconds, warnings);
            }
        }
    }
}
