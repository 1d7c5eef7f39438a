package org.deepspt.io;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * @param inputIds the input track id of every trajectory written under another id (a piece {@code 5.1} of
 *     track {@code 5} split at a gap, a branch {@code Track_0.b2}, a renamed duplicate {@code 5.1~2}), by
 *     trajectory id (unmodifiable); see {@link #inputId(String)}
 * @param sources where the points of a trajectory came from (file, spot ids), by trajectory id, for the
 *     trajectories that have more to say than their input id (unmodifiable); see {@link #source(String)}. Which
 *     points were interpolated is the trajectories' to say ({@link Trajectory#interpolated(int)}); the deprecated
 *     {@link TrackSource#interpolated(int)} of a source here reads them, and a trajectory with interpolated points
 *     has a source here for that
 */
public record ReadResult(List<Trajectory> trajectories, List<TrackIssue> issues, Calibration calibration,
        Map<String, String> inputIds, Map<String, TrackSource> sources) {

    /**
     * Copies the lists and the maps into unmodifiable ones; the sources are tied to their trajectories (for the
     * deprecated {@link TrackSource#interpolated(int)}).
     *
     * @param trajectories accepted tracks
     * @param issues rejections and modifications
     * @param calibration the units applied
     * @param inputIds input track id by trajectory id, for trajectories whose id differs from it
     * @param sources point sources by trajectory id
     */
    public ReadResult {
        trajectories = List.copyOf(Objects.requireNonNull(trajectories, "trajectories"));
        issues = List.copyOf(Objects.requireNonNull(issues, "issues"));
        Objects.requireNonNull(calibration, "calibration");
        inputIds = Map.copyOf(Objects.requireNonNull(inputIds, "inputIds"));
        sources = ofTrajectories(trajectories, inputIds, Objects.requireNonNull(sources, "sources"));
    }

    /**
     * @return {@code sources} with each source of a trajectory tied to it, and a plain one for a trajectory with
     *     interpolated points and no source (unmodifiable)
     */
    private static Map<String, TrackSource> ofTrajectories(List<Trajectory> trajectories, Map<String, String> inputIds,
            Map<String, TrackSource> sources) {
        Map<String, TrackSource> out = new HashMap<>(sources);
        for (Trajectory t : trajectories) {
            TrackSource s = sources.get(t.id());
            if (s != null) {
                out.put(t.id(), s.describing(t));
            } else if (t.interpolatedCount() > 0) {
                out.put(t.id(), TrackSource.plain(inputIds.getOrDefault(t.id(), t.id())).describing(t));
            }
        }
        return Map.copyOf(out);
    }

    /**
     * A result without point sources.
     *
     * @param trajectories accepted tracks
     * @param issues rejections and modifications
     * @param calibration the units applied
     * @param inputIds input track id by trajectory id, for trajectories whose id differs from it
     */
    public ReadResult(List<Trajectory> trajectories, List<TrackIssue> issues, Calibration calibration,
            Map<String, String> inputIds) {
        this(trajectories, issues, calibration, inputIds, Map.of());
    }

    /**
     * A result whose trajectories all keep their input ids.
     *
     * @param trajectories accepted tracks
     * @param issues rejections and modifications
     * @param calibration the units applied
     */
    public ReadResult(List<Trajectory> trajectories, List<TrackIssue> issues, Calibration calibration) {
        this(trajectories, issues, calibration, Map.of());
    }

    /**
     * @param trajectories accepted tracks
     * @param issues rejections and modifications
     */
    public ReadResult(List<Trajectory> trajectories, List<TrackIssue> issues) {
        this(trajectories, issues, Calibration.UNKNOWN);
    }

    /**
     * The input track a trajectory comes from, e.g. to look up a per-track label or true class of a piece.
     *
     * @param trajectoryId the id of one of {@link #trajectories()}
     * @return the id of its track in the input: {@code trajectoryId} itself unless it was split, branched
     *     or renamed
     */
    public String inputId(String trajectoryId) {
        return inputIds.getOrDefault(trajectoryId, trajectoryId);
    }

    /**
     * Where a trajectory's points came from.
     *
     * @param trajectoryId the id of one of {@link #trajectories()}
     * @return its recorded source, else a plain one (no file name, no spot ids) under {@link #inputId(String)}
     */
    public TrackSource source(String trajectoryId) {
        TrackSource s = sources.get(trajectoryId);
        return s != null ? s : TrackSource.plain(inputId(trajectoryId));
    }

    /**
     * @return whether some trajectory has points that were interpolated over missing frames
     *     ({@link Trajectory#interpolatedCount()})
     */
    public boolean hasInterpolatedPoints() {
        return trajectories.stream().anyMatch(t -> t.interpolatedCount() > 0);
    }

    /** @return whether the trajectories carry the file's point ids (TrackMate spot {@code ID}) */
    public boolean hasSpotIds() {
        return sources.values().stream().anyMatch(TrackSource::hasSpotIds);
    }

    /**
     * This result with its messages in other words: each issue's detail ({@link TrackIssue#withDetail}, id, kind and
     * count kept) and the calibration's sources and warnings ({@link Calibration#reworded}). A front end calls it
     * once, right after reading, with its terms for the library's ({@link ReadTerm}: {@link CommandLineTerms#cli},
     * the Fiji plugin's dialog terms), so that every output made from the result (error report, report.html, log)
     * speaks its user's language.
     *
     * @param words rewords one message
     * @return the result in those words; the trajectories, ids and sources are the same
     */
    public ReadResult reworded(java.util.function.UnaryOperator<String> words) {
        return new ReadResult(trajectories, issues.stream().map(i -> i.withDetail(words.apply(i.detail()))).toList(),
                calibration.reworded(words), inputIds, sources);
    }

    /**
     * @return the dimension of the tracks read (the readers refuse mixed 2D/3D files), 2 when there are none
     */
    public int dimension() {
        return trajectories.isEmpty() ? 2 : trajectories.get(0).dimension();
    }
}
