package org.deepspt.cli;

import java.io.PrintWriter;

/**
 * A one-line progress bar on stderr, redrawn at most every 200 ms. Silent when disabled (no terminal, or
 * {@code --no-progress}). Not thread-safe beyond {@link #step()} being called from one thread.
 */
final class Progress implements AutoCloseable {
    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final String label;
    private final long total;
    private final boolean enabled;
    private long done;
    private long lastDraw;
    private final long start = System.nanoTime();

    Progress(PrintWriter err, String label, long total, boolean enabled) {
        this.err = err;
        this.label = label;
        this.total = total;
        this.enabled = enabled;
    }

    /**
     * @return true when stderr looks like an interactive terminal: {@link System#console()} (stdin and stdout both
     *     terminals), or, on Linux, stderr itself open on a terminal device ({@code /proc/self/fd/2}), so that
     *     {@code acquire | deepspt stream --in -} still shows its progress line
     */
    static boolean interactive() {
        if (System.console() != null) {
            return true;
        }
        try {
            return isTerminalDevice(java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/fd/2"))
                    .toString());
        } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
            return false;   // not Linux, or no /proc: only the console test
        }
    }

    /**
     * @param target what a file descriptor is open on (the target of its {@code /proc/self/fd} link)
     * @return whether it is a terminal device ({@code /dev/pts/N}, {@code /dev/ttyN}, {@code /dev/tty}), not a
     *     file, pipe or socket
     */
    static boolean isTerminalDevice(String target) {
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    }

    void step() {
        done++;
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastDraw > 200_000_000L || done == total) {
            lastDraw = now;
            draw();
        }
    }

    private void draw() {
        StringBuilder sb = new StringBuilder("\r").append(label).append(" [");
        int filled = total > 0 ? (int) (WIDTH * Math.min(done, total) / total) : 0;
        for (int i = 0; i < WIDTH; i++) {
            sb.append(i < filled ? '#' : '.');
        }
        sb.append("] ").append(done);
        if (total > 0) {
            sb.append('/').append(total);
        }
        double s = Math.max(1e-9, (System.nanoTime() - start) / 1e9);
        double rate = done / s;
        sb.append(String.format(java.util.Locale.ROOT, " %.1f s, %,.0f/s", s, rate));
        if (total > 0 && done < total && rate > 0) {
            sb.append(String.format(java.util.Locale.ROOT, ", ~%.0f s left", (total - done) / rate));
        }
        err.print(sb);
        err.flush();
    }

    @Override
    public void close() {
        if (enabled && done > 0) {
            draw();
            err.println();
            err.flush();
        }
    }
}
