package org.deepspt.online;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.concurrent.locks.LockSupport;
import org.deepspt.api.Trajectory;

/**
 * Feeds recorded tracks to an {@link OnlineSegmenter} as an acquisition would: frame by frame in frame
 * order, every localisation of a frame pushed, each particle ended ({@link OnlineSegmenter#particleLost})
 * at its last frame, the frame completed, and at the end {@link OnlineSegmenter#flush()}. For evaluating
 * online segmentation on one's own recordings and for the {@code deepspt stream} command.
 */
public final class OnlineReplay {
    private OnlineReplay() {
    }

    /**
     * @param online the receiver (its dimension must match the tracks')
     * @param tracks recorded tracks; ids are the particle ids and must be distinct
     * @param framesPerSecond pacing, frames/s (frame f is pushed (f − first frame) / fps seconds after the
     *     start); 0 or less: as fast as possible
     * @return number of localisations pushed
     */
    public static long run(OnlineSegmenter online, List<Trajectory> tracks, double framesPerSecond) {
        Objects.requireNonNull(online, "online");
        long total = replay(tracks, framesPerSecond, new Sink() {
            @Override
            public void point(int frame, Trajectory track, int index) {
                if (track.dimension() == 3) {
                    online.push(frame, track.id(), track.x(index), track.y(index), track.z(index));
                } else {
                    online.push(frame, track.id(), track.x(index), track.y(index));
                }
            }

            @Override
            public void lost(String particleId) {
                online.particleLost(particleId);
            }

            @Override
            public void frameEnd() {
                online.completeFrame();
            }
        });
        online.flush();
        return total;
    }

    /** Receives the points of a replay frame by frame (see {@link #replay}). */
    public interface Sink {
        /**
         * @param frame the frame index
         * @param track the track the point belongs to
         * @param index the point's index in the track
         */
        void point(int frame, Trajectory track, int index);

        /** @param particleId a track whose last point was in the frame that is ending */
        void lost(String particleId);

        /** The frame's points and losses have all been given. */
        void frameEnd();
    }

    /**
     * Walks recorded tracks frame by frame, as an acquisition would deliver them: every point in frame order (then
     * input order), paced at {@code framesPerSecond}; after a frame's points, the tracks that ended in it, then the
     * end of the frame.
     *
     * @param tracks recorded tracks; ids are the particle ids and must be distinct
     * @param framesPerSecond pacing, frames/s (frame f is given (f − first frame) / fps seconds after the start);
     *     0 or less: as fast as possible
     * @param sink receives the points
     * @return number of points given
     */
    public static long replay(List<Trajectory> tracks, double framesPerSecond, Sink sink) {
        return replay(tracks, framesPerSecond, () -> false, sink);
    }

    /** Longest wait between two checks of a replay's stop condition, ns. */
    private static final long STOP_CHECK_NANOS = 50_000_000L;

    /**
     * As {@link #replay(List, double, Sink)}, ending early once {@code stop} turns true: it is checked before each
     * frame's first point, and at least every 50 ms while the replay waits for a frame's time; a replay that stops
     * gives no point of that frame or later ones (the frames before it were given whole).
     *
     * @param tracks recorded tracks; ids are the particle ids and must be distinct
     * @param framesPerSecond pacing, frames/s; 0 or less: as fast as possible
     * @param stop turns true when the replay should end before its next frame
     * @param sink receives the points
     * @return number of points given (fewer than the tracks hold when it stopped)
     */
    public static long replay(List<Trajectory> tracks, double framesPerSecond, BooleanSupplier stop, Sink sink) {
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(stop, "stop");
        int total = 0;
        for (Trajectory t : tracks) {
            total += t.size();
        }
        // One long per point: frame in the high 32 bits, track number in the low 32 bits; sorted, that is
        // frame order, then input order.
        long[] keys = new long[total];
        int k = 0;
        for (int ti = 0; ti < tracks.size(); ti++) {
            Trajectory t = tracks.get(ti);
            for (int i = 0; i < t.size(); i++) {
                keys[k++] = ((long) t.frame(i) << 32) | ti;
            }
        }
        Arrays.sort(keys);
        int[] next = new int[tracks.size()];
        long start = System.nanoTime();
        int first = total == 0 ? 0 : (int) (keys[0] >> 32);
        List<String> ending = new ArrayList<>();
        int i = 0;
        while (i < total) {
            int frame = (int) (keys[i] >> 32);
            if (framesPerSecond > 0) {
                long due = start + (long) ((frame - (double) first) / framesPerSecond * 1e9);
                long wait;
                while ((wait = due - System.nanoTime()) > 0 && !stop.getAsBoolean()) {
                    LockSupport.parkNanos(Math.min(wait, STOP_CHECK_NANOS));
                }
            }
            if (stop.getAsBoolean()) {
                return i;   // points of the frames before this one
            }
            ending.clear();
            for (; i < total && (int) (keys[i] >> 32) == frame; i++) {
                int ti = (int) keys[i];
                Trajectory t = tracks.get(ti);
                int p = next[ti]++;
                sink.point(frame, t, p);
                if (p == t.size() - 1) {
                    ending.add(t.id());
                }
            }
            for (String id : ending) {
                sink.lost(id);
            }
            sink.frameEnd();
        }
        return total;
    }
}
