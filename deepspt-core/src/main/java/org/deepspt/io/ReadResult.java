package org.deepspt.io;

import java.util.List;
import java.util.Objects;
import org.deepspt.api.Trajectory;
import org.deepspt.api.TrackIssue;

/**
 * What a reader produced: the accepted trajectories in order of first appearance in the file, and one issue
 * per rejected or modified input track (plus summary notes such as untracked TrackMate spots).
 *
 * <p>Invariant: every input track either is among {@code trajectories} (under its id, or as pieces
 * {@code <id>.k} / {@code <id>.bk}) or has a {@link TrackIssue.Kind#REJECTED} issue under its input id.
 *
 * @param trajectories accepted tracks (unmodifiable)
 * @param issues rejections and modifications (unmodifiable)
 * @param calibration the units applied and where they came from
 */
public record ReadResult(List<Trajectory> trajectories, List<TrackIssue> issues, Calibration calibration) {

    /**
     * Copies both lists into unmodifiable lists.
     *
     * @param trajectories accepted tracks
     * @param issues rejections and modifications
     * @param calibration the units applied
     */
    public ReadResult {
        trajectories = List.copyOf(Objects.requireNonNull(trajectories, "trajectories"));
        issues = List.copyOf(Objects.requireNonNull(issues, "issues"));
        Objects.requireNonNull(calibration, "calibration");
    }

    /**
     * @param trajectories accepted tracks
     * @param issues rejections and modifications
     */
    public ReadResult(List<Trajectory> trajectories, List<TrackIssue> issues) {
        this(trajectories, issues, Calibration.UNKNOWN);
    }

    /**
     * @return the dimension of the tracks read (the readers refuse mixed 2D/3D files), 2 when there are none
     */
    public int dimension() {
        return trajectories.isEmpty() ? 2 : trajectories.get(0).dimension();
    }
}
