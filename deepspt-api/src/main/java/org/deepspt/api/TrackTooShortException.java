package org.deepspt.api;

/** A trajectory has fewer points than an algorithm needs. */
public final class TrackTooShortException extends InvalidTrajectoryException {
    private static final long serialVersionUID = 1L;

    private final int length;
    private final int minimum;

    /**
     * @param trackId id of the track
     * @param length its number of points
     * @param minimum the minimum the algorithm needs
     * @param algorithm name of the algorithm, for the message
     */
    public TrackTooShortException(String trackId, int length, int minimum, String algorithm) {
        super(trackId, "has " + length + " points; " + algorithm + " needs at least " + minimum);
        this.length = length;
        this.minimum = minimum;
    }

    /** @return number of points of the track */
    public int length() {
        return length;
    }

    /** @return the minimum the algorithm needs */
    public int minimum() {
        return minimum;
    }
}
