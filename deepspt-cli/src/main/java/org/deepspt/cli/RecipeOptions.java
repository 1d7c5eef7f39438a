package org.deepspt.cli;

import org.deepspt.options.OptionUsageException;
import org.deepspt.sim.WideScenario;
import org.deepspt.sim.WideSimulator;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The {@code --recipe} and {@code --scenario} options of the commands that simulate tracks ({@code simulate},
 * {@code export-training}): the published protocol or the widened population of {@link WideSimulator}.
 */
final class RecipeOptions {
    /** The published DeepSPT protocol. */
    static final String PROTOCOL = "protocol";
    /** The widened population. */
    static final String WIDE = "wide";

    @Option(names = "--recipe", paramLabel = "NAME", defaultValue = PROTOCOL,
            description = "Population: protocol (the published DeepSPT protocol; default) or wide (the protocol as "
            + "30 %% of a mixture with D changes within a class, walls at the same D, trapped segments, short and "
            + "noisy tracks; org.deepspt.sim.WideSimulator, frame interval 1 s).")
    String recipe = PROTOCOL;

    @Option(names = "--scenario", paramLabel = "NAME",
            description = "With --recipe wide: every track from one scenario (a held-out test population): "
            + "protocol, d-change, class-change, walls, trapped, single, brownian-d-jump, brownian.")
    @Nullable String scenario;

    @Option(names = "--blur", paramLabel = "SHARE", defaultValue = "0",
            description = "With --recipe wide: share of the non-protocol tracks recorded with camera motion blur "
            + "(exposure mean of the path over t_E = f dt after each frame; default 0, none).")
    double blurShare;

    @Option(names = "--exposure-min", paramLabel = "F",
            description = "With --blur: smallest exposure fraction f = t_E/dt (default 0); f is uniform in "
            + "[--exposure-min, --exposure-max].")
    @Nullable Double exposureMin;

    @Option(names = "--exposure-max", paramLabel = "F",
            description = "With --blur: largest exposure fraction (default 1, continuous illumination).")
    @Nullable Double exposureMax;

    /**
     * @return true for {@code --recipe wide}, false for {@code protocol}
     * @throws OptionUsageException for another recipe, or a scenario without {@code --recipe wide}
     */
    boolean wide() {
        if (WIDE.equals(recipe)) {
            checkExposure();
            return true;
        }
        if (!PROTOCOL.equals(recipe)) {
            throw new OptionUsageException("--recipe must be protocol or wide, got '" + recipe + "'");
        }
        if (scenario != null) {
            throw new OptionUsageException("--scenario needs --recipe wide");
        }
        if (blurShare != 0) {
            throw new OptionUsageException("--blur needs --recipe wide");
        }
        checkExposure();
        return false;
    }

    private void checkExposure() {
        if (blurShare == 0 && (exposureMin != null || exposureMax != null)) {
            throw new OptionUsageException("--exposure-min and --exposure-max need --blur");
        }
    }

    /**
     * @param dim 2 or 3
     * @param lengthMin shortest track, points
     * @param lengthMax longest track, points
     * @return the widened simulator for these options
     * @throws OptionUsageException naming the options when they do not make a population
     */
    WideSimulator simulator(int dim, int lengthMin, int lengthMax) {
        try {
            WideSimulator sim = WideSimulator.of(dim, lengthMin, lengthMax,
                    scenario == null ? null : WideScenario.parse(scenario));
            return blurShare == 0 ? sim : sim.withMotionBlur(blurShare, exposureMin != null ? exposureMin : 0,
                    exposureMax != null ? exposureMax : 1);
        } catch (IllegalArgumentException e) {
            throw new OptionUsageException("invalid --dim, --scenario, --blur, --exposure-min/max or length options: "
                    + e.getMessage(), e);
        }
    }
}
