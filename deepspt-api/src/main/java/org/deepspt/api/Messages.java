package org.deepspt.api;

import org.jspecify.annotations.Nullable;

/**
 * Quoting of values taken from user input (ids, fields, numbers that did not parse) in messages: at most
 * {@value #MAX_CHARS} characters are echoed, so a 10 MB field never becomes a 10 MB error line, and control
 * characters are escaped, so an id with a line break or a NUL byte never splits or garbles a one-line
 * message. Bidirectional-text controls (U+061C, U+200E/U+200F, U+202A–U+202E, U+2066–U+2069) and invisible
 * zero-width characters (U+200B–U+200D, U+2060, U+FEFF) are escaped too: an id holding a right-to-left
 * override cannot make the rest of a line read backwards ("Trojan Source", CVE-2021-42574).
 */
public final class Messages {
    /** Most characters of one value that a message repeats. */
    public static final int MAX_CHARS = 80;

    private Messages() {
    }

    /**
     * @param value a value from the input (may be null)
     * @return the value, cut to {@value #MAX_CHARS} characters with {@code …(N chars)} appended when longer
     *     (N counts the whole value); line feed, carriage return and tab shown as {@code \n}, {@code \r},
     *     {@code \t}, other control characters (C0, DEL, C1, line and paragraph separators) as a
     *     backslash, {@code u} and four hex digits
     */
    public static String abbreviate(@Nullable String value) {
        if (value == null) {
            return "null";
        }
        if (value.length() <= MAX_CHARS) {
            return escapeControls(value);
        }
        return escapeControls(value.substring(0, MAX_CHARS)) + "…(" + value.length() + " chars)";
    }

    /**
     * @param c a UTF-16 unit
     * @return whether messages show it as an escape: C0 and C1 controls, DEL, line and paragraph separators,
     *     bidirectional controls and zero-width characters
     */
    public static boolean isUnsafe(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029' || c == '\u061C'
                || (c >= '\u200B' && c <= '\u200F') || (c >= '\u202A' && c <= '\u202E') || c == '\u2060'
                || (c >= '\u2066' && c <= '\u2069') || c == '\uFEFF';
    }

    private static boolean isControl(char c) {
        return isUnsafe(c);
    }

    /**
     * The whole value with every character of {@link #isUnsafe(char)} shown as a visible escape, not cut:
     * for names and ids echoed on one line of a terminal or in a report.
     *
     * @param value a value from the input (may be null)
     * @return the value with {@code \n}, {@code \r}, {@code \t} and {@code \}{@code uXXXX} escapes
     */
    public static String escape(@Nullable String value) {
        return value == null ? "null" : escapeControls(value);
    }

    private static String escapeControls(String s) {
        int i = 0;
        while (i < s.length() && !isControl(s.charAt(i))) {
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length() + 8).append(s, 0, i);
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (isControl(c)) {
                        sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    /** @param value a value from the input @return {@code 'value'}, abbreviated */
    public static String quote(@Nullable String value) {
        return "'" + abbreviate(value) + "'";
    }
}
