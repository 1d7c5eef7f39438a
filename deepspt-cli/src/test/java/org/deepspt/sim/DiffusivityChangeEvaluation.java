package org.deepspt.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import org.deepspt.api.DiffusionState;
import org.deepspt.api.Segmentation;
import org.deepspt.api.Segmenter;
import org.deepspt.api.SegmenterOptions;
import org.deepspt.api.Segmenters;
import org.deepspt.api.Trajectory;
import org.deepspt.eval.Andi2Metrics;
import org.deepspt.msd.SegmentMotionFitter;
import org.deepspt.smoothing.DiffusivityChangeDetector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Measurement tool (test scope, not a test; skipped unless {@code -Ddeepspt.dChangeEval=SETS}): the changes of D
 * within a class ({@link DiffusivityChangeDetector}) after the bundled default model, on the held-out sets of
 * {@code models/evaluate-wide.sh} regenerated in-process with the same seeds, so that the truth has what the
 * simulated CSV lacks: the true D and α of every point ({@link WideSimulator#planOf}; hence this package). A true
 * change point is a change of state, D or α (the AnDi-2 challenge's definition); protocol tracks (one D per track)
 * change where the state does.
 *
 * <pre>
 * mvn -o -q test -pl deepspt-cli -am -Dtest=DiffusivityChangeEvaluation -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Ddeepspt.dChangeEval="brownian-d-jump d-change class-change wide walls brownian single main" \
 *     [-Ddeepspt.dChangeEval.dim=3] [-Ddeepspt.dChangeEval.tracks=N] \
 *     [-Ddeepspt.dChangeEval.variants="8:10:3:NS 8:10:3:NDCS"]
 * </pre>
 * Sets of models/evaluate-wide.sh (same seeds and sizes unless {@code tracks} is given: main 10,000, wide 5,000, the
 * others 2,000): main, wide, brownian-d-jump, walls, brownian-7, class-change; new seeds: d-change (D0317), brownian
 * (single-state Brownian, 20–600 points, D0318), single (single-state tracks of every class, D0319), trapped (D0320).
 * A variant is penalty (nats) : minimum points : minimum D ratio : classes searched (letters N D C S). Per set and
 * variant it prints 4-class accuracy, the change-point Jaccard (threshold 10 frames), α MAE and D MSLE of the
 * segments (wide tracks only: the protocol part has no per-point D in its truth here) with the share of pairs
 * without estimate, change points per track, and on the tracks whose truth has no change point the share that got
 * a D split (the false-split rate) by predicted class of the split segment, and the detector's time per frame (best of
 * five passes over the set).
 */
@EnabledIfSystemProperty(named = "deepspt.dChangeEval", matches = ".+")
class DiffusivityChangeEvaluation {

    private record Truth(Trajectory track, int[] states, double[] alpha, double[] d, boolean protocol) {
        boolean single() {
            for (int i = 1; i < states.length; i++) {
                if (states[i] != states[0] || alpha[i] != alpha[0] || d[i] != d[0]) {
                    return false;
                }
            }
            return true;
        }
    }

    @Test
    void measure() {
        int dim = Integer.getInteger("deepspt.dChangeEval.dim", 2);
        Integer tracksOverride = Integer.getInteger("deepspt.dChangeEval.tracks");
        List<String> variants = new ArrayList<>(List.of("off"));
        variants.addAll(List.of(System.getProperty("deepspt.dChangeEval.variants", "8:10:3:NS").trim().split("\\s+")));
        SegmentMotionFitter fitter = SegmentMotionFitter.defaults();
        try (Segmenter unet = Segmenters.open("unet", dim, SegmenterOptions.defaults().withDiffusivityChanges(false))) {
            System.out.println("D-change evaluation, " + dim + "D, model " + unet.name());
            System.out.println("set,variant,tracks,acc4,cp_jaccard,cp_rmse,alpha_mae,d_msle,d_msle_estimates,"
                    + "pairs_without_estimate,cps_per_track,single_tracks,false_split_rate,false_splits_by_class(N/D/C/S),"
                    + "detector_ns_per_frame");
            for (String set : System.getProperty("deepspt.dChangeEval").trim().split("\\s+")) {
                int tracks = tracksOverride != null ? tracksOverride
                        : set.equals("main") ? 10_000 : set.equals("wide") ? 5_000 : 2_000;
                List<Truth> truth = simulate(set, dim, tracks);
                List<Trajectory> ts = new ArrayList<>();
                for (Truth t : truth) {
                    ts.add(t.track);
                }
                List<Segmentation> base = unet.segmentAll(ts);
                for (String v : variants) {
                    DiffusivityChangeDetector det = v.equals("off") ? null : parse(v);
                    Andi2Metrics cp = Andi2Metrics.create();
                    Andi2Metrics seg = Andi2Metrics.create();
                    long cps = 0;
                    long single = 0;
                    long falseSplit = 0;
                    int[] byClass = new int[4];
                    long correct = 0;
                    long frames = 0;
                    long nanos = 0;
                    if (det != null) {
                        // the detector alone, best of 5 passes over the set (warm JIT), per frame
                        nanos = Long.MAX_VALUE;
                        for (int rep = 0; rep < 5; rep++) {
                            long t0 = System.nanoTime();
                            for (int k = 0; k < truth.size(); k++) {
                                det.split(truth.get(k).track, base.get(k));
                            }
                            nanos = Math.min(nanos, System.nanoTime() - t0);
                        }
                    }
                    for (int k = 0; k < truth.size(); k++) {
                        Truth t = truth.get(k);
                        Segmentation s = base.get(k);
                        if (det != null) {
                            s = det.split(t.track, s);
                        }
                        int[] ps = s.stateIndices();
                        for (int i = 0; i < ps.length; i++) {
                            correct += ps[i] == t.states[i] ? 1 : 0;
                        }
                        frames += ps.length;
                        cps += s.changePointIndices().length;
                        if (t.protocol) {
                            cp.addChangePoints(changes(t), s.changePointIndices());
                        } else {
                            Segmentation fitted = fitter.estimate(t.track, s);
                            cp.addFrames(t.states, t.alpha, t.d, fitted);
                            seg.addFrames(t.states, t.alpha, t.d, fitted);
                        }
                        if (t.single()) {
                            single++;
                            int[] sp = s.splitIndices();
                            if (sp.length > 0) {
                                falseSplit++;
                                for (int i : sp) {
                                    byClass[ps[i]]++;
                                }
                            }
                        }
                    }
                    System.out.printf(Locale.ROOT, "%s,%s,%d,%.4f,%.4f,%.3f,%.4f,%.4f,%.4f,%d/%d,%.3f,%d,%.4f,%s,%.0f%n",
                            set, v, truth.size(), correct / (double) frames, cp.jaccard(), cp.rmse(), seg.alphaMae(),
                            seg.diffusionMsle(), seg.diffusionMsleOfEstimates(), seg.segmentPairsWithoutEstimate(),
                            seg.segmentPairs(), cps / (double) truth.size(), single,
                            single == 0 ? Double.NaN : falseSplit / (double) single,
                            byClass[0] + "/" + byClass[1] + "/" + byClass[2] + "/" + byClass[3], nanos / (double) frames);
                }
            }
        }
    }

    private static int[] changes(Truth t) {
        int[] out = new int[t.states.length];
        int c = 0;
        for (int i = 1; i < t.states.length; i++) {
            if (t.states[i] != t.states[i - 1]) {
                out[c++] = i;
            }
        }
        return Arrays.copyOf(out, c);
    }

    private static DiffusivityChangeDetector parse(String v) {
        String[] p = v.split(":");
        EnumSet<DiffusionState> states = EnumSet.noneOf(DiffusionState.class);
        for (char c : p[3].toCharArray()) {
            states.add(switch (c) {
                case 'N' -> DiffusionState.NORMAL;
                case 'D' -> DiffusionState.DIRECTED;
                case 'C' -> DiffusionState.CONFINED;
                case 'S' -> DiffusionState.SUBDIFFUSIVE;
                default -> throw new IllegalArgumentException("class letter " + c);
            });
        }
        return DiffusivityChangeDetector.of(Double.parseDouble(p[0]), Integer.parseInt(p[1]),
                Double.parseDouble(p[2]), states);
    }

    /** The sets of models/evaluate-wide.sh (same seeds and options), plus single-state sets of new seeds. */
    private static List<Truth> simulate(String set, int dim, int tracks) {
        long seed;
        WideSimulator sim;
        switch (set) {
            case "main" -> {
                Simulator p = Simulator.of(SimulationConfig.builder(dim).build());
                List<Truth> out = new ArrayList<>();
                long s = Long.parseLong(dim + "0301");
                for (int i = 0; i < tracks; i++) {
                    Trajectory t = p.simulate(s, i);
                    double[] one = new double[t.size()];
                    Arrays.fill(one, 1);
                    out.add(new Truth(t, t.stateIndices(), one, one, true));
                }
                return out;
            }
            case "wide" -> {
                seed = Long.parseLong(dim + "0311");
                sim = WideSimulator.of(dim, 5, 600, null);
            }
            case "brownian-d-jump" -> {
                seed = Long.parseLong(dim + "0312");
                sim = WideSimulator.of(dim, 20, 600, WideScenario.BROWNIAN_D_JUMP);
            }
            case "brownian-7" -> {
                seed = Long.parseLong(dim + "0314");
                sim = WideSimulator.of(dim, 7, 7, WideScenario.BROWNIAN);
            }
            case "walls" -> {
                seed = Long.parseLong(dim + "0313");
                sim = WideSimulator.of(dim, 20, 600, WideScenario.WALLS);
            }
            case "class-change" -> {
                seed = Long.parseLong(dim + "0316");
                sim = WideSimulator.of(dim, 20, 600, WideScenario.CLASS_CHANGE);
            }
            case "d-change" -> {
                seed = Long.parseLong(dim + "0317");
                sim = WideSimulator.of(dim, 20, 600, WideScenario.D_CHANGE);
            }
            case "brownian" -> {
                seed = Long.parseLong(dim + "0318");
                sim = WideSimulator.of(dim, 20, 600, WideScenario.BROWNIAN);
            }
            case "single" -> {
                seed = Long.parseLong(dim + "0319");
                sim = WideSimulator.of(dim, 20, 600, WideScenario.SINGLE);
            }
            case "trapped" -> {
                seed = Long.parseLong(dim + "0320");
                sim = WideSimulator.of(dim, 20, 600, WideScenario.TRAPPED);
            }
            default -> throw new IllegalArgumentException("unknown set " + set);
        }
        List<Truth> out = new ArrayList<>();
        for (int i = 0; i < tracks; i++) {
            Trajectory t = sim.simulate(seed, i);
            WideSimulator.TrackPlan plan = sim.planOf(seed, i);
            int n = t.size();
            if (plan == null) {
                double[] one = new double[n];
                Arrays.fill(one, 1);
                out.add(new Truth(t, t.stateIndices(), one, one, true));
                continue;
            }
            double[] alpha = new double[n];
            double[] d = new double[n];
            int at = 0;
            for (WideSimulator.SegmentPlan g : plan.segments()) {
                Arrays.fill(alpha, at, at + g.length(), g.alpha());
                Arrays.fill(d, at, at + g.length(), g.diffusion());
                at += g.length();
            }
            if (at != n) {
                throw new IllegalStateException("plan of track " + i + " has " + at + " points, the track " + n);
            }
            out.add(new Truth(t, t.stateIndices(), alpha, d, false));
        }
        return out;
    }
}
