package org.deepspt.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.LongFunction;
import org.deepspt.api.Trajectory;
import org.deepspt.api.TrueMotion;
import org.deepspt.io.TrajectoryCsvWriter;
import org.deepspt.options.OptionUsageException;
import org.deepspt.sim.SimulationConfig;
import org.deepspt.sim.Simulator;
import org.deepspt.sim.WideSimulator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code simulate}: tracks of the published protocol (or the widened recipe), with their truth, to CSV. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Simulate tracks of the four diffusion states (DeepSPT protocol) to CSV "
                + "particle,frame,x,y[,z],true_D,true_alpha,state (µm, state = true index 0..3).",
                "true_D: the diffusion coefficient that generated the point's segment, µm²/s^α (µm²/s when "
                + "α = 1; MSD per axis = 2·D·τ^α, τ in s); true_alpha: that segment's anomalous exponent (the "
                + "fractional-Brownian α of subdiffusive and fBm-directed segments, 1 for Brownian-based ones: "
                + "normal, drift-directed, confined, trapped). Consecutive points of one segment carry equal "
                + "values, so a change of true_D marks a change of D within a class as well. evaluate scores "
                + "change points and segment estimates against them; readers of track files ignore them."})
final class SimulateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--dim", defaultValue = "2", description = "Dimension: 2 or 3 (default ${DEFAULT-VALUE}).")
    int dim;

    @Option(names = "--tracks", required = true, paramLabel = "N", description = "Number of tracks.")
    int tracks;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S",
            description = "Random seed (default ${DEFAULT-VALUE}); same seed, same file.")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "FILE.csv", description = "Output CSV.")
    Path out;

    @Option(names = "--clean-only", description = "Only single-state tracks (no change points).")
    boolean cleanOnly;

    @Option(names = "--length", paramLabel = "N", description = "Fixed number of points per track "
            + "(default: uniform in [5, 600]).")
    Integer length;

    @Option(names = "--snr", paramLabel = "Q", description = "Fixed signal-to-noise ratio Q "
            + "(default: uniform in [1, 16]).")
    Double snr;

    @Option(names = "--frame-interval", paramLabel = "S", defaultValue = "1.0",
            description = "Frame interval in s (default ${DEFAULT-VALUE}).")
    double frameInterval;

    @picocli.CommandLine.Mixin
    RecipeOptions population = new RecipeOptions();

    @Option(names = "--length-min", paramLabel = "N",
            description = "With --recipe wide: shortest track in points (default 5).")
    Integer lengthMin;

    @Option(names = "--length-max", paramLabel = "N",
            description = "With --recipe wide: longest track in points (default 600).")
    Integer lengthMax;

    @Mixin
    ProgressOption progress = new ProgressOption();

    @Override
    public Integer call() {
        if (tracks < 1) {
            throw new OptionUsageException("--tracks must be >= 1, got " + tracks);
        }
        if (population.wide()) {
            return wide();
        }
        if (lengthMin != null || lengthMax != null) {
            throw new OptionUsageException("--length-min and --length-max need --recipe wide");
        }
        SimulationConfig config;
        try {
            SimulationConfig.Builder b = SimulationConfig.builder(dim).frameInterval(frameInterval);
            if (cleanOnly) {
                b.heterogeneousFraction(0.0);
            }
            if (length != null) {
                b.fixedLength(length);
            }
            if (snr != null) {
                b.fixedSnr(snr);
            }
            config = b.build();
        } catch (IllegalArgumentException e) {
            throw new OptionUsageException("invalid --dim, --length, --snr or --frame-interval: " + e.getMessage(), e);
        }
        Simulator sim = Simulator.of(config);
        return write(i -> sim.simulate(seed, i), i -> sim.truthOf(seed, i));
    }

    private int wide() {
        if (cleanOnly || snr != null || frameInterval != 1.0) {
            throw new OptionUsageException("--clean-only, --snr and --frame-interval apply to --recipe protocol only "
                    + "(choose --scenario brownian or single for single-state tracks)");
        }
        if (length != null && (lengthMin != null || lengthMax != null)) {
            throw new OptionUsageException("--length fixes every track's length; give it or --length-min/--length-max, "
                    + "not both");
        }
        int min = length != null ? length : lengthMin != null ? lengthMin : 5;
        int max = length != null ? length : lengthMax != null ? lengthMax : 600;
        WideSimulator sim = population.simulator(dim, min, max);
        return write(i -> sim.simulate(seed, i), i -> sim.truthOf(seed, i));
    }

    private int write(LongFunction<Trajectory> track, LongFunction<TrueMotion> truth) {
        var err = spec.commandLine().getErr();
        // all or nothing: a run killed half-way leaves the previous file, not a truncated one
        try (org.deepspt.io.OutputTransaction tx = org.deepspt.io.OutputTransaction.begin()) {
            try (TrajectoryCsvWriter w = TrajectoryCsvWriter.openWithTrueMotion(tx.stage(out), dim);
                    Progress p = progress.open(err, "simulate", tracks)) {
                for (long i = 0; i < tracks; i++) {
                    w.write(track.apply(i), truth.apply(i));
                    p.step();
                }
            }
            tx.commit();
        }
        err.println("simulated " + tracks + " " + dim + "D tracks (seed " + seed + ") -> " + out);
        return 0;
    }
}
