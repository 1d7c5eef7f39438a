package org.deepspt.io;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.deepspt.api.Fingerprint;
import org.deepspt.fingerprint.FingerprintContext;

/**
 * A fingerprint CSV as read ({@link FingerprintCsv#readTable(java.nio.file.Path)}): the fingerprints and, for the
 * rows that are pieces of an input track (split at gaps, a branch path), that input track from the
 * {@value TrackColumns#INPUT_TRACK} column, so that a classifier trained on the table keeps the pieces of one track
 * together (one cross-validation group) and can take the track's label. Immutable.
 *
 * @param fingerprints the rows, in file order (unmodifiable)
 * @param inputTracks input track by fingerprint track id, for rows whose input track differs from their id
 *     (unmodifiable; empty for a table without the column)
 * @param context what the fingerprints were computed with, from the {@link TrackColumns#context} columns (the
 *     frame intervals of all rows); {@link FingerprintContext#UNKNOWN} for a table written without them
 */
public record FingerprintTable(List<Fingerprint> fingerprints, Map<String, String> inputTracks,
        FingerprintContext context) {

    /** Copies the collections. */
    public FingerprintTable {
        fingerprints = List.copyOf(fingerprints);
        inputTracks = Map.copyOf(inputTracks);
        Objects.requireNonNull(context, "context");
    }

    /**
     * A table that records no context.
     *
     * @param fingerprints the rows, in file order
     * @param inputTracks input track by fingerprint track id
     */
    public FingerprintTable(List<Fingerprint> fingerprints, Map<String, String> inputTracks) {
        this(fingerprints, inputTracks, FingerprintContext.UNKNOWN);
    }

    /**
     * @param trackId the id of one of {@link #fingerprints()}
     * @return the input track it was read from: its own id unless the table says otherwise
     */
    public String inputTrack(String trackId) {
        Objects.requireNonNull(trackId, "trackId");
        return inputTracks.getOrDefault(trackId, trackId);
    }
}
