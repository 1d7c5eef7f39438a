package org.deepspt.eval;

import java.util.List;
import org.deepspt.api.DiffusionState;

/**
 * How the four diffusion states are grouped for scoring.
 *
 * <ul>
 *   <li>{@link #FOUR}: ND, DM, CD, SD (indices 0..3 of {@link DiffusionState});</li>
 *   <li>{@link #THREE}: ND, DM, restricted (CD merged into SD) — {@link DiffusionState#threeClassIndex()};</li>
 *   <li>{@link #TWO}: free {ND, DM} vs restricted {CD, SD} — {@link DiffusionState#twoClassIndex()}.</li>
 * </ul>
 */
public enum ClassMerge {
    /** The four states. */
    FOUR("4-class", List.of("ND", "DM", "CD", "SD")),
    /** Confined merged into subdiffusive. */
    THREE("3-class", List.of("ND", "DM", "CD+SD")),
    /** Free versus restricted. */
    TWO("2-class", List.of("free", "restricted"));

    private final String title;
    private final List<String> labels;

    ClassMerge(String title, List<String> labels) {
        this.title = title;
        this.labels = labels;
    }

    /** @return number of classes after merging */
    public int classes() {
        return labels.size();
    }

    /** @return short class names in index order (unmodifiable) */
    public List<String> labels() {
        return labels;
    }

    /** @return "4-class", "3-class" or "2-class" */
    public String title() {
        return title;
    }

    /**
     * @param state a 4-class state index 0..3
     * @return its class index in this merge
     */
    public int map(int state) {
        DiffusionState s = DiffusionState.ofIndex(state);
        return switch (this) {
            case FOUR -> s.index();
            case THREE -> s.threeClassIndex();
            case TWO -> s.twoClassIndex();
        };
    }
}
