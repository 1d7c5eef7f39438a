package org.deepspt.sim;

import java.util.Locale;

/**
 * The kinds of track that make up the widened training population of {@link WideSimulator} (issue 20: states
 * that mean motion, not "slower than the rest of the track"). The label of every point is always its motion
 * class; a change of D alone never changes the label.
 */
public enum WideScenario {
    /** The published DeepSPT protocol, exactly ({@link SimulationConfig#paper(int)}): one D per track. */
    PROTOCOL(0.30),
    /**
     * One motion class for the whole track (normal 50 %, subdiffusive 30 %, directed 10 %, confined 10 %),
     * 2–4 segments, each next D = previous D × f<sup>±1</sup> with f log-uniform in [10, 100].
     */
    D_CHANGE(0.15),
    /**
     * 2–4 segments of different adjacent classes; D unchanged with probability 0.4, otherwise multiplied or
     * divided by a factor log-uniform in [2, 100].
     */
    CLASS_CHANGE(0.15),
    /**
     * Confinement by walls alone: normal and confined segments alternate with the same D; each cage's
     * semi-axis is c·√(2·D·dt) with c log-uniform in [0.7, 4] (at most √(L/2) for an L-point segment, so that
     * the wall is met within the segment), and the particle enters at a uniformly random point of the cage.
     */
    WALLS(0.10),
    /**
     * Mobile segments (normal or subdiffusive, D changing) alternating with trapped ones: a cage with a
     * semi-axis of 0.2–1 × the localisation error σ, labelled confined.
     */
    TRAPPED(0.08),
    /**
     * Single-state tracks of any class, lengths log-uniform (many short tracks): confined is a cage relative
     * to the step (50 %), the paper's absolute cage (25 %) or a trap (25 %); directed is drift (50 %) or
     * superdiffusive fractional Brownian motion with α in [1.5, 1.95] (50 %).
     */
    SINGLE(0.22),
    /** Held-out test population only: two normal segments whose D differs by a factor of 10–100. */
    BROWNIAN_D_JUMP(0),
    /** Held-out test population only: single-state normal (Brownian) tracks. */
    BROWNIAN(0);

    private final double weight;

    WideScenario(double weight) {
        this.weight = weight;
    }

    /** @return probability of this scenario in the training mixture (0 for test-only populations) */
    public double weight() {
        return weight;
    }

    /** @return the option spelling, lower case with dashes (e.g. {@code d-change}) */
    public String optionName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * @param name an {@link #optionName()} or constant name, case-insensitive
     * @return the scenario
     * @throws IllegalArgumentException naming the accepted values if none matches
     */
    public static WideScenario parse(String name) {
        String n = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (WideScenario s : values()) {
            if (s.name().equals(n)) {
                return s;
            }
        }
        StringBuilder ok = new StringBuilder();
        for (WideScenario s : values()) {
            ok.append(ok.length() == 0 ? "" : ", ").append(s.optionName());
        }
        throw new IllegalArgumentException("unknown scenario '" + name + "', expected one of " + ok);
    }
}
