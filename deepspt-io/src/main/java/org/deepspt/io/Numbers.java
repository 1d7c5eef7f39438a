package org.deepspt.io;

import com.fasterxml.jackson.core.io.NumberInput;
import java.util.Locale;
import org.deepspt.api.InputFormatException;
import org.deepspt.api.Messages;
import org.jspecify.annotations.Nullable;

/** Strict number parsing for readers; errors name source, line and field. */
final class Numbers {
    private Numbers() {
    }

    /**
     * Parses a coordinate-like decimal. Accepts what {@link Double#parseDouble} accepts except hexadecimal
     * and type suffixes, plus {@code nan}, {@code inf}, {@code -inf}, {@code infinity} in any case (Python
     * spellings). An empty string is a missing value and yields NaN.
     *
     * <p>Plain decimals (the fast path: last character a digit or {@code '.'}, no {@code x}) are parsed by
     * jackson-core's copy of FastDoubleParser ({@code NumberInput.parseDouble(s, true)}), which is correctly
     * rounded like {@link Double#parseDouble} and accepts the same decimal syntax, so the result is the same
     * double, bit for bit ({@code NumbersTest} checks both on millions of inputs). Why this parser and not JDK 17's
     * {@code FloatingDecimal}: BENCHMARKS.md.
     */
    static double parseDouble(String text, String source, long line, @Nullable String field) {
        String s = text.trim();
        if (s.isEmpty()) {
            return Double.NaN;
        }
        char last = s.charAt(s.length() - 1);
        if (last >= '0' && last <= '9' || last == '.') {
            // fast path: plain decimal (hexadecimal starts with 0x or 0X after an optional sign; an 'x'
            // anywhere else is rejected by both parsers)
            if (!isHex(s)) {
                try {
                    return NumberInput.parseDouble(s, true);
                } catch (NumberFormatException e) {
                    throw notANumber(text, source, line, field);
                }
            }
            throw notANumber(text, source, line, field);
        }
        String lower = s.toLowerCase(Locale.ROOT);
        switch (lower) {
            case "nan", "+nan", "-nan" -> {
                return Double.NaN;
            }
            case "inf", "+inf", "infinity", "+infinity" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-inf", "-infinity" -> {
                return Double.NEGATIVE_INFINITY;
            }
            default -> {
                // fall through to strict parsing
            }
        }
        if (last == 'd' || last == 'D' || last == 'f' || last == 'F' || lower.contains("x")) {
            throw notANumber(text, source, line, field);
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw notANumber(text, source, line, field);
        }
    }

    /** @return whether {@code s} starts like a hexadecimal number: {@code [+-]0x} or {@code [+-]0X} */
    private static boolean isHex(String s) {
        int i = s.charAt(0) == '+' || s.charAt(0) == '-' ? 1 : 0;
        return s.length() > i + 1 && s.charAt(i) == '0' && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X');
    }

    /** Parses an integer, also written as a float with zero fraction ("12.0"). Empty is an error. */
    static int parseInt(String text, String source, long line, @Nullable String field) {
        String s = text.trim();
        if (s.isEmpty()) {
            throw new InputFormatException(source, line, field, "missing value (expected an integer)");
        }
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            double d;
            try {
                d = parseDouble(s, source, line, field);
            } catch (InputFormatException e2) {
                throw new InputFormatException(source, line, field, Messages.quote(text) + " is not an integer");
            }
            if (d == Math.rint(d) && Math.abs(d) <= Integer.MAX_VALUE) {
                return (int) d;
            }
            if (d == Math.rint(d)) {
                throw outOfRange(Messages.quote(text), source, line, field);
            }
            throw new InputFormatException(source, line, field, Messages.quote(text) + " is not an integer");
        }
    }

    /**
     * Converts an integer read as a number (a typed table cell) with the range check of
     * {@link #parseInt}: |value| ≤ 2³¹ − 1, so that frame 2³² + k is refused instead of wrapping to k.
     */
    static int toInt(long value, String source, long line, @Nullable String field) {
        if (Math.abs(value) > Integer.MAX_VALUE) {
            throw outOfRange(Long.toString(value), source, line, field);
        }
        return (int) value;
    }

    /** As {@link #toInt(long, String, long, String)} for a floating-point cell: it must be integral ("12.0"). */
    static int toInt(double value, String source, long line, @Nullable String field) {
        if (value == Math.rint(value) && Math.abs(value) <= Integer.MAX_VALUE) {
            return (int) value;
        }
        if (value == Math.rint(value)) {
            throw outOfRange(Double.toString(value), source, line, field);
        }
        throw new InputFormatException(source, line, field, value + " is not an integer");
    }

    private static InputFormatException outOfRange(String shown, String source, long line, @Nullable String field) {
        return new InputFormatException(source, line, field, shown + " is outside the integer range ±"
                + Integer.MAX_VALUE + " (2^31 - 1)");
    }

    private static InputFormatException notANumber(String text, String source, long line,
            @Nullable String field) {
        return new InputFormatException(source, line, field, Messages.quote(text) + " is not a number");
    }
}
