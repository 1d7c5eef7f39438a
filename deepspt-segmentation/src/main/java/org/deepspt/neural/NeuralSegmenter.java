package org.deepspt.neural;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.deepspt.api.InvalidTrajectoryException;
import org.deepspt.api.ReliabilityThresholds;
import org.deepspt.api.Segmentation;
import org.deepspt.api.SegmentationResult;
import org.deepspt.api.Segmenter;
import org.deepspt.api.SegmenterProvenance;
import org.deepspt.api.TrackTooShortException;
import org.deepspt.api.Trajectory;
import org.deepspt.api.inference.InferenceEngine;
import org.deepspt.api.inference.InferenceException;
import org.deepspt.reliability.ReliabilityAssessor;
import org.deepspt.reliability.SnrEstimate;
import org.deepspt.smoothing.BoundaryRefiner;
import org.deepspt.smoothing.DiffusivityChangeDetector;
import org.deepspt.smoothing.OutputCalibration;
import org.deepspt.smoothing.PathPosterior;
import org.deepspt.smoothing.ViterbiSmoother;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Segmenter} that runs a segmentation model on any {@link InferenceEngine}: tracks are checked,
 * grouped by length ({@link LengthBatchifier}), encoded ({@link SegmentationTranslator#encode}), run, and
 * decoded ({@link SegmentationTranslator#decode}). The engine is the only part that differs between
 * backends.
 *
 * <p>After inference each track's probabilities are recalibrated with the model's {@link OutputCalibration}
 * (temperature T(N, Q̂) from its manifest; the same code for every backend): without smoothing every row is
 * temperature-scaled (states unchanged); with a switch penalty &gt; 0 the states follow the Viterbi path
 * ({@link ViterbiSmoother}) of the model's probabilities and the rows are the marginals of the tempered path
 * distribution whose mode that path is ({@link PathPosterior}), so a smoothed state's probability is its
 * calibrated posterior, not the largest probability of the unsmoothed row. Where the path's state is not the
 * largest marginal of its row (rare: the marginal's mode and the path's mode differ), the two entries are
 * swapped so that the row's argmax is the state (the {@link Segmentation} rule). A model without a calibration
 * table ({@link OutputCalibration#identity()}) keeps its rows unsmoothed and, smoothed, the rows of
 * {@link ViterbiSmoother#smooth} (row entries permuted onto the path's state). With a {@link BoundaryRefiner} (the
 * default of {@link org.deepspt.model.SegmentationModels}) and a calibration table, each change of state of the
 * Viterbi path is then moved to where the tempered path score and the step lengths on either side agree best, and the
 * rows of the moved points are permuted in the same way.
 *
 * <p>Every segmentation carries a {@link org.deepspt.api.Reliability} verdict ({@link ReliabilityAssessor} with
 * the model's {@link ReliabilityThresholds}) computed from the reported (calibrated) rows.
 * With a {@link DiffusivityChangeDetector}, segments are then also split where D changes within one class.
 *
 * <p>The models read a track as a sequence of steps one frame apart, so a track with missing frames
 * ({@link Trajectory#hasGaps()}) is refused ({@link #requiresConsecutiveFrames()}) naming its first gap, instead of
 * reading the gap as one step: fill it first ({@link Trajectory#withGapsInterpolated()}, as the readers'
 * {@code INTERPOLATE} gap policy does; the made-up points get rows of their own) or cut the track at its gaps.
 *
 * <p>Per-track problems (too short, wrong dimension, missing frames, probabilities that are not finite for that
 * track's coordinates) are {@link InvalidTrajectoryException}s naming the track from {@link #segment}, and failures
 * naming the track in the results of {@link #segmentEach}; engine failures are {@link InferenceException}s (also
 * {@link org.deepspt.api.DeepSptException}s), which stop a run instead of failing one track.
 * {@link #provenance()} names the model, its files and their SHA-256 and the backend. {@link #close()} closes the
 * engine. Thread-safe when the engine is.
 */
public final class NeuralSegmenter implements Segmenter {
    /**
     * Largest distance from a track's first point, in the file's units times the pixel size, that the models take: the
     * bundled float and int8 models give finite probabilities for spans up to 10¹⁰ and NaN from 10¹¹ (features of
     * squared and fourth-power steps overflow float32), so the limit keeps a decade of margin (was 10¹⁵, found by
     * review). 10⁹ µm is a kilometre: no microscope track comes near it, but coordinates in wrong units can. The
     * online segmenter's streaming mode refuses points beyond it at push time.
     */
    public static final double MAX_SPAN = 1e9;
    /**
     * Longest track a model segments, in points. A model's working memory grows linearly with the length
     * (about 2 KB per point for the shipped ensembles); longer tracks are rejected by name, so one huge
     * track cannot exhaust the heap of a whole run. Split such a track (e.g. at gaps) to segment it.
     */
    public static final int MAX_LENGTH = 100_000;
    private final String name;
    private final SegmenterProvenance provenance;
    private final InferenceEngine engine;
    private final SegmentationTranslator translator;
    private final LengthBatchifier batchifier;
    private final int minimumLength;
    private final @Nullable ViterbiSmoother smoother;
    private final PathPosterior posterior;
    private final OutputCalibration calibration;
    private final ReliabilityAssessor assessor;
    private final @Nullable DiffusivityChangeDetector changes;
    private final @Nullable BoundaryRefiner refiner;

    private NeuralSegmenter(SegmenterProvenance provenance, InferenceEngine engine,
            LengthBatchifier batchifier, int minimumLength, double switchPenalty, ReliabilityThresholds thresholds,
            @Nullable DiffusivityChangeDetector changes, OutputCalibration calibration,
            @Nullable BoundaryRefiner refiner) {
        this.name = provenance.name();
        this.provenance = provenance;
        this.engine = engine;
        this.translator = SegmentationTranslator.of(engine.dimension());
        this.batchifier = batchifier;
        this.minimumLength = minimumLength;
        this.smoother = switchPenalty > 0 ? ViterbiSmoother.of(switchPenalty) : null;
        this.posterior = PathPosterior.of(switchPenalty);
        this.calibration = calibration;
        this.assessor = ReliabilityAssessor.of(thresholds);
        this.changes = changes;
        this.refiner = refiner;
    }

    /**
     * A segmenter without smoothing (frame-wise argmax states) and with the default reliability thresholds of
     * the engine's dimension ({@link ReliabilityThresholds#defaults(int)}).
     *
     * @param name model name (messages, {@link #name()})
     * @param engine the loaded model; owned by the segmenter from now on
     * @param maxBatchSize most tracks per engine call, ≥ 1
     * @param minimumLength shortest track accepted, in points, ≥ 1
     * @return the segmenter
     */
    public static NeuralSegmenter of(String name, InferenceEngine engine, int maxBatchSize, int minimumLength) {
        Objects.requireNonNull(engine, "engine");
        return of(SegmenterProvenance.ofModel(name, engine.backend()), engine, maxBatchSize, minimumLength, 0,
                ReliabilityThresholds.defaults(engine.dimension()));
    }

    /**
     * As {@link #of(String, InferenceEngine, int, int)} for a model loaded from a file, recording that file's
     * SHA-256 for provenance ({@link #modelSha256()}).
     *
     * @param name model name (messages, {@link #name()})
     * @param modelSha256 SHA-256 of the model file's bytes the engine was loaded from, 64 lower-case hex digits
     * @param engine the loaded model; owned by the segmenter from now on
     * @param maxBatchSize most tracks per engine call, ≥ 1
     * @param minimumLength shortest track accepted, in points, ≥ 1
     * @return the segmenter
     * @throws IllegalArgumentException when the digest is not 64 lower-case hex digits
     */
    public static NeuralSegmenter of(String name, String modelSha256, InferenceEngine engine, int maxBatchSize,
            int minimumLength) {
        return of(name, modelSha256, engine, maxBatchSize, minimumLength, 0,
                ReliabilityThresholds.defaults(engine.dimension()));
    }

    /**
     * As {@link #of(String, String, InferenceEngine, int, int)} with smoothing and the model's reliable range.
     *
     * @param name model name (messages, {@link #name()})
     * @param modelSha256 SHA-256 of the model file's bytes the engine was loaded from, 64 lower-case hex digits
     * @param engine the loaded model; owned by the segmenter from now on
     * @param maxBatchSize most tracks per engine call, ≥ 1
     * @param minimumLength shortest track accepted, in points, ≥ 1
     * @param switchPenalty Viterbi state-switch penalty in nats (≥ 0, finite; 0: frame-wise argmax)
     * @param reliability the model's reliable range (from its manifest, or the defaults)
     * @return the segmenter
     */
    public static NeuralSegmenter of(String name, String modelSha256, InferenceEngine engine, int maxBatchSize,
            int minimumLength, double switchPenalty, ReliabilityThresholds reliability) {
        Objects.requireNonNull(engine, "engine");
        return of(name, modelSha256, engine, maxBatchSize, minimumLength, switchPenalty, reliability,
                OutputCalibration.identity());
    }

    /**
     * As {@link #of(String, String, InferenceEngine, int, int, double, ReliabilityThresholds)} with the model's
     * recalibration of its output (from its manifest's {@code output_calibration}).
     *
     * @param name model name (messages, {@link #name()})
     * @param modelSha256 SHA-256 of the model file's bytes the engine was loaded from, 64 lower-case hex digits
     * @param engine the loaded model; owned by the segmenter from now on
     * @param maxBatchSize most tracks per engine call, ≥ 1
     * @param minimumLength shortest track accepted, in points, ≥ 1
     * @param switchPenalty Viterbi state-switch penalty in nats (≥ 0, finite; 0: frame-wise argmax)
     * @param reliability the model's reliable range (from its manifest, or the defaults)
     * @param calibration temperatures applied to the output ({@link OutputCalibration#identity()}: none)
     * @return the segmenter
     */
    public static NeuralSegmenter of(String name, String modelSha256, InferenceEngine engine, int maxBatchSize,
            int minimumLength, double switchPenalty, ReliabilityThresholds reliability,
            OutputCalibration calibration) {
        Objects.requireNonNull(engine, "engine");
        return of(SegmenterProvenance.ofModel(name, engine.backend()).withSha256(modelSha256), engine, maxBatchSize,
                minimumLength, switchPenalty, reliability, null, calibration);
    }

    /**
     * A segmenter that reports where its model came from ({@link #provenance()}).
     *
     * @param provenance the model's name (messages, {@link #name()}), manifest, file and SHA-256 of the file's
     *     bytes the engine was loaded from; its backend must be the engine's
     * @param engine the loaded model; owned by the segmenter from now on
     * @param maxBatchSize most tracks per engine call, ≥ 1
     * @param minimumLength shortest track accepted, in points, ≥ 1
     * @param switchPenalty Viterbi state-switch penalty in nats (≥ 0, finite; 0: frame-wise argmax)
     * @param reliability the model's reliable range (from its manifest, or the defaults)
     * @return the segmenter
     * @throws IllegalArgumentException when the provenance names another backend than the engine's
     */
    public static NeuralSegmenter of(SegmenterProvenance provenance, InferenceEngine engine, int maxBatchSize,
            int minimumLength, double switchPenalty, ReliabilityThresholds reliability) {
        return of(provenance, engine, maxBatchSize, minimumLength, switchPenalty, reliability, null);
    }

    /**
     * As {@link #of(SegmenterProvenance, InferenceEngine, int, int, double, ReliabilityThresholds)}, also splitting
     * every segment where D changes within its class (after smoothing).
     *
     * @param provenance the model's name, manifest, file and SHA-256; its backend must be the engine's
     * @param engine the loaded model; owned by the segmenter from now on
     * @param maxBatchSize most tracks per engine call, ≥ 1
     * @param minimumLength shortest track accepted, in points, ≥ 1
     * @param switchPenalty Viterbi state-switch penalty in nats (≥ 0, finite; 0: frame-wise argmax)
     * @param reliability the model's reliable range (from its manifest, or the defaults)
     * @param changes the detector of D changes within a class, or null for none
     * @return the segmenter
     * @throws IllegalArgumentException when the provenance names another backend than the engine's
     */
    public static NeuralSegmenter of(SegmenterProvenance provenance, InferenceEngine engine, int maxBatchSize,
            int minimumLength, double switchPenalty, ReliabilityThresholds reliability,
            @Nullable DiffusivityChangeDetector changes) {
        return of(provenance, engine, maxBatchSize, minimumLength, switchPenalty, reliability, changes,
                OutputCalibration.identity());
    }

    /**
     * As {@link #of(SegmenterProvenance, InferenceEngine, int, int, double, ReliabilityThresholds,
     * DiffusivityChangeDetector)} with the model's recalibration of its output (from its manifest's
     * {@code output_calibration}).
     *
     * @param provenance the model's name, manifest, file and SHA-256; its backend must be the engine's
     * @param engine the loaded model; owned by the segmenter from now on
     * @param maxBatchSize most tracks per engine call, ≥ 1
     * @param minimumLength shortest track accepted, in points, ≥ 1
     * @param switchPenalty Viterbi state-switch penalty in nats (≥ 0, finite; 0: frame-wise argmax)
     * @param reliability the model's reliable range (from its manifest, or the defaults)
     * @param changes the detector of D changes within a class, or null for none
     * @param calibration temperatures applied to the output ({@link OutputCalibration#identity()}: none)
     * @return the segmenter
     * @throws IllegalArgumentException when the provenance names another backend than the engine's
     */
    public static NeuralSegmenter of(SegmenterProvenance provenance, InferenceEngine engine, int maxBatchSize,
            int minimumLength, double switchPenalty, ReliabilityThresholds reliability,
            @Nullable DiffusivityChangeDetector changes, OutputCalibration calibration) {
        return of(provenance, engine, maxBatchSize, minimumLength, switchPenalty, reliability, changes, calibration,
                null);
    }

    /**
     * As {@link #of(SegmenterProvenance, InferenceEngine, int, int, double, ReliabilityThresholds,
     * DiffusivityChangeDetector, OutputCalibration)}, also moving each change of state of the smoothed path with a
     * {@link BoundaryRefiner} (before the splits where D changes; only with smoothing and a calibration table, whose
     * path temperature the refiner's score uses).
     *
     * @param provenance the model's name, manifest, file and SHA-256; its backend must be the engine's
     * @param engine the loaded model; owned by the segmenter from now on
     * @param maxBatchSize most tracks per engine call, ≥ 1
     * @param minimumLength shortest track accepted, in points, ≥ 1
     * @param switchPenalty Viterbi state-switch penalty in nats (≥ 0, finite; 0: frame-wise argmax)
     * @param reliability the model's reliable range (from its manifest, or the defaults)
     * @param changes the detector of D changes within a class, or null for none
     * @param calibration temperatures applied to the output ({@link OutputCalibration#identity()}: none)
     * @param refiner the refiner of the smoothed path's changes of state, or null for none
     * @return the segmenter
     * @throws IllegalArgumentException when the provenance names another backend than the engine's
     */
    public static NeuralSegmenter of(SegmenterProvenance provenance, InferenceEngine engine, int maxBatchSize,
            int minimumLength, double switchPenalty, ReliabilityThresholds reliability,
            @Nullable DiffusivityChangeDetector changes, OutputCalibration calibration,
            @Nullable BoundaryRefiner refiner) {
        Objects.requireNonNull(calibration, "calibration");
        Objects.requireNonNull(provenance, "provenance");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(reliability, "reliability");
        if (!provenance.backend().equals(Optional.of(engine.backend()))) {
            throw new IllegalArgumentException("model '" + provenance.name() + "': provenance backend "
                    + provenance.backend().orElse("none") + " is not the engine's (" + engine.backend() + ")");
        }
        if (!(switchPenalty >= 0) || Double.isInfinite(switchPenalty)) {
            throw new IllegalArgumentException("switch penalty must be finite and >= 0 nats, got " + switchPenalty);
        }
        if (minimumLength < 1) {
            throw new IllegalArgumentException("minimumLength must be >= 1, got " + minimumLength);
        }
        // At most 64 k points per call keeps an engine's working memory bounded whatever the batch size.
        return new NeuralSegmenter(provenance, engine, LengthBatchifier.of(maxBatchSize, 1 << 16),
                minimumLength, switchPenalty, reliability, changes, calibration, refiner);
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * @return SHA-256 (64 lower-case hex digits) of the model file the engine was loaded from, as recorded by
     *     {@link #of(String, String, InferenceEngine, int, int)} (for models from
     *     {@link org.deepspt.model.SegmentationModels}: the ONNX file, checked against its manifest when
     *     loaded); empty for a segmenter built from an engine alone
     */
    public Optional<String> modelSha256() {
        return provenance.sha256();
    }

    /**
     * @return the model's name, backend and, for a model loaded from a file, its manifest, file and SHA-256
     *     (for models from {@link org.deepspt.model.SegmentationModels}: the files it read and verified)
     */
    @Override
    public SegmenterProvenance provenance() {
        return provenance;
    }

    /** @return 2 or 3 */
    public int dimension() {
        return translator.dimension();
    }

    /** @return whether {@code dimension} is the model's: a model segments tracks of its own dimension only */
    @Override
    public boolean supportsDimension(int dimension) {
        return dimension == translator.dimension();
    }

    /** @return the execution backend's name ({@code onnx}, {@code jvm}, ...) */
    public String backend() {
        return engine.backend();
    }

    @Override
    public int minimumLength() {
        return minimumLength;
    }

    /** @return the Viterbi state-switch penalty in nats applied to every segmentation (0: none) */
    public double switchPenalty() {
        return smoother == null ? 0 : smoother.penalty();
    }

    /** @return the recalibration applied to every segmentation's probabilities */
    public OutputCalibration outputCalibration() {
        return calibration;
    }

    /** @return the refiner of the smoothed path's changes of state, if any */
    public java.util.Optional<BoundaryRefiner> boundaryRefiner() {
        return java.util.Optional.ofNullable(refiner);
    }

    /** @return the detector of D changes within a class applied after smoothing, if any */
    public java.util.Optional<DiffusivityChangeDetector> diffusivityChanges() {
        return java.util.Optional.ofNullable(changes);
    }

    /** @return the reliable range each segmentation's verdict is computed against */
    public ReliabilityThresholds reliabilityThresholds() {
        return assessor.thresholds();
    }

    @Override
    public Segmentation segment(Trajectory trajectory) {
        check(trajectory);
        List<Trajectory> one = List.of(trajectory);
        return run(one, new int[] {0})[0].orElseThrow();
    }

    /**
     * Segments many tracks in length-grouped batches; the results keep the input order. A track that cannot be
     * segmented (wrong dimension, too short or too long, a span the float32 input cannot hold, probabilities that
     * are not finite for its coordinates) is a failure naming it; the others are batched as usual.
     */
    @Override
    public List<SegmentationResult> segmentEach(List<Trajectory> trajectories) {
        SegmentationResult[] out = new SegmentationResult[trajectories.size()];
        List<Trajectory> valid = new ArrayList<>(trajectories.size());
        int[] index = new int[trajectories.size()];
        for (int i = 0; i < trajectories.size(); i++) {
            Trajectory t = trajectories.get(i);
            try {
                check(t);
                index[valid.size()] = i;
                valid.add(t);
            } catch (InvalidTrajectoryException e) {
                out[i] = SegmentationResult.failed(t.id(), e);
            }
        }
        for (int[] batch : batchifier.batches(valid)) {
            SegmentationResult[] res = run(valid, batch);
            for (int k = 0; k < batch.length; k++) {
                out[index[batch[k]]] = res[k];
            }
        }
        return Collections.unmodifiableList(Arrays.asList(out));
    }

    /** @return true: a track with missing frames is refused (see the class documentation) */
    @Override
    public boolean requiresConsecutiveFrames() {
        return true;
    }

    private void check(Trajectory t) {
        if (t.dimension() != translator.dimension()) {
            throw new InvalidTrajectoryException(t.id(), "is " + t.dimension() + "D but model '" + name + "' is "
                    + translator.dimension() + "D");
        }
        if (t.size() < minimumLength) {
            throw new TrackTooShortException(t.id(), t.size(), minimumLength, "model '" + name + "'");
        }
        if (t.size() > MAX_LENGTH) {
            throw new InvalidTrajectoryException(t.id(), "has " + t.size() + " points; model '" + name
                    + "' segments at most " + MAX_LENGTH + " points per track (split the track)");
        }
        if (t.hasGaps()) {
            throw gap(t);
        }
        double span = 0;
        for (int a = 0; a < t.dimension(); a++) {
            double origin = t.coordinate(0, a);
            for (int i = 1; i < t.size(); i++) {
                span = Math.max(span, Math.abs(t.coordinate(i, a) - origin));
            }
        }
        if (!(span <= MAX_SPAN)) {
            throw new InvalidTrajectoryException(t.id(), "coordinates span " + span + " (file units × pixel size) "
                    + "from the first point; model '" + name + "' takes spans up to " + MAX_SPAN
                    + " (float32 input)");
        }
    }

    /** @return the refusal of a track with missing frames, naming its first gap and the ways to close it */
    private InvalidTrajectoryException gap(Trajectory t) {
        int i = 1;
        while (t.frame(i) - t.frame(i - 1) == 1) {
            i++;
        }
        int a = t.frame(i - 1);
        int b = t.frame(i);
        long missing = (long) b - a - 1;
        return new InvalidTrajectoryException(t.id(), "frames " + a + " → " + b + " skip " + missing + " frame"
                + (missing == 1 ? "" : "s") + " (the first gap); model '" + name + "' needs one point per frame and "
                + "would read the gap as one step: fill the missing frames with Trajectory.withGapsInterpolated() "
                + "(linear, the made-up points marked interpolated; what the readers' INTERPOLATE gap policy does) "
                + "or cut the track at its gaps (Trajectory.slice; the SPLIT gap policy)");
    }

    /** Runs one batch; a track whose probabilities cannot be decoded is that track's failure. */
    private SegmentationResult[] run(List<Trajectory> all, int[] idx) {
        List<Trajectory> batch = new ArrayList<>(idx.length);
        for (int i : idx) {
            batch.add(all.get(i));
        }
        int b = batch.size();
        int n = batch.get(0).size();
        float[] input = new float[translator.inputSize(b, n)];
        translator.encode(batch, input);
        float[] probs = new float[SegmentationTranslator.outputSize(b, n)];
        try {
            engine.run(input, b, n, probs);
        } catch (InferenceException e) {
            throw e;
        } catch (RuntimeException | OutOfMemoryError e) {
            throw new InferenceException("model '" + name + "' (" + engine.backend() + ") failed on a batch of "
                    + b + " tracks of length " + n + " (first: '" + batch.get(0).id() + "'): " + e, e);
        }
        SegmentationResult[] out = new SegmentationResult[b];
        for (int k = 0; k < b; k++) {
            Trajectory t = batch.get(k);
            try {
                Segmentation seg = calibrate(t, translator.decode(t, k, probs));
                if (changes != null) {
                    seg = changes.split(t, seg);
                }
                out[k] = SegmentationResult.of(seg.withReliability(assessor.assess(t, seg)));
            } catch (IllegalStateException e) {
                out[k] = SegmentationResult.failed(t.id(), new InvalidTrajectoryException(t.id(), "model '" + name
                        + "' cannot segment it (" + e.getMessage() + ")"));
            }
        }
        return out;
    }

    /** The class documentation's recalibration (and smoothing) of one track's rows. */
    private Segmentation calibrate(Trajectory t, Segmentation raw) {
        if (calibration.isIdentity()) {
            return smoother == null ? raw : smoother.smooth(raw);
        }
        int n = raw.size();
        double[] p = raw.probabilityMatrix();
        double temperature = calibration.temperature(n, SnrEstimate.of(t).snr(), smoother != null);
        double[] rows = posterior.marginals(p, n, temperature, null, null);
        if (smoother != null) {
            int[] path = smoother.decode(p, n, null, null);
            if (refiner != null) {
                path = refiner.refine(t, path, p, temperature);
            }
            for (int i = 0; i < n; i++) {
                ViterbiSmoother.moveArgmaxTo(rows, 4 * i, path[i]);
            }
        }
        return Segmentation.ofFlat(raw.trackId(), raw.frames(), rows);
    }

    /** Closes the engine; idempotent. */
    @Override
    public void close() {
        engine.close();
    }

    @Override
    public String toString() {
        return "NeuralSegmenter[" + name + ", " + translator.dimension() + "D, " + engine.backend() + "]";
    }
}
