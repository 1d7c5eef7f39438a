package org.deepspt.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.deepspt.api.Classifier;
import org.deepspt.api.DeepSptException;
import org.deepspt.api.InputFormatException;
import org.deepspt.api.Prediction;
import org.deepspt.api.Segmenter;
import org.deepspt.api.TrackIssue;
import org.deepspt.api.Trajectory;
import org.deepspt.classify.TrackClassifiers;
import org.deepspt.fingerprint.DiffusionalFingerprint;
import org.deepspt.io.IssueReportWriter;
import org.deepspt.io.ReadResult;
import org.deepspt.io.SegmentationCsvWriter;
import org.deepspt.pipeline.Pipeline;
import org.deepspt.pipeline.TrackResult;
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
                + "segmentation.csv (as segment), fingerprints.csv (as fingerprint), predictions.csv "
                + "(particle,label,probability,p_<class>...; with --classifier), errors.csv and report.html "
                + "(self-contained, opens offline).")
final class AnalyzeCommand implements Callable<Integer> {

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
    ModelOptions modelOptions = new ModelOptions();

    @Option(names = "--threads", defaultValue = "1", paramLabel = "N",
            description = "Worker threads (default ${DEFAULT-VALUE}); outputs do not depend on it.")
    int threads;

    @Option(names = "--sample", defaultValue = "24", paramLabel = "N",
            description = "Tracks drawn in the report (default ${DEFAULT-VALUE}).")
    int sample;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "SEED",
            description = "Seed of the report's track sample (default ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    ProgressOption progress = new ProgressOption();

    /** The one place that loads classifier files (replaceable in tests). */
    Function<Path, Classifier> classifierLoader = TrackClassifiers::load;

    @Override
    public Integer call() {
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
        }
        if (sample < 0) {
            throw new IllegalArgumentException("--sample must be >= 0, got " + sample);
        }
        modelOptions.validate();
        Map<String, String> labels = labelsFile == null ? null : readLabels(labelsFile);
        Classifier classifier = null;
        if (classifierFile != null) {
            if (!Files.isRegularFile(classifierFile)) {
                throw new IllegalArgumentException("--classifier " + classifierFile + ": no such file");
            }
            classifier = classifierLoader.apply(classifierFile);
            String trained = classifier instanceof org.deepspt.classify.TrackClassifier t
                    ? t.provenance().notes().get("segmenter") : null;
            if (trained != null && !trained.equals(modelOptions.segmenterName())) {
                spec.commandLine().getErr().println("warning: the classifier was trained on fingerprints from "
                        + "segmenter '" + trained + "'; this analysis uses '" + modelOptions.segmenterName()
                        + "' (choose it with --model)");
            }
        }
        ReadResult read = input.read(1);
        List<Trajectory> tracks = read.trajectories();
        int dimension = tracks.isEmpty() ? 2 : tracks.get(0).dimension();
        Segmenter segmenter = modelOptions.resolve(dimension, threads);
        try {
            try {
                Files.createDirectories(out);
            } catch (IOException e) {
                throw new DeepSptException("cannot create output directory " + out + ": " + e.getMessage(), e);
            }
            return run(read, tracks, segmenter, classifier, labels);
        } finally {
            ModelOptions.close(segmenter);
        }
    }

    private int run(ReadResult read, List<Trajectory> tracks, Segmenter segmenter, Classifier classifier,
            Map<String, String> labels) {
        long start = System.nanoTime();
        Pipeline pipeline = Pipeline.builder().segmenter(segmenter).fingerprints(DiffusionalFingerprint.defaults())
                .classifier(classifier).threads(threads).build();
        List<TrackIssue> issues = new ArrayList<>(read.issues());
        HtmlReport.Builder report = HtmlReport.builder().title("DeepSPT analysis: " + input.in.getFileName())
                .meta("input", input.in.toString()).meta("segmentation model", segmenter.name())
                .meta("classifier", classifier == null ? "none" : classifierFile + " " + classifier.labels())
                .meta("labels", labelsFile == null ? "none" : labelsFile.toString())
                .sampleSize(sample).seed(seed);
        if (labels != null) {
            report.labels(labels);
        }
        var err = spec.commandLine().getErr();
        Path predictionsFile = out.resolve("predictions.csv");
        int written = 0;
        try (SegmentationCsvWriter seg = SegmentationCsvWriter.open(out.resolve("segmentation.csv"));
                Writer fp = FingerprintCommand.open(out.resolve("fingerprints.csv"));
                Writer pred = classifier != null ? FingerprintCommand.open(predictionsFile) : Writer.nullWriter();
                Progress p = progress.open(err, "analyze", tracks.size());
                Stream<TrackResult> results = pipeline.stream(tracks.iterator(), issues::add)) {
            FingerprintCommand.writeHeader(fp, "particle", pipeline.featureNames());
            List<String> classes = classifier == null ? List.of() : classifier.labels();
            if (classifier != null) {
                List<String> cols = new ArrayList<>(List.of("label", "probability"));
                classes.forEach(c -> cols.add("p_" + c));
                FingerprintCommand.writeHeader(pred, "particle", cols);
            }
            for (TrackResult r : (Iterable<TrackResult>) results::iterator) {
                seg.write(r.segmentation().orElseThrow());
                FingerprintCommand.writeRow(fp, r.fingerprint());
                if (r.prediction().isPresent()) {
                    writePrediction(pred, r.prediction().get(), classes);
                }
                report.add(r);
                written++;
                p.step();
            }
        } catch (IOException e) {
            throw new DeepSptException("cannot write into " + out + ": " + e.getMessage(), e);
        }
        IssueReportWriter.write(out.resolve("errors.csv"), issues);
        report.addIssues(issues);
        report.meta("run time", String.format(java.util.Locale.ROOT, "%.1f s with %d thread(s)",
                (System.nanoTime() - start) / 1e9, threads));
        report.build().write(out.resolve("report.html"));
        long rejected = issues.stream().filter(i -> i.kind() == TrackIssue.Kind.REJECTED).count();
        err.println("analysed " + written + " tracks with " + segmenter.name()
                + (classifier != null ? " and a classifier " + classifier.labels() : "") + " -> " + out
                + " (segmentation.csv, fingerprints.csv" + (classifier != null ? ", predictions.csv" : "")
                + ", report.html); " + rejected + " rejected, " + (issues.size() - rejected)
                + " modified -> errors.csv");
        return 0;
    }

    private static void writePrediction(Writer w, Prediction p, List<String> classes) throws IOException {
        StringBuilder sb = new StringBuilder(Csv.quote(p.trackId())).append(',').append(Csv.quote(p.label()))
                .append(',').append(p.probability());
        for (String c : classes) {
            Double v = p.classProbabilities().get(c);
            sb.append(',').append(v == null ? Double.NaN : v);
        }
        w.append(sb).write('\n');
    }

    /**
     * @param file CSV with a header naming {@code particle} and {@code label} (other columns ignored)
     * @return track id → label
     * @throws InputFormatException naming the line and field at fault
     */
    static Map<String, String> readLabels(Path file) {
        String src = file.toString();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get();
        Map<String, String> labels = new HashMap<>();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser parser = CSVParser.parse(r, format)) {
            for (String col : new String[] {"particle", "label"}) {
                if (!parser.getHeaderMap().containsKey(col)) {
                    throw new InputFormatException(src, 1, col, "missing column (need particle,label)");
                }
            }
            for (CSVRecord rec : parser) {
                long line = rec.getRecordNumber() + 1;
                if (!rec.isConsistent()) {
                    throw new InputFormatException(src, line, "label", "expected " + parser.getHeaderMap().size()
                            + " fields, got " + rec.size());
                }
                String id = rec.get("particle");
                String label = rec.get("label");
                if (id.isEmpty() || label.isEmpty()) {
                    throw new InputFormatException(src, line, id.isEmpty() ? "particle" : "label", "empty value");
                }
                if (labels.put(id, label) != null) {
                    throw new InputFormatException(src, line, "particle", "track '" + id + "' labelled twice");
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new InputFormatException(src, 0, "", "cannot read labels: " + e.getMessage(), e);
        }
        return labels;
    }
}
