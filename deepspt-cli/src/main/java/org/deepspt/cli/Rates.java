package org.deepspt.cli;

import java.util.Locale;

/**
 * The elapsed-time part of a command's summary line, e.g. {@code in 20.1 s (497 tracks/s, 152,734 points/s)}:
 * wall time since the command started (reading, model loading and writing included), tracks and points per
 * second of that time. Printed whether or not stderr is a terminal.
 */
final class Rates {
    private Rates() {
    }

    /**
     * @param tracks tracks written
     * @param points points of those tracks (negative: leave the points rate out)
     * @param startNanos {@link System#nanoTime()} when the command started
     * @return {@code "in S s (T tracks/s, P points/s)"}
     */
    static String since(long tracks, long points, long startNanos) {
        return of(tracks, points, (System.nanoTime() - startNanos) / 1e9);
    }

    /**
     * @param tracks tracks written
     * @param points points of those tracks (negative: leave the points rate out)
     * @param seconds the elapsed wall time, s
     * @return {@code "in S s (T tracks/s, P points/s)"}
     */
    static String of(long tracks, long points, double seconds) {
        double s = Math.max(1e-9, seconds);
        String rate = String.format(Locale.ROOT, "%,.0f tracks/s", tracks / s);
        if (points >= 0) {
            rate += String.format(Locale.ROOT, ", %,.0f points/s", points / s);
        }
        return String.format(Locale.ROOT, "in %.1f s (%s)", s, rate);
    }
}
