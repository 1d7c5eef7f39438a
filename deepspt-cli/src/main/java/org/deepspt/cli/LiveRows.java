package org.deepspt.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.deepspt.api.InputFormatException;
import org.jspecify.annotations.Nullable;

/**
 * Localisations read line by line from a stream that is still being written ({@code stream --in -},
 * {@code --follow}): a header row naming the columns {@code particle} (or track_id, trackid, track,
 * trajectory, traj), {@code frame}, {@code x}, {@code y} and optionally {@code z} (any order, other columns
 * ignored, delimiter , or tab or ;), then one localisation per row, rows in frame order. A line equal to the
 * sentinel (if any, compared without leading and trailing white space) ends the stream. For a followed file
 * ({@code --follow}, {@code requireLineBreak}) every line must end with a line break: the file stops growing or
 * the follow times out while the writer may be inside a row, so a last line without one is an error naming its
 * line, never read as data (only the sentinel or white space may end without one). On standard input the end of
 * the input is the writer closing it, so a last line without a line break is a row (as in a file that lacks its
 * final newline). Errors name the source, line and column. A {@code stop} condition that turns true ends the rows
 * as the end of the input does ({@code stream} interrupted by a signal): the row being read is the last, a line not
 * read whole is dropped.
 */
final class LiveRows implements AutoCloseable {
    private static final Map<String, List<String>> NAMES = Map.of(
            "particle", List.of("particle", "track_id", "trackid", "track", "trajectory", "traj"),
            "frame", List.of("frame"), "x", List.of("x"), "y", List.of("y"), "z", List.of("z"));

    /** One localisation. */
    record Row(long line, int frame, String id, double x, double y, double z) {
    }

    private final BufferedReader reader;
    /** Characters read from {@link #reader} and not yet split into lines: {@code buffer[start, limit)}. */
    private final char[] buffer = new char[8192];
    private int start;
    private int limit;
    /** The last line ended with a carriage return: a line feed right after it belongs to it. */
    private boolean skipLineFeed;
    private final String source;
    private final @Nullable String sentinel;
    private char delimiter;
    private int particle;
    private int frame;
    private int x;
    private int y;
    private int z;
    private int columns;
    private long line = 1;
    private boolean ended;
    private boolean closeReader;
    /** A last line without a line break is an error (a followed file), not a row. */
    private final boolean requireLineBreak;
    private final BooleanSupplier stop;
    private boolean stopped;

    private LiveRows(BufferedReader reader, String source, @Nullable String sentinel, boolean requireLineBreak,
            BooleanSupplier stop) {
        this.reader = reader;
        this.source = source;
        this.sentinel = sentinel == null ? null : sentinel.strip();
        this.requireLineBreak = requireLineBreak;
        this.stop = stop;
    }

    /** Reads the columns from the header row. */
    private void header(String header) {
        this.delimiter = header.indexOf(',') >= 0 ? ',' : header.indexOf('\t') >= 0 ? '\t'
                : header.indexOf(';') >= 0 ? ';' : ',';
        List<String> cells = split(header.startsWith("\uFEFF") ? header.substring(1) : header, delimiter);
        this.columns = cells.size();
        this.particle = find(cells, "particle", true);
        this.frame = find(cells, "frame", true);
        this.x = find(cells, "x", true);
        this.y = find(cells, "y", true);
        this.z = find(cells, "z", false);
    }

    /**
     * @param reader the text (its header row is read now; blocks until it arrives)
     * @param source name for messages
     * @param sentinel a line that ends the stream, or null
     * @param requireLineBreak whether a last line without a line break is an error (a followed file) rather than a
     *     row (standard input)
     * @return the rows
     * @throws InputFormatException on an empty input or a header without the required columns
     */
    static LiveRows open(BufferedReader reader, String source, @Nullable String sentinel, boolean requireLineBreak) {
        return open(reader, source, sentinel, requireLineBreak, () -> false);
    }

    private static LiveRows open(BufferedReader reader, String source, @Nullable String sentinel,
            boolean requireLineBreak, BooleanSupplier stop) {
        LiveRows rows = new LiveRows(reader, source, sentinel, requireLineBreak, stop);
        String header = rows.readLine(1);
        if (header == null || header.isBlank() || (rows.sentinel != null && header.strip().equals(rows.sentinel))) {
            throw new InputFormatException(source, 1, null, "no header row; expected columns particle,frame,x,y[,z]");
        }
        rows.header(header);
        return rows;
    }

    /**
     * @param number the 1-based number of the line to read, for messages
     * @return the next line without its line break, or null at the end of the input
     * @throws InputFormatException when the input cannot be read, the followed file changed, or a followed file
     *     ends inside a line (no line break after it) that is neither blank nor the sentinel
     */
    private @Nullable String readLine(long number) {
        StringBuilder text = null;
        while (true) {
            if (start == limit && !fill(number)) {
                if (text == null || stop.getAsBoolean()) {
                    return null;   // a line cut off by a stop is not read
                }
                String unfinished = text.toString();
                if (!requireLineBreak || unfinished.isBlank()
                        || (sentinel != null && unfinished.strip().equals(sentinel))) {
                    return unfinished;
                }
                throw new InputFormatException(source, number, null, "the input ended inside this line (no line break "
                        + "after '" + org.deepspt.api.Messages.abbreviate(unfinished) + "'): a row cut off while it was "
                        + "written is not read");
            }
            if (skipLineFeed) {
                skipLineFeed = false;
                if (buffer[start] == '\n') {
                    start++;
                    continue;
                }
            }
            int i = start;
            while (i < limit && buffer[i] != '\n' && buffer[i] != '\r') {
                i++;
            }
            if (text == null && i < limit) {
                String line = new String(buffer, start, i - start);
                endLine(i);
                return line;
            }
            if (text == null) {
                text = new StringBuilder(Math.max(16, 2 * (i - start)));
            }
            text.append(buffer, start, i - start);
            if (i < limit) {
                endLine(i);
                return text.toString();
            }
            start = limit;
        }
    }

    /** Consumes the line break at {@code buffer[i]}. */
    private void endLine(int i) {
        skipLineFeed = buffer[i] == '\r';
        start = i + 1;
    }

    /** @return whether more characters were read into the empty buffer (false at the end of the input) */
    private boolean fill(long number) {
        try {
            int n;
            do {
                n = reader.read(buffer, 0, buffer.length);
            } while (n == 0);
            if (n < 0) {
                return false;
            }
            start = 0;
            limit = n;
            return true;
        } catch (FollowedFileChangedException e) {
            throw new InputFormatException(source, 0, null, e.problem(), e);
        } catch (IOException e) {
            throw new InputFormatException(source, number, null, "cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * As {@link #open(BufferedReader, String, String, boolean)}, for a reader this object owns: {@link #close()}
     * closes it, and so does a failure to read the header.
     *
     * @param stop turns true when the rows should end, as at the end of the input
     */
    static LiveRows openOwned(BufferedReader reader, String source, @Nullable String sentinel,
            boolean requireLineBreak, BooleanSupplier stop) {
        try {
            LiveRows rows = open(reader, source, sentinel, requireLineBreak, stop);
            rows.closeReader = true;
            return rows;
        } catch (RuntimeException e) {
            closeQuietly(reader);
            throw e;
        }
    }

    /** Closes the reader when this object owns it (a file; not standard input). */
    @Override
    public void close() {
        if (closeReader) {
            closeReader = false;
            closeQuietly(reader);
        }
    }

    private static void closeQuietly(BufferedReader reader) {
        try {
            reader.close();
        } catch (IOException e) {
            // nothing was written through it: a failed close loses nothing
        }
    }

    /** @return the name of the input in messages ("(standard input)" or the file) */
    String source() {
        return source;
    }

    /** @return whether the rows ended because the stop condition turned true */
    boolean stopped() {
        return stopped;
    }

    /** @return 2 or 3 (a z column makes it 3D) */
    int dimension() {
        return z >= 0 ? 3 : 2;
    }

    private int find(List<String> cells, String role, boolean required) {
        for (int i = 0; i < cells.size(); i++) {
            if (NAMES.get(role).contains(cells.get(i).strip().toLowerCase(Locale.ROOT))) {
                return i;
            }
        }
        if (required) {
            throw new InputFormatException(source, 1, null, "no '" + role + "' column in the header (accepted names: "
                    + NAMES.get(role) + ")");
        }
        return -1;
    }

    /**
     * @return the next localisation, or null at the end (end of input, or the sentinel line)
     * @throws InputFormatException naming the line and column of a malformed row
     */
    @Nullable Row next() {
        while (!ended) {
            if (stop.getAsBoolean()) {
                ended = true;
                stopped = true;
                return null;
            }
            String text = readLine(line + 1);
            if (text == null) {
                ended = true;
                stopped = stop.getAsBoolean();
                return null;
            }
            line++;
            if (sentinel != null && text.strip().equals(sentinel)) {
                ended = true;
                return null;
            }
            if (text.isBlank()) {
                continue;
            }
            List<String> cells = split(text, delimiter);
            if (cells.size() < columns) {
                throw new InputFormatException(source, line, null, "has " + cells.size() + " fields; the header has "
                        + columns);
            }
            String id = cells.get(particle).strip();
            int f = parseFrame(cells.get(frame));
            return new Row(line, f, id, number(cells.get(x), "x"), number(cells.get(y), "y"),
                    z >= 0 ? number(cells.get(z), "z") : 0.0);
        }
        return null;
    }

    private int parseFrame(String cell) {
        String s = cell.strip();
        try {
            double d = Double.parseDouble(s);
            if (d != Math.rint(d) || d < Integer.MIN_VALUE || d > Integer.MAX_VALUE) {
                throw new InputFormatException(source, line, "frame", "'" + s + "' is not an integer frame index "
                        + "in the int range");
            }
            return (int) d;
        } catch (NumberFormatException e) {
            throw new InputFormatException(source, line, "frame", "'" + s + "' is not a number");
        }
    }

    private double number(String cell, String column) {
        String s = cell.strip();
        double v;
        try {
            v = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new InputFormatException(source, line, column, "'" + s + "' is not a number");
        }
        if (!Double.isFinite(v)) {
            throw new InputFormatException(source, line, column, "non-finite coordinate " + s);
        }
        return v;
    }

    /** Splits one line; a field in double quotes may contain the delimiter ("" is a quote). */
    static List<String> split(String text, char delimiter) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == delimiter) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
