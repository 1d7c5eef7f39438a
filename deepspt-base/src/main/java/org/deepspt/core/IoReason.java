package org.deepspt.core;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Why a file could not be read or written, in plain words for a one-line message such as {@code cannot write
 * out.csv: permission denied}: the JDK's exception class names ({@code java.nio.file.AccessDeniedException})
 * and its bare paths ({@code NoSuchFileException: /x}) mean nothing to a user.
 *
 * <p>The common {@code java.nio.file} exceptions map to fixed phrases ({@code permission denied}, {@code no
 * such file or folder}, {@code not a folder (a part of the path is a file)}, {@code it is a folder}, {@code
 * already exists}, {@code folder not empty}); the operating system's reasons ({@code No space left on device},
 * {@code Read-only file system}, {@code Disk quota exceeded}, …) are written in lower case; anything else is
 * the exception's message with Java class names removed.
 *
 * <p>Thread-safe (stateless).
 */
public final class IoReason {
    /** Operating-system reasons (as {@code strerror} words them), lower case, and the phrase to use. */
    private static final List<Map.Entry<String, String>> REASONS = List.of(
            Map.entry("no space left on device", "no space left on device"),
            Map.entry("disk quota exceeded", "disk quota exceeded"),
            Map.entry("read-only file system", "read-only file system"),
            Map.entry("permission denied", "permission denied"),
            Map.entry("operation not permitted", "permission denied"),
            Map.entry("not a directory", "not a folder (a part of the path is a file)"),
            Map.entry("is a directory", "it is a folder"),
            Map.entry("no such file or directory", "no such file or folder"),
            Map.entry("file name too long", "file name too long"),
            Map.entry("file exists", "already exists"),
            Map.entry("directory not empty", "folder not empty"),
            Map.entry("too many open files", "too many open files"),
            Map.entry("input/output error", "input/output error"));

    /** A qualified or simple Java exception class name, with the {@code ": "} that follows it. */
    private static final Pattern CLASS_NAME = Pattern.compile(
            "\\b(?:[a-z_$][\\w$]*\\.)*[A-Z][\\w$]*(?:Exception|Error)\\b:?\\s*");

    private IoReason() {
    }

    /**
     * @param e an I/O failure
     * @return why it failed, in lower-case words without Java class names; never empty
     */
    public static String of(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof NotDirectoryException) {
            return "not a folder";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "folder not empty";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "already exists";
        }
        if (e instanceof FileSystemException f) {
            // the message is "file: reason" or "file -> other: reason"; only the reason explains
            String reason = f.getReason();
            if (reason != null && !reason.isBlank()) {
                return words(reason);
            }
            return f.getFile() == null ? "file system error" : "file system error at " + f.getFile();
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? "input/output error" : words(m);
    }

    /** @return the known phrase the text contains, else the text without class names, in one line */
    private static String words(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, String> r : REASONS) {
            if (lower.contains(r.getKey())) {
                return r.getValue();
            }
        }
        String s = CLASS_NAME.matcher(text).replaceAll("").replaceAll("\\s+", " ").strip();
        if (s.isEmpty()) {
            return "input/output error";
        }
        return s.length() > 1 && Character.isUpperCase(s.charAt(0)) && Character.isLowerCase(s.charAt(1))
                ? Character.toLowerCase(s.charAt(0)) + s.substring(1) : s;
    }
}
