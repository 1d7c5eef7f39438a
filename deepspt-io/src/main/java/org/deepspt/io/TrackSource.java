package org.deepspt.io;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Objects;
import org.deepspt.api.Trajectory;
import org.jspecify.annotations.Nullable;

/**
 * Where the points of one trajectory came from, so that results can be drawn back onto the image: the input file,
 * the track's id in that file and the file's own id of every point (TrackMate spot {@code ID}).
 *
 * <p>Which points were interpolated over a gap ({@link GapPolicy#INTERPOLATE}) is the trajectory's to say
 * ({@link Trajectory#interpolated(int)}), not the source's: the deprecated {@link #interpolated(int)} and
 * {@link #interpolatedCount()} read the marks of the trajectory that {@link ReadResult} holds under this source's
 * id.
 *
 * <p>Immutable and thread-safe. Point indices are those of the trajectory (0-based, in frame order).
 */
public final class TrackSource {
    /** The value of {@link #spotId(int)} for a point without an id in the file (interpolated, or a CSV row). */
    public static final long NO_SPOT = -1;

    private final String file;
    private final String inputId;
    private final long @Nullable [] spotIds;
    /**
     * The trajectory whose points these are, set by {@link ReadResult} ({@link #describing(Trajectory)}), for the
     * deprecated interpolation accessors only; null for a source not (yet) in a read result.
     */
    private final @Nullable Trajectory trajectory;

    private TrackSource(String file, String inputId, long @Nullable [] spotIds, @Nullable Trajectory trajectory) {
        this.file = file;
        this.inputId = inputId;
        this.spotIds = spotIds;
        this.trajectory = trajectory;
    }

    /**
     * @param file the input file's name as the user gave it ({@code ""} when unknown)
     * @param inputId the track's id in that file
     * @param spotIds the file's id of each point ({@link #NO_SPOT} where none), or null when the format has no
     *     point ids; copied
     * @return the source
     */
    public static TrackSource of(String file, String inputId, long @Nullable [] spotIds) {
        return new TrackSource(Objects.requireNonNull(file, "file"), Objects.requireNonNull(inputId, "inputId"),
                spotIds == null ? null : spotIds.clone(), null);
    }

    /**
     * @param file the input file's name as the user gave it ({@code ""} when unknown)
     * @param inputId the track's id in that file
     * @param spotIds the file's id of each point ({@link #NO_SPOT} where none), or null when the format has no
     *     point ids; copied
     * @param interpolated must be empty: a point is interpolated when its trajectory marks it, and marks given only
     *     here would be lost silently
     * @return the source, as {@link #of(String, String, long[])}
     * @throws IllegalArgumentException when {@code interpolated} marks a point (mark it on the trajectory instead)
     * @deprecated the marks were a second record beside the trajectory's, and the two could disagree; mark the
     *     points on the trajectory ({@link Trajectory#withInterpolated}), which is what every writer reads, and
     *     use {@link #of(String, String, long[])}
     */
    @Deprecated(since = "0.1.0")
    public static TrackSource of(String file, String inputId, long @Nullable [] spotIds, BitSet interpolated) {
        Objects.requireNonNull(interpolated, "interpolated");
        if (!interpolated.isEmpty()) {
            throw new IllegalArgumentException("track '" + inputId + "': interpolated points are marked on the "
                    + "trajectory (Trajectory.withInterpolated), which every writer reads; marks given to "
                    + "TrackSource.of would be lost");
        }
        return of(file, inputId, spotIds);
    }

    /**
     * @param inputId the track's id in the file
     * @return a source with no file name and no point ids
     */
    public static TrackSource plain(String inputId) {
        return new TrackSource("", Objects.requireNonNull(inputId, "inputId"), null, null);
    }

    /**
     * @param t the trajectory whose points these are
     * @return this source, its deprecated interpolation accessors reading {@code t}'s marks
     */
    TrackSource describing(Trajectory t) {
        return new TrackSource(file, inputId, spotIds, Objects.requireNonNull(t, "t"));
    }

    /** @return the input file's name, {@code ""} when the trajectories came from one unnamed input */
    public String file() {
        return file;
    }

    /** @return the track's id in its input file (before any piece suffix or file qualification) */
    public String inputId() {
        return inputId;
    }

    /** @return whether the file gives each point an id (TrackMate XML spot {@code ID}) */
    public boolean hasSpotIds() {
        return spotIds != null;
    }

    /**
     * @param point point index
     * @return the file's id of the point, or {@link #NO_SPOT} for an interpolated point or a format without
     *     point ids
     */
    public long spotId(int point) {
        return spotIds == null || point >= spotIds.length ? NO_SPOT : spotIds[point];
    }

    /**
     * @param point point index
     * @return whether the point was made up by linear interpolation over missing frames (not measured): the mark of
     *     the trajectory this source describes in its {@link ReadResult}, false for a source outside one
     * @deprecated ask the trajectory, {@link Trajectory#interpolated(int)}: its marks are the only record
     */
    @Deprecated(since = "0.1.0")
    public boolean interpolated(int point) {
        if (point < 0) {
            throw new IndexOutOfBoundsException("point " + point);
        }
        return trajectory != null && point < trajectory.size() && trajectory.interpolated(point);
    }

    /**
     * @return the number of interpolated points of the trajectory this source describes in its {@link ReadResult},
     *     0 for a source outside one
     * @deprecated ask the trajectory, {@link Trajectory#interpolatedCount()}: its marks are the only record
     */
    @Deprecated(since = "0.1.0")
    public int interpolatedCount() {
        return trajectory == null ? 0 : trajectory.interpolatedCount();
    }

    /**
     * @param newFile the file name to record
     * @return this source with another file name
     */
    public TrackSource withFile(String newFile) {
        return new TrackSource(Objects.requireNonNull(newFile, "newFile"), inputId, spotIds, trajectory);
    }

    /** Equal when the file, the input id and the point ids are (the trajectory is not the source's to compare). */
    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof TrackSource s && file.equals(s.file) && inputId.equals(s.inputId)
                && Arrays.equals(spotIds, s.spotIds);
    }

    @Override
    public int hashCode() {
        return Objects.hash(file, inputId, Arrays.hashCode(spotIds));
    }

    @Override
    public String toString() {
        return "TrackSource[" + (file.isEmpty() ? "" : file + ": ") + inputId + (spotIds == null ? "" : ", spot ids")
                + "]";
    }
}
