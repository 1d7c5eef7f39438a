package org.deepspt.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deepspt.api.InputFormatException;
import org.jspecify.annotations.Nullable;

/**
 * Localisations read line by line from a stream that is still being written ({@code stream --in -},
 * {@code --follow}): a header row naming the columns {@code particle} (or track_id, trackid, track,
 * trajectory, traj), {@code frame}, {@code x}, {@code y} and optionally {@code z} (any order, other columns
 * ignored, delimiter , or tab or ;), then one localisation per row, rows in frame order. A line equal to the
 * sentinel (if any) ends the stream. Errors name the source, line and column.
 */
final class LiveRows implements AutoCloseable {
    private static final Map<String, List<String>> NAMES = Map.of(
            "particle", List.of("particle", "track_id", "trackid", "track", "trajectory", "traj"),
            "frame", List.of("frame"), "x", List.of("x"), "y", List.of("y"), "z", List.of("z"));

    /** One localisation. */
    record Row(long line, int frame, String id, double x, double y, double z) {
    }

    private final BufferedReader reader;
    private final String source;
    private final @Nullable String sentinel;
    private final char delimiter;
    private final int particle;
    private final int frame;
    private final int x;
    private final int y;
    private final int z;
    private final int columns;
    private long line = 1;
    private boolean ended;
    private boolean closeReader;

    private LiveRows(BufferedReader reader, String source, @Nullable String sentinel, String header) {
        this.reader = reader;
        this.source = source;
        this.sentinel = sentinel;
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
     * @return the rows
     * @throws InputFormatException on an empty input or a header without the required columns
     */
    static LiveRows open(BufferedReader reader, String source, @Nullable String sentinel) {
        String header;
        try {
            header = reader.readLine();
        } catch (IOException e) {
            throw new InputFormatException(source, 1, null, "cannot read: " + e.getMessage(), e);
        }
        if (header == null || header.isBlank() || (sentinel != null && header.strip().equals(sentinel))) {
            throw new InputFormatException(source, 1, null, "no header row; expected columns particle,frame,x,y[,z]");
        }
        return new LiveRows(reader, source, sentinel, header);
    }

    /**
     * As {@link #open(BufferedReader, String, String)}, for a reader this object owns: {@link #close()} closes it,
     * and so does a failure to read the header.
     */
    static LiveRows openOwned(BufferedReader reader, String source, @Nullable String sentinel) {
        try {
            LiveRows rows = open(reader, source, sentinel);
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
            String text;
            try {
                text = reader.readLine();
            } catch (IOException e) {
                throw new InputFormatException(source, line + 1, null, "cannot read: " + e.getMessage(), e);
            }
            if (text == null) {
                ended = true;
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
