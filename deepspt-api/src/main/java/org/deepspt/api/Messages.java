package org.deepspt.api;

import org.jspecify.annotations.Nullable;

/**
 * Quoting of values taken from user input (ids, fields, numbers that did not parse) in messages: at most
 * {@value #MAX_CHARS} characters are echoed, so a 10 MB field never becomes a 10 MB error line.
 */
public final class Messages {
    /** Most characters of one value that a message repeats. */
    public static final int MAX_CHARS = 80;

    private Messages() {
    }

    /**
     * @param value a value from the input (may be null)
     * @return the value, cut to {@value #MAX_CHARS} characters with {@code …(N chars)} appended when longer
     */
    public static String abbreviate(@Nullable String value) {
        if (value == null) {
            return "null";
        }
        if (value.length() <= MAX_CHARS) {
            return value;
        }
        return value.substring(0, MAX_CHARS) + "…(" + value.length() + " chars)";
    }

    /** @param value a value from the input @return {@code 'value'}, abbreviated */
    public static String quote(@Nullable String value) {
        return "'" + abbreviate(value) + "'";
    }
}
