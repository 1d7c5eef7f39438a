package org.deepspt.io;

/**
 * What a reader does with a NaN, ±∞ or missing (empty) coordinate. The default is {@link #ERROR}. A value
 * that is not a number at all ("abc", "1.2.3") is always an {@link org.deepspt.api.InputFormatException}.
 */
public enum NonFinitePolicy {
    /**
     * Throw {@link org.deepspt.api.InputFormatException} naming the line (CSV) or spot ID (XML) and the
     * field.
     */
    ERROR,
    /** Reject the whole track that holds the point (REJECTED, naming the line/spot and field). */
    DROP_TRACK
}
