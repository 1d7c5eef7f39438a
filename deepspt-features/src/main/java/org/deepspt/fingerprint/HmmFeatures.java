package org.deepspt.fingerprint;

import java.util.Arrays;

/**
 * HMM family: the Viterbi path of the step lengths under a 4-state {@link FixedStepHmm} and the features
 * {@code hmm_fraction_0..3} (states ranked by emission mean) and {@code hmm_mean_dwell} (definitions on
 * {@link DiffusionalFingerprint}). Per-thread scratch object (part of
 * {@link DiffusionalFingerprint.Workspace}); not thread-safe.
 */
final class HmmFeatures {
    private int[] path = new int[0];
    private double[] scratch = new double[0];
    private final int[] rankCount = new int[4];

    /**
     * Decodes and writes the HMM features.
     *
     * @param hmm the 4-state model
     * @param steps the step lengths, µm
     * @param frameSpan frames between the first and last point (the number of steps without gaps): the dwell time
     *     is the track's duration frameSpan·dt over the number of runs of equal state, so a step over a gap counts
     *     for the frames it spans, as in {@code speed}
     * @param dt frame interval, s
     * @param out destination, indexed by {@link FingerprintFeature#ordinal()} + {@code o}
     * @param o offset
     */
    void write(FixedStepHmm hmm, StepLengths steps, int frameSpan, double dt, double[] out, int o) {
        int m = steps.steps();
        if (path.length < m) {
            path = new int[Math.max(m, 2 * path.length)];
        }
        int size = hmm.scratchSize(m);
        if (scratch.length < size) {
            scratch = new double[Math.max(size, 2 * scratch.length)];
        }
        hmm.viterbi(steps.lengths(), 0, m, path, scratch);
        Arrays.fill(rankCount, 0);
        int runs = 1;
        for (int i = 0; i < m; i++) {
            rankCount[hmm.rankByMean(path[i])]++;
            if (i > 0 && path[i] != path[i - 1]) {
                runs++;
            }
        }
        for (int r = 0; r < 4; r++) {
            out[o + FingerprintFeature.HMM_FRACTION_0.ordinal() + r] = (double) rankCount[r] / m;
        }
        out[o + FingerprintFeature.HMM_MEAN_DWELL.ordinal()] = (double) frameSpan / runs * dt;
    }
}
