package org.deepspt.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.UnmappableCharacterException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deepspt.api.InputFormatException;

/**
 * Turns the I/O failure of reading an input file into one {@link InputFormatException} line in our terms:
 * {@code no such file}, {@code permission denied}, {@code not UTF-8 text (a malformed sequence of 1 byte)},
 * {@code malformed CSV} with the line Commons CSV names, instead of the JDK's bare path ({@code
 * NoSuchFileException}) or {@code Input length = 1} ({@code MalformedInputException}).
 *
 * <p>Thread-safe (stateless).
 */
public final class ReadFailures {
    /** Commons CSV's messages start with {@code (line N)} or {@code (startline N)}. */
    private static final Pattern CSV_LINE = Pattern.compile("^\\((?:start)?line (\\d+)\\)\\s*(.*)$",
            Pattern.DOTALL);

    private ReadFailures() {
    }

    /**
     * @param source the input's name
     * @param e what reading it threw: an {@link IOException} or an {@link UncheckedIOException} around one
     * @return the exception to throw, with the cause attached
     */
    public static InputFormatException of(String source, RuntimeException e) {
        return of(source, 0, e);
    }

    /**
     * @param source the input's name
     * @param line the line being read when it failed (1-based), or 0 when unknown; a line that Commons CSV
     *     names in its message takes precedence
     * @param e what reading it threw: an {@link IOException} or an {@link UncheckedIOException} around one
     * @return the exception to throw, with the cause attached
     */
    public static InputFormatException of(String source, long line, RuntimeException e) {
        return e instanceof UncheckedIOException u ? of(source, line, u.getCause()) : new InputFormatException(
                source, line, null, "cannot read: " + e.getMessage(), e);
    }

    /**
     * @param source the input's name
     * @param e what reading it threw
     * @return the exception to throw, with the cause attached
     */
    public static InputFormatException of(String source, IOException e) {
        return of(source, 0, e);
    }

    /**
     * @param source the input's name
     * @param line the line being read when it failed (1-based), or 0 when unknown; a line that Commons CSV
     *     names in its message takes precedence
     * @param e what reading it threw
     * @return the exception to throw, with the cause attached
     */
    public static InputFormatException of(String source, long line, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new InputFormatException(source, 0, null, "cannot read: no such file", e);
        }
        if (e instanceof AccessDeniedException) {
            return new InputFormatException(source, 0, null, "cannot read: permission denied", e);
        }
        if (e instanceof StrictDecodingReader.Undecodable u) {
            return new InputFormatException(source, u.line(), null, "not " + u.charset() + " text at column "
                    + u.column() + " (" + u.what() + "); save the file as " + u.charset(), e);
        }
        if (e instanceof CharacterCodingException c) {
            return new InputFormatException(source, line, null, "not UTF-8 text (" + describe(c) + "); save the "
                    + "file as UTF-8", e);
        }
        String msg = e.getMessage() == null ? "" : e.getMessage().replaceAll("\\s+", " ").strip();
        Matcher m = CSV_LINE.matcher(msg);
        if (m.matches()) {
            return new InputFormatException(source, Long.parseLong(m.group(1)), null, "malformed CSV: "
                    + m.group(2), e);
        }
        return new InputFormatException(source, line, null, "cannot read: " + (msg.isEmpty() ? "I/O failure"
                : msg), e);
    }

    /** @return what is wrong with the bytes, in words */
    static String describe(CharacterCodingException c) {
        if (c instanceof MalformedInputException m) {
            return "a malformed sequence of " + m.getInputLength() + (m.getInputLength() == 1 ? " byte" : " bytes");
        }
        if (c instanceof UnmappableCharacterException u) {
            return "an unmappable character of " + u.getInputLength() + (u.getInputLength() == 1 ? " byte"
                    : " bytes");
        }
        return "bytes that cannot be decoded";
    }
}
