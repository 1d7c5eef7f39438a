package org.deepspt.spark;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.deepspt.api.SegmenterOptions;
import org.deepspt.classify.TrackClassifiers;
import org.deepspt.io.GapPolicy;
import org.deepspt.io.NonFinitePolicy;
import org.deepspt.io.ReadOptions;
import org.deepspt.pipeline.PostProcessing;
import org.jspecify.annotations.Nullable;

/**
 * Immutable options of {@link DeepSptSpark#analyze}: which columns hold the localisations, how tracks are
 * assembled ({@link ReadOptions}: pixel size µm/px, frame interval s, gap, NaN and minimum-length policies),
 * the segmentation model and its backend, the optional classifier, and the execution knobs. Every setter
 * returns a changed copy:
 * <pre>{@code
 * AnalyzeOptions o = AnalyzeOptions.defaults().groupBy("experiment", "well").model("unet")
 *         .readOptions(ReadOptions.builder().frameInterval(0.03).pixelSize(0.108).build());
 * }</pre>
 * Defaults: columns {@code particle, frame, x, y[, z]} (or those mapped in {@link ReadOptions#columns()}), no
 * grouping columns, {@link ReadOptions#defaults()} (coordinates in µm, frame interval 1 s, SPLIT at gaps,
 * ERROR on NaN), model {@code unet}, backend {@code auto}, device {@code cpu}, no classifier, the
 * post-processing of {@code deepspt analyze} ({@link PostProcessing#defaults()}: Viterbi smoothing at 9 nats, D changes
 * found after a neural model, no segment merging; boundaries refined), batches of 32 tracks, one pipeline thread per Spark task, partitions sized to the input
 * ({@link #partitions(int)}), dimension detected from the data, input named {@code localisations} in messages.
 *
 * <p>Thread-safe and serializable (it travels to the executors).
 */
public final class AnalyzeOptions implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final AnalyzeOptions DEFAULTS = new AnalyzeOptions();

    private String particle = "particle";
    private String frame = "frame";
    private String x = "x";
    private String y = "y";
    private String z = "z";
    private String[] groupBy = new String[0];
    private double pixelSize = 1.0;
    private double frameInterval = Double.NaN;
    private GapPolicy gapPolicy = GapPolicy.SPLIT;
    private NonFinitePolicy nonFinitePolicy = NonFinitePolicy.ERROR;
    private int minLength = 1;
    private String model = "unet";
    private String backend = "auto";
    private String device = "cpu";
    private @Nullable String classifierJson;
    private String classifierName = CLASSIFIER_FROM_JSON;
    private double switchPenalty = PostProcessing.defaults().switchPenaltyNats();
    private boolean diffusivityChanges = PostProcessing.defaults().diffusivityChanges();
    private int minSegment = PostProcessing.defaults().minSegmentFrames();
    private boolean refineBoundaries = true;
    private int batchSize = 32;
    private int threadsPerTask = 1;
    private int partitions;
    private int dimension;
    private String inputName = "localisations";

    private AnalyzeOptions() {
    }

    /** @return the defaults (see the class comment) */
    public static AnalyzeOptions defaults() {
        return DEFAULTS;
    }

    private AnalyzeOptions copy() {
        AnalyzeOptions o = new AnalyzeOptions();
        o.particle = particle;
        o.frame = frame;
        o.x = x;
        o.y = y;
        o.z = z;
        o.groupBy = groupBy;
        o.pixelSize = pixelSize;
        o.frameInterval = frameInterval;
        o.gapPolicy = gapPolicy;
        o.nonFinitePolicy = nonFinitePolicy;
        o.minLength = minLength;
        o.model = model;
        o.backend = backend;
        o.device = device;
        o.classifierJson = classifierJson;
        o.classifierName = classifierName;
        o.switchPenalty = switchPenalty;
        o.diffusivityChanges = diffusivityChanges;
        o.minSegment = minSegment;
        o.refineBoundaries = refineBoundaries;
        o.batchSize = batchSize;
        o.threadsPerTask = threadsPerTask;
        o.partitions = partitions;
        o.dimension = dimension;
        o.inputName = inputName;
        return o;
    }

    /**
     * Takes the track-assembly part of reader options: pixel size, frame interval, gap, non-finite and
     * minimum-length policies, and the column overrides of the roles particle, frame, x, y, z.
     *
     * @param r reader options
     * @return a copy with them
     */
    public AnalyzeOptions readOptions(ReadOptions r) {
        Objects.requireNonNull(r, "readOptions");
        AnalyzeOptions o = copy();
        o.pixelSize = r.pixelSize();
        o.frameInterval = r.frameInterval().orElse(Double.NaN);
        o.gapPolicy = r.gapPolicy();
        o.nonFinitePolicy = r.nonFinitePolicy();
        o.minLength = r.minLength();
        Map<String, String> c = r.columns();
        o.particle = c.getOrDefault("particle", particle);
        o.frame = c.getOrDefault("frame", frame);
        o.x = c.getOrDefault("x", x);
        o.y = c.getOrDefault("y", y);
        o.z = c.getOrDefault("z", z);
        return o;
    }

    /** @return the reader options tracks are assembled with (columns included) */
    public ReadOptions readOptions() {
        ReadOptions.Builder b = ReadOptions.builder().pixelSize(pixelSize).gapPolicy(gapPolicy)
                .nonFinitePolicy(nonFinitePolicy).minLength(minLength).column("particle", particle)
                .column("frame", frame).column("x", x).column("y", y).column("z", z);
        if (!Double.isNaN(frameInterval)) {
            b.frameInterval(frameInterval);
        }
        return b.build();
    }

    /**
     * @param columns grouping columns (e.g. {@code experiment, well}), carried to every output; tracks are
     *     assembled per (group…, particle)
     * @return a copy with them
     */
    public AnalyzeOptions groupBy(String... columns) {
        AnalyzeOptions o = copy();
        o.groupBy = Arrays.stream(columns).map(c -> {
            if (c == null || c.isBlank()) {
                throw new IllegalArgumentException("grouping column names must be non-empty");
            }
            return c;
        }).toArray(String[]::new);
        return o;
    }

    /** @return the grouping columns (unmodifiable) */
    public List<String> groupBy() {
        return List.of(groupBy);
    }

    /**
     * @param spec segmentation model: one of {@link org.deepspt.api.Segmenters#names()} (the registry of the
     *     segmenter providers on the class path: {@code unet}, its faster variants, {@code rolling-msd} and the
     *     bundled models' names), or the path of a {@code *.manifest.json} readable on every executor
     * @return a copy with it
     */
    public AnalyzeOptions model(String spec) {
        AnalyzeOptions o = copy();
        o.model = Objects.requireNonNull(spec, "model");
        return o;
    }

    /** @return the segmentation model spec */
    public String model() {
        return model;
    }

    /**
     * @param name {@code auto} (ONNX Runtime where it loads, else the pure-JVM engine), {@code onnx} or
     *     {@code jvm}
     * @return a copy with it
     */
    public AnalyzeOptions backend(String name) {
        AnalyzeOptions o = copy();
        o.backend = Objects.requireNonNull(name, "backend");
        return o;
    }

    /**
     * @param name {@code cpu} or {@code cuda}
     * @return a copy with it
     */
    public AnalyzeOptions device(String name) {
        String d = Objects.requireNonNull(name, "device").toLowerCase(Locale.ROOT);
        if (!d.equals("cpu") && !d.equals("cuda")) {
            throw new IllegalArgumentException("device must be cpu or cuda, got '" + name + "'");
        }
        AnalyzeOptions o = copy();
        o.device = d;
        return o;
    }

    /**
     * @return how executors open the segmenter: the backend and device, and the post-processing a neural model applies
     *     itself ({@link PostProcessing#segmenterOptions}: the switch penalty of {@link #postProcessing()} and
     *     {@link #refineBoundaries()}; D changes are left to the pipeline), as the CLI's {@code analyze} opens it
     */
    public SegmenterOptions segmenterOptions() {
        return postProcessing().segmenterOptions(SegmenterOptions.defaults().withBackend(backend).withDevice(device),
                refineBoundaries);
    }

    /**
     * @param json a trained track classifier as JSON (the classifier training command's file); checked here
     * @return a copy with it
     */
    public AnalyzeOptions classifierJson(String json) {
        TrackClassifiers.fromJson(Objects.requireNonNull(json, "json"), "classifier");
        AnalyzeOptions o = copy();
        o.classifierJson = json;
        o.classifierName = CLASSIFIER_FROM_JSON;
        return o;
    }

    /**
     * @param file a trained track classifier file (read on the driver, shipped to the executors)
     * @return a copy with it
     */
    public AnalyzeOptions classifier(Path file) {
        try {
            AnalyzeOptions o = classifierJson(Files.readString(file, StandardCharsets.UTF_8));
            o.classifierName = file.toString();
            return o;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read classifier " + file + ": " + e.getMessage(), e);
        }
    }

    /** @return the classifier JSON, if any */
    public Optional<String> classifierJson() {
        return Optional.ofNullable(classifierJson);
    }

    /** How messages name a classifier given by {@link #classifierJson(String)}. */
    static final String CLASSIFIER_FROM_JSON = "(given as JSON)";

    /**
     * @return how messages name the classifier: its file when given by {@link #classifier(Path)}, else
     *     {@value #CLASSIFIER_FROM_JSON}
     */
    String classifierName() {
        return classifierName;
    }

    /**
     * The post-processing of the segmentation, as the CLI's {@code --smooth NATS} / {@code --no-smooth} (the switch
     * penalty; 0: none), {@code --no-d-changes} and {@code --min-segment} give it: a neural model opened with
     * {@link #segmenterOptions()} smooths with the penalty itself; {@link PostProcessing#applyTo} smooths any other
     * segmenter (rolling-MSD) in the pipeline and finds D changes after a neural one; {@link PostProcessing#describe}
     * is what the outputs' {@code post_processing} column records.
     *
     * @param p the post-processing (default {@link PostProcessing#defaults()}, {@code deepspt analyze}'s)
     * @return a copy with it (its minimum segment replaces {@link #minSegment(int)}'s)
     */
    public AnalyzeOptions postProcessing(PostProcessing p) {
        Objects.requireNonNull(p, "postProcessing");
        AnalyzeOptions o = copy();
        o.switchPenalty = p.switchPenaltyNats();
        o.diffusivityChanges = p.diffusivityChanges();
        o.minSegment = p.minSegmentFrames();
        return o;
    }

    /** @return see {@link #postProcessing(PostProcessing)} */
    public PostProcessing postProcessing() {
        return new PostProcessing(switchPenalty, diffusivityChanges, minSegment);
    }

    /**
     * @param on whether a neural model moves each change of state of its smoothed path to where the step lengths
     *     change (default true; false is the CLI's {@code --no-refine}; no effect without smoothing)
     * @return a copy with it
     */
    public AnalyzeOptions refineBoundaries(boolean on) {
        AnalyzeOptions o = copy();
        o.refineBoundaries = on;
        return o;
    }

    /** @return see {@link #refineBoundaries(boolean)} */
    public boolean refineBoundaries() {
        return refineBoundaries;
    }

    /**
     * @param frames merge segments shorter than this many frames into a neighbour (1 keeps all; the CLI's
     *     {@code --min-segment})
     * @return a copy with it
     */
    public AnalyzeOptions minSegment(int frames) {
        AnalyzeOptions o = copy();
        o.minSegment = positive(frames, "minSegment");
        return o;
    }

    /** @return see {@link #minSegment(int)} */
    public int minSegment() {
        return minSegment;
    }

    /**
     * @param tracks tracks per batched segmenter call inside a task, ≥ 1
     * @return a copy with it
     */
    public AnalyzeOptions batchSize(int tracks) {
        AnalyzeOptions o = copy();
        o.batchSize = positive(tracks, "batchSize");
        return o;
    }

    /** @return see {@link #batchSize(int)} */
    public int batchSize() {
        return batchSize;
    }

    /**
     * @param threads pipeline threads per Spark task, ≥ 1 (1: Spark's cores give the parallelism; more only
     *     when an executor runs fewer tasks than it has cores)
     * @return a copy with it
     */
    public AnalyzeOptions threadsPerTask(int threads) {
        AnalyzeOptions o = copy();
        o.threadsPerTask = positive(threads, "threadsPerTask");
        return o;
    }

    /** @return see {@link #threadsPerTask(int)} */
    public int threadsPerTask() {
        return threadsPerTask;
    }

    /**
     * @param n partitions the localisations are hashed into by (group…, particle); 0 (the default) sizes them to
     *     the input: with {@code r} rows and Spark's default parallelism {@code c},
     *     {@code max(ceil(r / 500,000), min(3c, ceil(r / 5,000)))}, at least 1 (at most 500,000 points per task,
     *     about three tasks per core when there is enough work, no task under 5,000 points); counting the rows
     *     is one pass over the input (the same pass detects the dimension)
     * @return a copy with it
     */
    public AnalyzeOptions partitions(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("partitions must be >= 0, got " + n);
        }
        AnalyzeOptions o = copy();
        o.partitions = n;
        return o;
    }

    /** @return see {@link #partitions(int)} */
    public int partitions() {
        return partitions;
    }

    /**
     * @param d 2 or 3 to skip detection, 0 to detect it as the readers do (3D when a z column has some finite
     *     non-zero value; one extra pass over the input)
     * @return a copy with it
     */
    public AnalyzeOptions dimension(int d) {
        if (d != 0 && d != 2 && d != 3) {
            throw new IllegalArgumentException("dimension must be 0 (detect), 2 or 3, got " + d);
        }
        AnalyzeOptions o = copy();
        o.dimension = d;
        return o;
    }

    /** @return see {@link #dimension(int)} */
    public int dimension() {
        return dimension;
    }

    /**
     * @param name what the input is called in error messages (a path, a table name); default
     *     {@code localisations}
     * @return a copy with it
     */
    public AnalyzeOptions inputName(String name) {
        AnalyzeOptions o = copy();
        o.inputName = Objects.requireNonNull(name, "inputName");
        return o;
    }

    /** @return see {@link #inputName(String)} */
    public String inputName() {
        return inputName;
    }

    String particleColumn() {
        return particle;
    }

    String frameColumn() {
        return frame;
    }

    String xColumn() {
        return x;
    }

    String yColumn() {
        return y;
    }

    String zColumn() {
        return z;
    }

    private static int positive(int n, String what) {
        if (n < 1) {
            throw new IllegalArgumentException(what + " must be >= 1, got " + n);
        }
        return n;
    }

    @Override
    public String toString() {
        return "AnalyzeOptions[groupBy=" + Arrays.toString(groupBy) + ", columns=" + particle + "," + frame + ","
                + x + "," + y + "[," + z + "], " + readOptions() + ", model=" + model + ", backend=" + backend
                + ", device=" + device + ", classifier=" + (classifierJson == null ? "none" : "yes")
                + ", postProcessing=" + postProcessing() + ", refineBoundaries=" + refineBoundaries
                + ", batchSize=" + batchSize + ", threadsPerTask=" + threadsPerTask
                + ", partitions=" + (partitions == 0 ? "sized to the input" : partitions) + ", dimension="
                + (dimension == 0 ? "detect" : dimension) + "]";
    }
}
