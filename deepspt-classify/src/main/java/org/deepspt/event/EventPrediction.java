package org.deepspt.event;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The event an {@link EventTimingModel} found in one track.
 *
 * @param trackId the track
 * @param eventIndex point index of the first "after" point (1..n−1)
 * @param eventFrame frame number of that point
 * @param probabilityAfter per-point probability of "after the event" (copied in and out)
 */
public record EventPrediction(String trackId, int eventIndex, int eventFrame, double[] probabilityAfter) {

    /**
     * Validates and copies.
     *
     * @param trackId the track
     * @param eventIndex index of the first "after" point
     * @param eventFrame frame of that point
     * @param probabilityAfter per-point P(after)
     */
    public EventPrediction {
        Objects.requireNonNull(trackId, "trackId");
        probabilityAfter = probabilityAfter.clone();
    }

    /** @return per-point probability of "after the event" (copy) */
    @Override
    public double[] probabilityAfter() {
        return probabilityAfter.clone();
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof EventPrediction e && trackId.equals(e.trackId) && eventIndex == e.eventIndex
                && eventFrame == e.eventFrame && java.util.Arrays.equals(probabilityAfter, e.probabilityAfter);
    }

    @Override
    public int hashCode() {
        return Objects.hash(trackId, eventIndex, eventFrame, java.util.Arrays.hashCode(probabilityAfter));
    }

    @Override
    public String toString() {
        return "EventPrediction[" + trackId + ", index=" + eventIndex + ", frame=" + eventFrame + "]";
    }
}
