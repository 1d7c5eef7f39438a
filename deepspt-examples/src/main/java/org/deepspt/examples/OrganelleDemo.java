package org.deepspt.examples;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.deepspt.api.DiffusionState;
import org.deepspt.api.Fingerprint;
import org.deepspt.api.TrackIssue;
import org.deepspt.api.Trajectory;
import org.deepspt.baseline.RollingMsdSegmenter;
import org.deepspt.classify.AblationTable;
import org.deepspt.classify.ClassifierTrainer;
import org.deepspt.classify.CrossValidation;
import org.deepspt.classify.TrackFingerprints;
import org.deepspt.fingerprint.DiffusionalFingerprint;
import org.deepspt.sim.SegmentSpec;
import org.deepspt.sim.SimulationConfig;
import org.deepspt.sim.Simulator;

/**
 * Demonstration: two simulated "organelle" populations that differ only in their state kinetics are told
 * apart by a classifier on the full diffusional fingerprint better than by α, D or α + D alone.
 *
 * <p>Both populations draw every per-track parameter from the same distributions — D log-uniform on
 * [1e-4, 0.5] µm²/s, SNR Q ~ U[1, 16], directed speed, confinement ellipse and fBm α as in the paper's
 * protocol ({@link SimulationConfig#paper(int) paper(2)}, frame interval 1 s) — and the same length
 * N ~ U{{@value #MIN_LENGTH}..{@value #MAX_LENGTH}} points. Only the state sequence differs, a telegraph
 * process whose dwell times are exponential (rounded, at least {@value #MIN_DWELL} points) with means:
 * <ul>
 *   <li>A (e.g. an endosome that docks): normal (mean 40 points) ↔ confined (mean 120 points);</li>
 *   <li>B (e.g. a vesicle on the cytoskeleton): normal (mean 40 points) ↔ directed or subdiffusive (chosen
 *       with probability ½ each time, mean 60 points).</li>
 * </ul>
 * The first state is drawn with the long-run fraction of time in it. Every track is segmented with the
 * rolling-MSD baseline ({@link RollingMsdSegmenter#defaults()}) and fingerprinted with
 * {@link DiffusionalFingerprint#defaults()}; then stratified k-fold CV runs for the FULL, ALPHA_D, ALPHA
 * and DIFFUSION feature sets, with logistic regression and with a 100-tree random forest.
 *
 * <p>{@link #main} prints the tables to standard output (a command-line example, not part of the library
 * jar): {@code java -cp deepspt-cli/target/deepspt.jar:deepspt-examples/target/deepspt-examples-<version>.jar
 * org.deepspt.examples.OrganelleDemo [tracksPerClass [seed [folds]]]}.
 */
public final class OrganelleDemo {
    static final int MIN_LENGTH = 100;
    static final int MAX_LENGTH = 400;
    static final int MIN_DWELL = 5;

    /**
     * Simulated labelled tracks.
     *
     * @param tracks the tracks, ids {@code A-i} and {@code B-i}
     * @param labels {@code A} or {@code B}, one per track
     */
    public record Population(List<Trajectory> tracks, List<String> labels) {
        /** Freezes the lists. */
        public Population {
            tracks = List.copyOf(tracks);
            labels = List.copyOf(labels);
        }
    }

    /**
     * Result of {@link #run}.
     *
     * @param tracksPerClass tracks simulated per class
     * @param seed the seed
     * @param rejected tracks the segmenter or fingerprint could not process
     * @param logistic ablation table of logistic regression
     * @param forest ablation table of the random forest
     */
    public record Result(int tracksPerClass, long seed, List<TrackIssue> rejected, AblationTable logistic,
            AblationTable forest) {
        /** Freezes the list. */
        public Result {
            rejected = List.copyOf(rejected);
        }

        /** @return both tables with a heading */
        public String toText() {
            return String.format(Locale.ROOT, "Organelle demo: %d tracks per class, seed %d, %d rejected%n",
                    tracksPerClass, seed, rejected.size()) + logistic.toText() + forest.toText();
        }
    }

    private OrganelleDemo() {
    }

    /**
     * @param tracksPerClass tracks per population (≥ 1)
     * @param seed seed of everything (kinetics, motion parameters, folds, training)
     * @return tracks of A (indices 0..n−1) then B (indices n..2n−1)
     */
    public static Population simulate(int tracksPerClass, long seed) {
        if (tracksPerClass < 1) {
            throw new IllegalArgumentException("tracksPerClass must be >= 1, got " + tracksPerClass);
        }
        Simulator sim = Simulator.of(SimulationConfig.paper(2));
        Trajectory[] tracks = new Trajectory[2 * tracksPerClass];
        java.util.stream.IntStream.range(0, tracks.length).parallel().forEach(i -> {
            boolean a = i < tracksPerClass;
            UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(new long[] {seed, i + 1L});
            List<SegmentSpec> plan = a ? kineticsA(rng) : kineticsB(rng);
            tracks[i] = sim.simulateSequence(seed, i, plan)
                    .withId((a ? "A-" : "B-") + (a ? i : i - tracksPerClass));
        });
        List<String> labels = new ArrayList<>(tracks.length);
        for (int i = 0; i < tracks.length; i++) {
            labels.add(i < tracksPerClass ? "A" : "B");
        }
        return new Population(List.of(tracks), labels);
    }

    private static int length(UniformRandomProvider rng) {
        return MIN_LENGTH + rng.nextInt(MAX_LENGTH - MIN_LENGTH + 1);
    }

    private static int dwell(UniformRandomProvider rng, double mean) {
        double u = 1 - rng.nextDouble(); // (0, 1]
        return MIN_DWELL + (int) Math.round(-Math.log(u) * (mean - MIN_DWELL));
    }

    static List<SegmentSpec> kineticsA(UniformRandomProvider rng) {
        int n = length(rng);
        double normalMean = 40;
        double confinedMean = 120;
        boolean normal = rng.nextDouble() < normalMean / (normalMean + confinedMean);
        List<SegmentSpec> plan = new ArrayList<>();
        int left = n;
        while (left > 0) {
            int d = Math.min(left, dwell(rng, normal ? normalMean : confinedMean));
            plan.add(SegmentSpec.of(normal ? DiffusionState.NORMAL : DiffusionState.CONFINED, d));
            left -= d;
            normal = !normal;
        }
        return plan;
    }

    static List<SegmentSpec> kineticsB(UniformRandomProvider rng) {
        int n = length(rng);
        double normalMean = 40;
        double otherMean = 60;
        boolean normal = rng.nextDouble() < normalMean / (normalMean + otherMean);
        List<SegmentSpec> plan = new ArrayList<>();
        int left = n;
        while (left > 0) {
            DiffusionState s = normal ? DiffusionState.NORMAL
                    : rng.nextBoolean() ? DiffusionState.DIRECTED : DiffusionState.SUBDIFFUSIVE;
            int d = Math.min(left, dwell(rng, normal ? normalMean : otherMean));
            plan.add(SegmentSpec.of(s, d));
            left -= d;
            normal = !normal;
        }
        return plan;
    }

    /**
     * Simulates, fingerprints and cross-validates (5 folds).
     *
     * @param tracksPerClass tracks per population
     * @param seed seed of everything
     * @return the ablation tables
     */
    public static Result run(int tracksPerClass, long seed) {
        return run(tracksPerClass, seed, 5);
    }

    /**
     * @param tracksPerClass tracks per population
     * @param seed seed of everything
     * @param folds CV folds
     * @return the ablation tables
     */
    public static Result run(int tracksPerClass, long seed, int folds) {
        Population pop = simulate(tracksPerClass, seed);
        TrackFingerprints fp = TrackFingerprints.extract(pop.tracks(), RollingMsdSegmenter.defaults(),
                DiffusionalFingerprint.defaults(), true);
        Set<String> rejected = new HashSet<>();
        fp.issues().forEach(i -> rejected.add(i.trackId()));
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < pop.tracks().size(); i++) {
            if (!rejected.contains(pop.tracks().get(i).id())) {
                labels.add(pop.labels().get(i));
            }
        }
        List<Fingerprint> fps = fp.fingerprints();
        AblationTable lr = CrossValidation.ablation(ClassifierTrainer.logistic().seed(seed).build(), fps, labels,
                folds, seed);
        AblationTable rf = CrossValidation.ablation(ClassifierTrainer.randomForest().trees(100).seed(seed).build(),
                fps, labels, folds, seed);
        return new Result(tracksPerClass, seed, fp.issues(), lr, rf);
    }

    /**
     * Prints {@link #run}'s tables to standard output.
     *
     * @param args optional: tracks per class (default 500), seed (default 2026), folds (default 5)
     */
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 2026;
        int folds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        long t0 = System.nanoTime();
        Result r = run(n, seed, folds);
        System.out.print(r.toText());
        System.out.printf(Locale.ROOT, "%d-fold CV; %.1f s%n", folds, (System.nanoTime() - t0) / 1e9);
    }
}
