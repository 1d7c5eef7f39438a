package org.deepspt.api;

/**
 * The four diffusion states of DeepSPT, in the fixed order used by every model output, file and metric.
 *
 * <table>
 *   <caption>States</caption>
 *   <tr><th>index</th><th>state</th><th>short</th><th>3-class</th><th>2-class</th></tr>
 *   <tr><td>0</td><td>normal (Brownian)</td><td>ND</td><td>normal</td><td>free</td></tr>
 *   <tr><td>1</td><td>directed (active transport)</td><td>DM</td><td>directed</td><td>free</td></tr>
 *   <tr><td>2</td><td>confined</td><td>CD</td><td>restricted</td><td>restricted</td></tr>
 *   <tr><td>3</td><td>subdiffusive (fractional Brownian)</td><td>SD</td><td>restricted</td><td>restricted</td></tr>
 * </table>
 */
public enum DiffusionState {
    /** Normal (Brownian) diffusion, MSD ∝ t. */
    NORMAL("ND", "normal"),
    /** Directed motion: diffusion plus a constant drift velocity, MSD ∝ t + v²t². */
    DIRECTED("DM", "directed"),
    /** Confined diffusion inside a bounded region; MSD saturates. */
    CONFINED("CD", "confined"),
    /** Subdiffusion (fractional Brownian motion with α &lt; 1), MSD ∝ t^α. */
    SUBDIFFUSIVE("SD", "subdiffusive");

    /** Number of states (4). */
    public static final int COUNT = 4;

    private static final DiffusionState[] VALUES = values();

    private final String shortName;
    private final String label;

    DiffusionState(String shortName, String label) {
        this.shortName = shortName;
        this.label = label;
    }

    /** @return index 0..3 in the fixed class order */
    public int index() {
        return ordinal();
    }

    /** @return the two-letter abbreviation used in the paper (ND, DM, CD, SD) */
    public String shortName() {
        return shortName;
    }

    /** @return lower-case name used in file headers ({@code normal}, {@code directed}, …) */
    public String label() {
        return label;
    }

    /**
     * Class of this state when confined is merged into subdiffusive ("restricted").
     *
     * @return 0 normal, 1 directed, 2 restricted
     */
    public int threeClassIndex() {
        return this == SUBDIFFUSIVE ? 2 : ordinal();
    }

    /**
     * Class of this state in the free/restricted split.
     *
     * @return 0 free (normal, directed), 1 restricted (confined, subdiffusive)
     */
    public int twoClassIndex() {
        return ordinal() < 2 ? 0 : 1;
    }

    /**
     * @param index 0..3
     * @return the state with that index
     * @throws IllegalArgumentException if the index is outside 0..3
     */
    public static DiffusionState ofIndex(int index) {
        if (index < 0 || index >= COUNT) {
            throw new IllegalArgumentException("diffusion state index must be 0..3, got " + index);
        }
        return VALUES[index];
    }
}
