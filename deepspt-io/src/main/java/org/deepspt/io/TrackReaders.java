package org.deepspt.io;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import javax.xml.stream.XMLStreamReader;
import org.deepspt.api.InputFormatException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point for reading trajectory files in any {@link TrackFormat}. Readers stream: CSV is parsed row by
 * row and XML with StAX, and only per-track primitive buffers are held. See {@code package-info} for the
 * policies (gaps, duplicates, branches, NaN, units, short tracks).
 *
 * <p>Thread-safe (stateless).
 */
public final class TrackReaders {
    private static final Logger LOG = LoggerFactory.getLogger(TrackReaders.class);
    private static final int SNIFF_BYTES = 1 << 16;

    private TrackReaders() {
    }

    /**
     * Reads a file, detecting its format with {@link #detect(Path)} unless {@link ReadOptions#format()} forces
     * one. When detection fails on a CSV header but column overrides are given, the DeepSPT CSV flavour is
     * assumed. A CSV file is tokenised on a second, daemon thread ({@code deepspt-csv-read <file>}) while the
     * calling thread parses and accumulates the rows; it ends before this method returns. The result and its
     * errors are those of the one-thread readers that take a {@link Reader} or {@link InputStream}.
     *
     * @param file the file
     * @param options reading options
     * @return trajectories and issues
     * @throws InputFormatException when the file cannot be read or parsed (message names line and field)
     */
    public static ReadResult read(Path file, ReadOptions options) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(options, "options");
        String source = file.toString();
        TrackFormat format = options.format().orElseGet(() -> {
            TrackFormat f = detectOrNull(file);
            if (f == null) {
                if (!options.columns().isEmpty()) {
                    return TrackFormat.DEEPSPT_CSV;
                }
                throw new InputFormatException(source, 1, null, "cannot detect the format from the header "
                        + "(expected x/y/particle/frame, trajectory/frame/t/x/y or TRACK_ID/POSITION_X/...); "
                        + "force it with " + ReadTerm.FORMAT + " or map columns with " + ReadTerm.COLUMN);
            }
            return f;
        });
        LOG.debug("{}: reading as {}", source, format);
        try (InputStream in = Files.newInputStream(file)) {
            if (!isXml(format)) {
                // a file: lexing on a second thread overlaps with parsing (PrefetchedRecords)
                return CsvTrackReader.read(utf8(in), source, format, options, true);
            }
            return read(in, source, format, options);
        } catch (IOException e) {
            throw cannotRead(source, e);
        }
    }

    /**
     * Reads characters in a known format. The caller closes {@code in}.
     *
     * @param in the text (a leading byte-order mark is skipped)
     * @param sourceName name used in messages
     * @param format the format
     * @param options reading options
     * @return trajectories and issues
     */
    public static ReadResult read(Reader in, String sourceName, TrackFormat format, ReadOptions options) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(options, "options");
        String source = sourceName == null ? "<input>" : sourceName;
        if (isXml(format)) {
            BufferedReader br = new BufferedReader(in, 1 << 16);
            try {
                CsvTrackReader.skipBom(br);
            } catch (IOException e) {
                throw cannotRead(source, e);
            }
            return readXml(SecureXml.open(br, source), source, format, options);
        }
        return CsvTrackReader.read(in, source, format, options);
    }

    /**
     * Reads UTF-8 bytes (XML: the declared encoding) in a known format; bytes that are not UTF-8 are an
     * {@link InputFormatException} naming the line, never replaced (two ids differing only in such bytes
     * would become one track). The caller closes {@code in}.
     *
     * @param in the bytes
     * @param sourceName name used in messages
     * @param format the format
     * @param options reading options
     * @return trajectories and issues
     */
    public static ReadResult read(InputStream in, String sourceName, TrackFormat format, ReadOptions options) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(format, "format");
        String source = sourceName == null ? "<input>" : sourceName;
        if (isXml(format)) {
            InputStream bin = in instanceof BufferedInputStream ? in : new BufferedInputStream(in, 1 << 16);
            return readXml(SecureXml.open(bin, source), source, format, options);
        }
        return read(utf8(in), source, format, options);
    }

    /**
     * @return a reader of UTF-8 that throws, with the line and column, on bytes that are not UTF-8 instead of
     *     replacing them with U+FFFD
     */
    static Reader utf8(InputStream in) {
        return new StrictDecodingReader(in, StandardCharsets.UTF_8);
    }

    /**
     * @param trackId the track id of a {@link org.deepspt.api.TrackIssue} in a {@link ReadResult}'s issues
     * @return whether it names no input track but a note about a file's content (untracked spots of a TrackMate
     *     file, tracks outside TrackMate's FilteredTracks), so that counts of tracks leave it out; also when
     *     qualified by its file's name ({@code fov01.xml:(untracked spots)}), as {@link MultiFileRead} writes it
     */
    public static boolean isFileNote(String trackId) {
        return isNote(trackId, CsvTrackReader.UNTRACKED_ID) || isNote(trackId, TrackMateXmlReader.FILTERED_OUT_ID);
    }

    /**
     * @param trackId the track id of a {@link org.deepspt.api.TrackIssue}
     * @return whether it is the note about spots that belong to no track (and are not read)
     */
    static boolean isUntrackedNote(String trackId) {
        return isNote(trackId, CsvTrackReader.UNTRACKED_ID);
    }

    private static boolean isNote(String trackId, String noteId) {
        return trackId.equals(noteId) || trackId.endsWith(":" + noteId);
    }

    /**
     * Detects a file's format from its content, checked against its extension: a document starting with
     * {@code <} is XML and its root element decides ({@code <TrackMate>} → TRACKMATE_XML, {@code <Tracks>} →
     * TRACKMATE_SIMPLE_XML); otherwise the first line is a CSV header: {@code POSITION_X} → TRACKMATE_CSV,
     * {@code trajectory} → SPOTON_CSV, {@code x} and {@code y} → DEEPSPT_CSV (case-insensitive). A file named
     * {@code *.xml} must be XML.
     *
     * @param file the file
     * @return the format
     * @throws InputFormatException when the file is empty, unreadable, hostile XML or of no known format
     */
    public static TrackFormat detect(Path file) {
        TrackFormat f = detectOrNull(file);
        if (f == null) {
            throw new InputFormatException(file.toString(), 1, null, "cannot detect the format from the header");
        }
        return f;
    }

    private static @Nullable TrackFormat detectOrNull(Path file) {
        String source = file.toString();
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(SNIFF_BYTES);
        } catch (IOException e) {
            throw cannotRead(source, e);
        }
        java.nio.charset.Charset utf16 = utf16(head);
        String text = new String(head, utf16 != null ? utf16 : StandardCharsets.UTF_8);
        int i = 0;
        while (i < text.length() && (text.charAt(i) == '\uFEFF' || Character.isWhitespace(text.charAt(i)))) {
            i++;
        }
        if (i == text.length()) {
            throw new InputFormatException(source, 1, null, "empty file: no CSV header row"
                    + " (expected columns such as x, y, particle, frame) and no XML root element");
        }
        boolean xmlName = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".xml");
        if (text.charAt(i) == '<') {
            String root;
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
                XMLStreamReader r = SecureXml.open(in, source);
                try {
                    root = SecureXml.rootElement(r, source);
                } finally {
                    SecureXml.close(r);
                }
            } catch (IOException e) {
                throw cannotRead(source, e);
            }
            return switch (root) {
                case "TrackMate" -> TrackFormat.TRACKMATE_XML;
                case "Tracks" -> TrackFormat.TRACKMATE_SIMPLE_XML;
                default -> throw new InputFormatException(source, 0, null, "unknown XML root element <" + root
                        + ">; expected <TrackMate> or <Tracks>");
            };
        }
        if (utf16 != null) {
            throw new InputFormatException(source, 1, null, "CSV files in UTF-16 are not supported; save the file "
                    + "as UTF-8");
        }
        if (xmlName) {
            throw new InputFormatException(source, 1, null, "named .xml but does not start with '<'");
        }
        int end = text.indexOf('\n', i);
        String first = (end < 0 ? text.substring(i) : text.substring(i, end)).strip();
        return fromHeader(first);
    }

    /**
     * @param head the first bytes of a file
     * @return UTF-16BE or UTF-16LE when a byte-order mark or the zero bytes of ASCII text in UTF-16 say so,
     *     else null (UTF-8)
     */
    static java.nio.charset.@Nullable Charset utf16(byte[] head) {
        if (head.length >= 2) {
            int b0 = head[0] & 0xFF;
            int b1 = head[1] & 0xFF;
            if ((b0 == 0xFE && b1 == 0xFF) || (b0 == 0 && b1 != 0)) {
                return StandardCharsets.UTF_16BE;
            }
            if ((b0 == 0xFF && b1 == 0xFE) || (b0 != 0 && b1 == 0)) {
                return StandardCharsets.UTF_16LE;
            }
        }
        return null;
    }

    static @Nullable TrackFormat fromHeader(String headerLine) {
        char d = CsvTrackReader.delimiter(headerLine);
        Set<String> cols = new HashSet<>();
        for (String c : headerLine.split(java.util.regex.Pattern.quote(String.valueOf(d)), -1)) {
            String s = c.strip();
            if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
                s = s.substring(1, s.length() - 1).strip();
            }
            cols.add(s.toLowerCase(Locale.ROOT));
        }
        if (cols.contains("position_x")) {
            return TrackFormat.TRACKMATE_CSV;
        }
        if (cols.contains("trajectory") && !cols.contains("particle")) {
            return TrackFormat.SPOTON_CSV;
        }
        if (cols.containsAll(Arrays.asList("x", "y"))) {
            return TrackFormat.DEEPSPT_CSV;
        }
        return null;
    }

    private static boolean isXml(TrackFormat format) {
        return format == TrackFormat.TRACKMATE_XML || format == TrackFormat.TRACKMATE_SIMPLE_XML;
    }

    private static ReadResult readXml(XMLStreamReader r, String source, TrackFormat format, ReadOptions options) {
        return format == TrackFormat.TRACKMATE_XML ? TrackMateXmlReader.read(r, source, options)
                : SimpleXmlReader.read(r, source, options);
    }

    static InputFormatException cannotRead(String source, IOException e) {
        return ReadFailures.of(source, e);
    }

    /**
     * Opens a UTF-8 text file (strict decoding, {@link #utf8}) and hands it to a reader of text, named by the file.
     *
     * @param file the file
     * @param read reads the text (the file's path is its source name in messages); the stream is closed after it
     * @param <T> what it reads
     * @return what {@code read} returned
     * @throws InputFormatException naming the file when it cannot be opened or read
     */
    static <T> T readText(Path file, BiFunction<Reader, String, T> read) {
        try (InputStream in = Files.newInputStream(file)) {
            return read.apply(utf8(in), file.toString());
        } catch (IOException e) {
            throw cannotRead(file.toString(), e);
        }
    }
}
