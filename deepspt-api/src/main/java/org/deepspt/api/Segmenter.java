package org.deepspt.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Temporal segmentation of a trajectory into diffusion states, point by point.
 *
 * <p>Implementations are thread-safe: one instance may serve many threads. They throw
 * {@link TrackTooShortException} for tracks shorter than {@link #minimumLength()} and never return
 * {@code null}. Open one by name with {@link Segmenters#open(String, int, SegmenterOptions)}.
 *
 * <p>A segmenter that holds resources (a model in an inference engine) frees them in {@link #close()};
 * for the others {@code close()} does nothing. Failures of the engine itself are
 * {@link org.deepspt.api.inference.InferenceException}s, which stop a run instead of rejecting one track.
 */
public interface Segmenter extends AutoCloseable {

    /**
     * @param trajectory the track (2D or 3D as the implementation supports)
     * @return per-point probabilities, states, segments and change points, one row per input point
     * @throws InvalidTrajectoryException naming the track when it cannot be segmented
     */
    Segmentation segment(Trajectory trajectory);

    /**
     * Segments many tracks, in order. Implementations may batch. Fails on the first track that cannot be
     * segmented; callers that need per-track error reports call {@link #segment(Trajectory)} per track.
     *
     * @param trajectories the tracks
     * @return one segmentation per track, same order (unmodifiable)
     */
    default List<Segmentation> segmentAll(List<Trajectory> trajectories) {
        List<Segmentation> out = new ArrayList<>(trajectories.size());
        for (Trajectory t : trajectories) {
            out.add(segment(t));
        }
        return Collections.unmodifiableList(out);
    }

    /** @return minimum number of points a track needs; shorter tracks are rejected with a reason */
    default int minimumLength() {
        return 1;
    }

    /** @return short name, e.g. {@code rolling-msd} */
    String name();

    /** Frees resources held by the segmenter (a model); idempotent. The default does nothing. */
    @Override
    default void close() {
    }
}
