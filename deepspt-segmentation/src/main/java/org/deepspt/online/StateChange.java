package org.deepspt.online;

import java.util.Objects;
import org.deepspt.api.DiffusionState;

/**
 * A particle's final state changed: {@code frame} is the first frame of the new state. Derived from final
 * states only, so an event is never retracted.
 *
 * @param particleId the particle
 * @param track the particle's track number (see {@link FrameState#track()})
 * @param frame first frame in state {@code to}
 * @param from the state of the particle's previous final frame
 * @param to the new state
 * @param confidence probability of {@code to} at {@code frame}, 0..1
 */
public record StateChange(String particleId, long track, int frame, DiffusionState from, DiffusionState to,
        double confidence) {

    /** Checks arguments. */
    public StateChange {
        Objects.requireNonNull(particleId, "particleId");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }
}
