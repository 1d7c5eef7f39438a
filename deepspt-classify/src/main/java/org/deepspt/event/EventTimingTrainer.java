package org.deepspt.event;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.deepspt.api.InvalidTrajectoryException;
import org.deepspt.api.Trajectory;
import org.deepspt.classify.LogisticRegression;
import org.deepspt.fingerprint.DiffusionalFingerprint;
import org.deepspt.fingerprint.FeatureMatrix;
import org.deepspt.fingerprint.FingerprintFeature;
import org.deepspt.fingerprint.TimeResolvedFingerprint;

/**
 * Trains an {@link EventTimingModel}: a per-frame before(0)/after(1) binary logistic regression over the
 * time-resolved diffusional fingerprint ({@link TimeResolvedFingerprint}, track features, window w), as
 * in DeepSPT's event-timing task (Kæstel-Hansen et al., Nat. Methods 2025, doi:10.1038/s41592-025-02665-8).
 *
 * <p>Training data: every point of every training track is one sample, labelled 1 when its index is ≥ the
 * track's true event index. Features are standardised with the mean and (population) standard deviation
 * over the training samples (NaN values are left out of both and become 0 after standardisation; a constant
 * feature gets scale 1). When there are more than {@link Builder#maxSamples} samples, a uniformly random
 * subset of that size is used (seeded: {@link Builder#seed}). With {@link Builder#balanced} (default) the
 * two classes get equal total weight. The fit is L2-penalised Newton/IRLS, deterministic for given data.
 *
 * <p>Immutable and thread-safe.
 */
public final class EventTimingTrainer {
    private final int window;
    private final List<String> features;
    private final double l2;
    private final int maxIterations;
    private final int maxSamples;
    private final long seed;
    private final boolean balanced;

    private EventTimingTrainer(Builder b) {
        this.window = b.window;
        this.features = b.features;
        this.l2 = b.l2;
        this.maxIterations = b.maxIterations;
        this.maxSamples = b.maxSamples;
        this.seed = b.seed;
        this.balanced = b.balanced;
    }

    /** @return a builder: w = 20, all 31 track features, λ = 1, 50 iterations, 200,000 samples, seed 0 */
    public static Builder builder() {
        return new Builder();
    }

    /** @return {@code builder().build()} */
    public static EventTimingTrainer defaults() {
        return builder().build();
    }

    /**
     * Computes the time-resolved fingerprint of each track and trains.
     *
     * @param tracks training tracks (≥ 2 points each)
     * @param eventIndices true event of each track: index of its first "after" point, 1..n−1
     * @return the model
     */
    public EventTimingModel train(List<Trajectory> tracks, int[] eventIndices) {
        TimeResolvedFingerprint trf = TimeResolvedFingerprint.of(DiffusionalFingerprint.defaults(), window);
        List<FeatureMatrix> m = new ArrayList<>(tracks.size());
        for (Trajectory t : tracks) {
            m.add(trf.compute(t));
        }
        return trainOnMatrices(m, eventIndices);
    }

    /**
     * @param matrices time-resolved fingerprints (computed with this trainer's window), one per track
     * @param eventIndices true event of each track: index of its first "after" point, 1..n−1
     * @return the model
     * @throws InvalidTrajectoryException naming the track when its event index is out of range
     */
    public EventTimingModel trainOnMatrices(List<FeatureMatrix> matrices, int[] eventIndices) {
        Objects.requireNonNull(matrices, "matrices");
        if (matrices.size() != eventIndices.length) {
            throw new IllegalArgumentException(matrices.size() + " tracks but " + eventIndices.length + " events");
        }
        int d = features.size();
        int total = 0;
        for (int k = 0; k < matrices.size(); k++) {
            FeatureMatrix m = matrices.get(k);
            if (eventIndices[k] < 1 || eventIndices[k] >= m.rows()) {
                throw new InvalidTrajectoryException(m.trackId(), "event index " + eventIndices[k]
                        + " outside 1.." + (m.rows() - 1));
            }
            total += m.rows();
        }
        if (total == 0) {
            throw new IllegalArgumentException("no training tracks");
        }
        // Sample selection: a seeded partial Fisher-Yates shuffle of all (track, row) positions.
        int[] chosen = new int[total];
        for (int i = 0; i < total; i++) {
            chosen[i] = i;
        }
        int n = Math.min(total, maxSamples);
        if (n < total) {
            UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
            for (int i = 0; i < n; i++) {
                int j = i + rng.nextInt(total - i);
                int tmp = chosen[i];
                chosen[i] = chosen[j];
                chosen[j] = tmp;
            }
            java.util.Arrays.sort(chosen, 0, n);
        }
        double[][] raw = new double[n][d];
        int[] y = new int[n];
        int track = 0;
        int offset = 0;
        int[] cols = null;
        for (int s = 0; s < n; s++) {
            int pos = chosen[s];
            while (pos >= offset + matrices.get(track).rows()) {
                offset += matrices.get(track).rows();
                track++;
                cols = null;
            }
            FeatureMatrix m = matrices.get(track);
            if (cols == null) {
                cols = new int[d];
                for (int j = 0; j < d; j++) {
                    cols[j] = m.columnIndex(features.get(j));
                }
            }
            int row = pos - offset;
            for (int j = 0; j < d; j++) {
                raw[s][j] = m.get(row, cols[j]);
            }
            y[s] = row >= eventIndices[track] ? 1 : 0;
        }
        double[] mean = new double[d];
        double[] scale = new double[d];
        for (int j = 0; j < d; j++) {
            double sum = 0;
            int cnt = 0;
            for (double[] r : raw) {
                if (Double.isFinite(r[j])) {
                    sum += r[j];
                    cnt++;
                }
            }
            double mu = cnt > 0 ? sum / cnt : 0;
            double ss = 0;
            for (double[] r : raw) {
                if (Double.isFinite(r[j])) {
                    ss += (r[j] - mu) * (r[j] - mu);
                }
            }
            double sd = cnt > 0 ? Math.sqrt(ss / cnt) : 0;
            mean[j] = mu;
            scale[j] = sd > 1e-12 * Math.max(1, Math.abs(mu)) ? sd : 1;
        }
        for (double[] r : raw) {
            for (int j = 0; j < d; j++) {
                double z = (r[j] - mean[j]) / scale[j];
                r[j] = Double.isFinite(z) ? z : 0;
            }
        }
        int positives = 0;
        for (int v : y) {
            positives += v;
        }
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = !balanced || positives == 0 || positives == n ? 1
                    : y[i] == 1 ? 0.5 * n / positives : 0.5 * n / (n - positives);
        }
        double[] beta = LogisticRegression.fitBinary(raw, y, w, l2, maxIterations);
        return EventTimingModel.of(features, window, mean, scale, beta);
    }

    /** Configures an {@link EventTimingTrainer}; not thread-safe. */
    public static final class Builder {
        private int window = TimeResolvedFingerprint.DEFAULT_WINDOW;
        private List<String> features = FingerprintFeature.trackNames();
        private double l2 = 1.0;
        private int maxIterations = 50;
        private int maxSamples = 200_000;
        private long seed;
        private boolean balanced = true;

        private Builder() {
        }

        /**
         * @param w window parameter of the time-resolved fingerprint, ≥ 1 frame
         * @return this
         */
        public Builder window(int w) {
            if (w < 1) {
                throw new IllegalArgumentException("window must be >= 1, got " + w);
            }
            this.window = w;
            return this;
        }

        /**
         * @param names the time-resolved features to use (non-empty)
         * @return this
         */
        public Builder features(List<String> names) {
            if (names.isEmpty()) {
                throw new IllegalArgumentException("features must not be empty");
            }
            this.features = List.copyOf(names);
            return this;
        }

        /**
         * @param lambda L2 penalty on the standardised weights, &gt; 0
         * @return this
         */
        public Builder l2(double lambda) {
            if (!(lambda > 0) || Double.isInfinite(lambda)) {
                throw new IllegalArgumentException("l2 must be finite and > 0, got " + lambda);
            }
            this.l2 = lambda;
            return this;
        }

        /**
         * @param n Newton iterations, ≥ 1
         * @return this
         */
        public Builder maxIterations(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("maxIterations must be >= 1, got " + n);
            }
            this.maxIterations = n;
            return this;
        }

        /**
         * @param n most training samples (frames), ≥ 1; more are subsampled with the seed
         * @return this
         */
        public Builder maxSamples(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("maxSamples must be >= 1, got " + n);
            }
            this.maxSamples = n;
            return this;
        }

        /**
         * @param s seed of the sample selection
         * @return this
         */
        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /**
         * @param b whether both classes get equal total weight (default true)
         * @return this
         */
        public Builder balanced(boolean b) {
            this.balanced = b;
            return this;
        }

        /** @return the trainer */
        public EventTimingTrainer build() {
            return new EventTimingTrainer(this);
        }
    }
}
