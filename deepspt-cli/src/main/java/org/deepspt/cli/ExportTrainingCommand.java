package org.deepspt.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.deepspt.npy.TrainingSetExporter;
import org.deepspt.options.OptionUsageException;
import org.deepspt.sim.SimulationConfig;
import org.deepspt.sim.Simulator;
import org.deepspt.sim.WideSimulator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code export-training}: simulates a labelled training or validation set with the paper's protocol
 * ({@link SimulationConfig#paper(int)}, optionally with another length range) and writes the
 * {@code positions.npy}/{@code labels.npy}/{@code offsets.npy}/{@code spec.json} set read by
 * {@code models/training/dataset.py}. Same options → byte-identical files, whatever {@code --threads}.
 */
@Command(name = "export-training", mixinStandardHelpOptions = true,
        description = "Simulate labelled tracks and write them as .npy files for model training.")
final class ExportTrainingCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--dim", required = true, paramLabel = "DIM", description = "Dimension: 2 or 3.")
    int dim;

    @Option(names = "--tracks", required = true, paramLabel = "N", description = "Number of tracks to simulate.")
    int tracks;

    @Option(names = "--seed", required = true, paramLabel = "SEED",
            description = "Seed of the set (keep training, validation and "
            + "test seeds disjoint).")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Output directory (created if missing).")
    Path out;

    @Option(names = "--length-min", paramLabel = "N", description = "Shortest track in points (default: protocol, 5).")
    Integer lengthMin;

    @Option(names = "--length-max", paramLabel = "N", description = "Longest track in points (default: protocol, 600).")
    Integer lengthMax;

    @picocli.CommandLine.Mixin
    RecipeOptions population = new RecipeOptions();

    @Option(names = "--threads", paramLabel = "N",
            description = "Simulation threads (default: available processors).")
    Integer threads;

    @Override
    public Integer call() {
        if (dim != 2 && dim != 3) {
            throw new OptionUsageException("--dim must be 2 or 3, got " + dim);
        }
        if (tracks < 1) {
            throw new OptionUsageException("--tracks must be ≥ 1, got " + tracks);
        }
        int workers = threads != null ? Math.max(1, threads) : Runtime.getRuntime().availableProcessors();
        TrainingSetExporter.TrackSource source;
        Map<String, Object> description;
        if (population.wide()) {
            WideSimulator wide = population.simulator(dim, lengthMin != null ? lengthMin : 5,
                    lengthMax != null ? lengthMax : 600);
            source = wide::simulate;
            description = wide.describe();
        } else {
            SimulationConfig paper = SimulationConfig.paper(dim);
            SimulationConfig config;
            try {
                config = SimulationConfig.builder(dim)
                        .lengthRange(lengthMin != null ? lengthMin : paper.lengthMin(),
                                lengthMax != null ? lengthMax : paper.lengthMax())
                        .build();
            } catch (IllegalArgumentException e) {
                throw new OptionUsageException("invalid --length-min or --length-max: " + e.getMessage(), e);
            }
            source = Simulator.of(config)::simulate;
            description = describe(config);
        }
        TrainingSetExporter.Summary s = TrainingSetExporter.builder(source, dim)
                .tracks(tracks).seed(seed).threads(workers).simulatorDescription(description)
                .build().export(out);
        spec.commandLine().getOut().printf("wrote %d tracks, %d points (dim %d, lengths %d..%d, seed %d) to %s%n",
                s.tracks(), s.points(), s.dimension(), s.minLength(), s.maxLength(), s.seed(), s.directory());
        spec.commandLine().getOut().flush();
        return 0;
    }

    private static Map<String, Object> describe(SimulationConfig c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "org.deepspt.sim.Simulator");
        m.put("dimension", c.dimension());
        m.put("frameIntervalSeconds", c.frameInterval());
        m.put("diffusionRange", java.util.List.of(c.diffusionMin(), c.diffusionMax()));
        m.put("lengthRange", java.util.List.of(c.lengthMin(), c.lengthMax()));
        m.put("snrRange", java.util.List.of(c.snrMin(), c.snrMax()));
        m.put("noise", c.noise());
        m.put("directedRRange", java.util.List.of(c.directedRMin(), c.directedRMax()));
        m.put("directedNvRange", java.util.List.of(c.directedNvMin(), c.directedNvMax()));
        m.put("confinementAxisRange", java.util.List.of(c.confinementAxisMin(), c.confinementAxisMax()));
        m.put("confinementSubSteps", c.confinementSubSteps());
        m.put("alphaRange", java.util.List.of(c.alphaMin(), c.alphaMax()));
        m.put("heterogeneousFraction", c.heterogeneousFraction());
        m.put("segmentCountRange", java.util.List.of(c.segmentCountMin(), c.segmentCountMax()));
        m.put("minSegmentLength", c.minSegmentLength());
        m.put("allowedStates", c.allowedStates().stream().map(Enum::name).sorted().toList());
        m.put("summary", c.toString());
        return m;
    }
}
