package org.deepspt.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.deepspt.api.inference.InferenceException;

/**
 * Temporal segmentation of a trajectory into diffusion states, point by point.
 *
 * <p>Implementations are thread-safe: one instance may serve many threads. They throw
 * {@link TrackTooShortException} from {@link #segment} for tracks shorter than {@link #minimumLength()} and
 * never return {@code null}; {@link #segmentEach} returns such a track as a {@link SegmentationFailure} instead.
 * Open one by name with {@link Segmenters#open(String, int, SegmenterOptions)}; {@link #provenance()} says which
 * model it runs.
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
     * Segments many tracks, in order, each to its own result: a track that cannot be segmented (too short, wrong
     * dimension, values the segmenter cannot take) is a {@link SegmentationFailure} naming it and the reason, and
     * the tracks around it are segmented as usual. Implementations may batch. The default segments track by track
     * with {@link #segment(Trajectory)}, turning what it raises for a track into that track's failure.
     *
     * @param trajectories the tracks
     * @return one result per track, same order (unmodifiable)
     * @throws org.deepspt.api.inference.InferenceException when the inference engine itself fails (closed, out of
     *     memory, native error): that stops the run instead of failing one track
     */
    default List<SegmentationResult> segmentEach(List<Trajectory> trajectories) {
        List<SegmentationResult> out = new ArrayList<>(trajectories.size());
        for (Trajectory t : trajectories) {
            try {
                out.add(SegmentationResult.of(segment(t)));
            } catch (InferenceException e) {
                throw e;
            } catch (RuntimeException e) {
                out.add(SegmentationResult.failed(t.id(), e));
            }
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * Segments many tracks, in order, failing on the first track that cannot be segmented.
     *
     * @param trajectories the tracks
     * @return one segmentation per track, same order (unmodifiable)
     * @throws RuntimeException what the segmenter raised for the first track that failed (e.g. a
     *     {@link TrackTooShortException} naming it)
     * @deprecated one bad track fails the whole list; use {@link #segmentEach(List)}, which returns a result per
     *     track ({@link SegmentationResult#orElseThrow()} gives this method's behaviour, track by track). A
     *     segmenter that batches overrides {@code segmentEach}, which is what pipelines call, not this method
     */
    @Deprecated(since = "0.1.0")
    default List<Segmentation> segmentAll(List<Trajectory> trajectories) {
        List<Segmentation> out = new ArrayList<>(trajectories.size());
        for (SegmentationResult r : segmentEach(trajectories)) {
            out.add(r.orElseThrow());
        }
        return Collections.unmodifiableList(out);
    }

    /** @return minimum number of points a track needs; shorter tracks are rejected with a reason */
    default int minimumLength() {
        return 1;
    }

    /**
     * Whether this segmenter can segment tracks of a dimension at all. A caller that will feed it tracks of one
     * dimension (an online segmenter, a pipeline) asks up front, so a mismatch is refused once instead of failing
     * every track. The default says {@code true}: a segmenter that does not know refuses tracks one by one.
     *
     * @param dimension number of spatial axes, 2 or 3
     * @return {@code false} when every track of that dimension would be refused (a neural model of another
     *     dimension); {@code true} otherwise
     * @since 0.1.0
     */
    default boolean supportsDimension(int dimension) {
        return true;
    }

    /**
     * Whether the segmenter needs one point per frame. A neural segmenter reads its input as a sequence of steps one
     * frame apart, so it refuses a trajectory with missing frames ({@link Trajectory#hasGaps()}) with an
     * {@link InvalidTrajectoryException} naming the first gap, instead of reading a gap as one step; fill the gaps
     * first ({@link Trajectory#withGapsInterpolated()}) or cut the track at them ({@link Trajectory#slice}). The
     * online window mode fills blinks itself for such a segmenter. A segmenter that works with the true frame lags
     * (the rolling-MSD baseline) takes gaps as they are.
     *
     * @return true when a trajectory with missing frames is refused; the default is false
     */
    default boolean requiresConsecutiveFrames() {
        return false;
    }

    /** @return short name, e.g. {@code rolling-msd} */
    String name();

    /**
     * @return which model this segmenter runs (name, manifest, model file and its SHA-256, backend), as recorded
     *     when it was opened; the default records the {@link #name()} only
     */
    default SegmenterProvenance provenance() {
        return SegmenterProvenance.of(name());
    }

    /** Frees resources held by the segmenter (a model); idempotent. The default does nothing. */
    @Override
    default void close() {
    }
}
