package org.deepspt.io;

/**
 * Trajectory file formats understood by {@link TrackReaders}. See {@code package-info} for the columns and
 * elements each format uses and how a format is detected.
 */
public enum TrackFormat {
    /**
     * DeepSPT / trackpy CSV: a header row with {@code x, y, [z], particle, frame} (any order, any extra
     * columns ignored) and an optional {@code state} column (true states 0..3). Also what
     * {@link TrajectoryCsvWriter} writes.
     */
    DEEPSPT_CSV,
    /** Spot-On CSV: {@code trajectory, frame, t, x, y} (µm, s); the frame interval is derived from t. */
    SPOTON_CSV,
    /**
     * TrackMate spots CSV: {@code TRACK_ID, POSITION_X, POSITION_Y, [POSITION_Z], [POSITION_T], FRAME}; up to
     * three extra header lines (names, short names, units) after the key line are skipped.
     */
    TRACKMATE_CSV,
    /** TrackMate full model XML ({@code <TrackMate>} root; spots, edge graphs, filtered tracks). */
    TRACKMATE_XML,
    /** TrackMate "simple" XML exported by "Export tracks to XML" ({@code <Tracks>} root). */
    TRACKMATE_SIMPLE_XML
}
