package org.deepspt.api;

/**
 * A trajectory's content violates a contract: non-increasing or duplicate frames, NaN/∞ coordinates,
 * too few points for an algorithm, mixed dimensions… The message names the track (and frame/field where
 * relevant).
 */
public class InvalidTrajectoryException extends DeepSptException {
    private static final long serialVersionUID = 1L;

    private final String trackId;

    /**
     * @param trackId id of the offending track
     * @param problem what is wrong
     */
    public InvalidTrajectoryException(String trackId, String problem) {
        super("track " + Messages.quote(trackId) + ": " + problem);
        this.trackId = trackId;
    }

    /** @return the id of the offending track */
    public String trackId() {
        return trackId;
    }
}
