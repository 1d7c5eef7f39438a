package org.deepspt.io;

import com.fasterxml.jackson.core.io.NumberOutput;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;
import org.deepspt.api.DeepSptException;
import org.deepspt.core.IoReason;

/** Shared CSV output settings: RFC 4180 quoting where needed, {@code '\n'} line ends, UTF-8. */
final class CsvOut {
    /** Between the cells of a row. */
    static final char DELIMITER = ',';
    /** After each row. */
    static final char RECORD_SEPARATOR = '\n';
    static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setDelimiter(DELIMITER)
            .setRecordSeparator(RECORD_SEPARATOR).setQuoteMode(QuoteMode.MINIMAL).get();

    private CsvOut() {
    }

    static Writer open(Path file) {
        try {
            return new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8),
                    1 << 16);
        } catch (IOException e) {
            throw new DeepSptException("cannot write " + file + ": " + IoReason.of(e), e);
        }
    }

    static CSVPrinter printer(Writer out, java.util.List<String> header) {
        return printer(out, header.toArray(new String[0]));
    }

    static CSVPrinter printer(Writer out, String... header) {
        try {
            CSVPrinter p = new CSVPrinter(out, FORMAT);
            p.printRecord((Object[]) header);
            return p;
        } catch (IOException e) {
            throw new DeepSptException("cannot write CSV header: " + IoReason.of(e), e);
        }
    }

    /**
     * @param v a value
     * @return a decimal that parses back to exactly {@code v}: the shortest such decimal in
     *     {@link Double#toString}'s format, also for −0.0, NaN and ±∞. Written by Jackson's Schubfach
     *     implementation ({@code NumberOutput.toString(v, true)}, the algorithm of JDK 19+'s
     *     {@code Double.toString}), instead of JDK 17's {@link Double#toString} and its big-integer path (the
     *     measurement that chose it: BENCHMARKS.md).
     */
    static String number(double v) {
        return NumberOutput.toString(v, true);
    }

    private static final java.util.regex.Pattern NUMBER =
            java.util.regex.Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    /**
     * Neutralises spreadsheet formulas in a free-text cell (OWASP "CSV injection"): a value that starts with
     * {@code = + - @}, a tab or a carriage return, and is not a plain number, gets a leading {@code '}, so
     * that a spreadsheet shows it as text instead of evaluating it ({@code =cmd|' /C calc'!A0} →
     * {@code '=cmd|' /C calc'!A0}). Track ids such as {@code -12} or {@code 5} are unchanged.
     *
     * @param s a text value (track id, label, detail)
     * @return the value, safe for spreadsheets
     */
    static String text(String s) {
        if (s == null || s.isEmpty()) {
            return s;
        }
        char c = s.charAt(0);
        if (formula(c) && !NUMBER.matcher(s).matches() || c == '\'' && s.length() > 1 && guarded(s.charAt(1))) {
            return "'" + s;   // a value that looks guarded already ('=x) gets one more, so that untext gives it back
        }
        return s;
    }

    /**
     * The inverse of {@link #text} for the ids the readers of this library's own tables read back ({@code segment}
     * → {@code evaluate}, {@code fingerprint} → {@code train-classifier}): a leading {@code '} before one of
     * {@code = + - @}, a tab, a carriage return or another {@code '} is removed.
     *
     * @param s a cell as written
     * @return the value
     */
    static String untext(String s) {
        return s.length() > 1 && s.charAt(0) == '\'' && guarded(s.charAt(1)) ? s.substring(1) : s;
    }

    /** @return whether a cell starting with c may be taken for a formula by a spreadsheet */
    private static boolean formula(char c) {
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }

    /** @return whether a quote before c is one {@link #text} put there (before a formula character or a quote) */
    private static boolean guarded(char c) {
        return formula(c) || c == '\'';
    }
}
