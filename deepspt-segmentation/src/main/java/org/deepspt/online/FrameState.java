package org.deepspt.online;

import java.util.Objects;
import org.deepspt.api.DiffusionState;

/**
 * The state probabilities of one particle at one frame.
 *
 * @param particleId the particle
 * @param track serial number of the particle's track, 1, 2, … in the order tracks started in this online
 *     segmenter: an id pushed again after its track ended (lost, idle, flushed) starts a new track with a new
 *     number, so (particleId, track, frame) is unique
 * @param frame frame index
 * @param provisional false for a final estimate (never revised), true for a provisional one (the newest
 *     frame; a final estimate follows after the lag)
 * @param pNormal probability of {@link DiffusionState#NORMAL}
 * @param pDirected probability of {@link DiffusionState#DIRECTED}
 * @param pConfined probability of {@link DiffusionState#CONFINED}
 * @param pSubdiffusive probability of {@link DiffusionState#SUBDIFFUSIVE}
 */
public record FrameState(String particleId, long track, int frame, boolean provisional, double pNormal,
        double pDirected, double pConfined, double pSubdiffusive) {

    /** Checks the id. */
    public FrameState {
        Objects.requireNonNull(particleId, "particleId");
    }

    static FrameState of(String particleId, long track, int frame, boolean provisional, double[] p, int offset) {
        return new FrameState(particleId, track, frame, provisional, p[offset], p[offset + 1], p[offset + 2],
                p[offset + 3]);
    }

    /** @param s a state @return its probability */
    public double probability(DiffusionState s) {
        return switch (s) {
            case NORMAL -> pNormal;
            case DIRECTED -> pDirected;
            case CONFINED -> pConfined;
            case SUBDIFFUSIVE -> pSubdiffusive;
        };
    }

    /** @return a new array of the 4 probabilities in {@link DiffusionState} order */
    public double[] probabilities() {
        return new double[] {pNormal, pDirected, pConfined, pSubdiffusive};
    }

    /** @return the most probable state (ties go to the lower index, as in {@link org.deepspt.api.Segmentation}) */
    public DiffusionState state() {
        double[] p = probabilities();
        int best = 0;
        for (int k = 1; k < DiffusionState.COUNT; k++) {
            if (p[k] > p[best]) {
                best = k;
            }
        }
        return DiffusionState.ofIndex(best);
    }
}
