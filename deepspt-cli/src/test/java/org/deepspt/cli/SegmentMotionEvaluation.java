package org.deepspt.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.deepspt.api.Segment;
import org.deepspt.api.Segmentation;
import org.deepspt.api.Segmenter;
import org.deepspt.api.SegmenterOptions;
import org.deepspt.api.Segmenters;
import org.deepspt.api.Trajectory;
import org.deepspt.eval.Andi2Metrics;
import org.deepspt.msd.SegmentMotionFitter;
import org.deepspt.sim.SegmentGenerator;
import org.deepspt.smoothing.ViterbiSmoother;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Measurement tool (test scope, not a test; skipped unless {@code -Ddeepspt.motionEval=TRACKS}): per-segment D
 * and α ({@link SegmentMotionFitter}) scored as AnDi-2 does ({@link Andi2Metrics}) on 2D (or, with
 * {@code -Ddeepspt.motionEval.dim=3}, 3D) tracks with known
 * per-frame α and D, segmented by the bundled default model (with its defaults, Viterbi smoothing and D changes within
 * a class; and with {@code withDiffusivityChanges(false)}) and, for comparison, by the true segments; the default
 * two-lag estimate and the MSD fit ({@link SegmentMotionFitter#msdFitOnly()}) on the same segments.
 *
 * <pre>
 * mvn -o -q test -pl deepspt-cli -am -Dtest=SegmentMotionEvaluation -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Ddeepspt.motionEval=1500
 * </pre>
 * Tracks (seed 20261206 + index, XO_RO_SHI_RO_128_PP), 200 points, dt = 1 s, so that D in µm²/s<sup>α</sup>
 * equals D in µm²/frame<sup>α</sup> (the challenge's unit with 1 µm pixels): index mod 3 = 0: one state,
 * Brownian (α = 1) or fBm (α ~ U[0.2, 0.8]); 1: Brownian and fBm, in random order; 2: Brownian to Brownian
 * with D changed 10–100× (either way; one state, two true segments). D ~ log-uniform [1e-3, 0.5] µm²/s
 * (fBm: MSD = 2·dim·D·t<sup>α</sup> with t in s), cut uniform in [30, 170], localization noise σ = √(D·dt)/Q per
 * segment with Q ~ U[2, 16] (the simulator's definition). True states: 0 (normal) for Brownian, 3
 * (subdiffusive) for fBm. Prints the change-point and segment metrics for each segmentation.
 */
@EnabledIfSystemProperty(named = "deepspt.motionEval", matches = "\\d+")
class SegmentMotionEvaluation {
    private static final int N = 200;
    private static final long SEED = 20261206L;

    @Test
    void measure() {
        int tracks = Integer.getInteger("deepspt.motionEval");
        int dim = Integer.getInteger("deepspt.motionEval.dim", 2);
        Andi2Metrics model = Andi2Metrics.create();
        Andi2Metrics oracle = Andi2Metrics.create();
        Andi2Metrics classOnly = Andi2Metrics.create();
        Andi2Metrics modelMsd = Andi2Metrics.create();
        Andi2Metrics oracleMsd = Andi2Metrics.create();
        SegmentMotionFitter fitter = SegmentMotionFitter.defaults();
        SegmentMotionFitter msd = SegmentMotionFitter.msdFitOnly();
        long segments = 0;
        long tooShort = 0;
        try (Segmenter unet = Segmenters.open("unet", dim, SegmenterOptions.defaults());
                Segmenter noChanges = Segmenters.open("unet", dim,
                        SegmenterOptions.defaults().withDiffusivityChanges(false))) {
            for (int k = 0; k < tracks; k++) {
                Truth t = simulate(k, dim);
                Segmentation raw = unet.segment(t.track);
                Segmentation pred = fitter.estimate(t.track, raw);
                model.addFrames(t.states, t.alpha, t.d, pred);
                modelMsd.addFrames(t.states, t.alpha, t.d, msd.estimate(t.track, raw));
                classOnly.addFrames(t.states, t.alpha, t.d, fitter.estimate(t.track, noChanges.segment(t.track)));
                for (Segment s : pred.segments()) {
                    segments++;
                    tooShort += s.length() < 16 ? 1 : 0;
                }
                Segmentation trueSegs = Segmentation.oneHot(t.track.id(), t.track.frames(), t.states)
                        .withSplits(starts(t.segmentIds));
                oracle.addFrames(t.states, t.alpha, t.d, fitter.estimate(t.track, trueSegs));
                oracleMsd.addFrames(t.states, t.alpha, t.d, msd.estimate(t.track, trueSegs));
            }
            System.out.println("motion evaluation: " + tracks + " " + dim + "D tracks of " + N + " points, model "
                    + unet.name());
        }
        System.out.println(line("bundled unet (defaults: smoothed, D changes, two-lag estimate)", model));
        System.out.println(line("bundled unet, the same segments, MSD fit (msdFitOnly)", modelMsd));
        System.out.printf(Locale.ROOT, "  predicted segments %d, of which %d under 16 points (no MSD fit)%n",
                segments, tooShort);
        System.out.println(line("bundled unet --no-d-changes", classOnly));
        System.out.println(line("true segments, two-lag estimate", oracle));
        System.out.println(line("true segments, MSD fit", oracleMsd));
    }

    private static String line(String what, Andi2Metrics m) {
        return String.format(Locale.ROOT, "%s: CP Jaccard %.3f, RMSE %.2f frames; %d segment pairs, %d without "
                + "estimate; alpha MAE %.3f (estimates only %.3f), D MSLE %.4f (estimates only %.4f), "
                + "mean (ln D ratio)^2 %.3f, state F1 %.3f", what, m.jaccard(), m.rmse(), m.segmentPairs(),
                m.segmentPairsWithoutEstimate(), m.alphaMae(), m.alphaMaeOfEstimates(), m.diffusionMsle(),
                m.diffusionMsleOfEstimates(), m.diffusionSquaredLogRatioOfEstimates(), m.stateF1Micro());
    }

    /** @return the indices where the segment id changes */
    private static int[] starts(int[] ids) {
        return java.util.stream.IntStream.range(1, ids.length).filter(i -> ids[i] != ids[i - 1]).toArray();
    }

    private record Truth(Trajectory track, int[] states, double[] alpha, double[] d, int[] segmentIds) {
    }

    private static Truth simulate(int index, int dim) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(SEED + index);
        int kind = index % 3;
        double dt = 1.0;
        List<double[]> segs = new ArrayList<>(); // {state, alpha, D, length}
        double d1 = logUniform(rng, 1e-3, 0.5);
        if (kind == 0) {
            boolean fbm = rng.nextBoolean();
            segs.add(new double[] {fbm ? 3 : 0, fbm ? uniform(rng, 0.2, 0.8) : 1, d1, N});
        } else {
            int cut = 30 + rng.nextInt(141);
            if (kind == 1) {
                double d2 = logUniform(rng, 1e-3, 0.5);
                double a = uniform(rng, 0.2, 0.8);
                boolean fbmFirst = rng.nextBoolean();
                segs.add(fbmFirst ? new double[] {3, a, d1, cut} : new double[] {0, 1, d1, cut});
                segs.add(fbmFirst ? new double[] {0, 1, d2, N - cut} : new double[] {3, a, d2, N - cut});
            } else {
                double f = logUniform(rng, 10, 100);
                double d2 = rng.nextBoolean() ? d1 * f : d1 / f;
                segs.add(new double[] {0, 1, d1, cut});
                segs.add(new double[] {0, 1, d2, N - cut});
            }
        }
        double q = uniform(rng, 2, 16);
        double[][] axes = new double[dim][N];
        int[] states = new int[N];
        double[] alpha = new double[N];
        double[] d = new double[N];
        int[] ids = new int[N];
        int start = 0;
        double[] origin = new double[dim];
        for (int s = 0; s < segs.size(); s++) {
            double[] g = segs.get(s);
            int len = (int) g[3];
            // the first segment's first point is the origin; every later segment continues from the last point
            int first = s == 0 ? 1 : start;
            int count = s == 0 ? len - 1 : len;
            if (g[0] == 3) {
                SegmentGenerator.subdiffusive(g[2], g[1] / 2, dt, origin, rng, axes, first, count);
            } else {
                SegmentGenerator.normal(g[2], dt, origin, rng, axes, first, count);
            }
            origin = new double[dim];
            for (int a = 0; a < dim; a++) {
                origin[a] = axes[a][start + len - 1];
            }
            for (int i = start; i < start + len; i++) {
                states[i] = (int) g[0];
                alpha[i] = g[1];
                d[i] = g[2];
                ids[i] = s % 2;
            }
            start += len;
        }
        // noise after rendering, per segment (the true path is continuous)
        start = 0;
        for (double[] g : segs) {
            int len = (int) g[3];
            SegmentGenerator.addNoise(Math.sqrt(g[2] * dt) / q, rng, axes, start, len);
            start += len;
        }
        Trajectory track = Trajectory.ofAxes(String.valueOf(index), dt, axes);
        return new Truth(track, states, alpha, d, ids);
    }

    private static double uniform(UniformRandomProvider rng, double lo, double hi) {
        return lo + (hi - lo) * rng.nextDouble();
    }

    private static double logUniform(UniformRandomProvider rng, double lo, double hi) {
        return Math.exp(uniform(rng, Math.log(lo), Math.log(hi)));
    }
}
