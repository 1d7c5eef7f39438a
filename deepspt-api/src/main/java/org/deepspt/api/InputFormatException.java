package org.deepspt.api;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A trajectory file cannot be read: malformed number, missing column, hostile XML, unknown format, … The
 * message names the source, the line (1-based, when known) and the field.
 */
public final class InputFormatException extends DeepSptException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final long line;
    private final @Nullable String field;
    private final String problem;

    /**
     * @param source file name or other description of the input
     * @param line 1-based line number, or 0 when unknown
     * @param field column or attribute name, or {@code null} when not field-specific
     * @param problem what is wrong
     */
    public InputFormatException(String source, long line, @Nullable String field, String problem) {
        this(source, line, field, problem, null);
    }

    /**
     * @param source file name or other description of the input
     * @param line 1-based line number, or 0 when unknown
     * @param field column or attribute name, or {@code null} when not field-specific
     * @param problem what is wrong
     * @param cause underlying cause, may be {@code null}
     */
    public InputFormatException(String source, long line, @Nullable String field, String problem,
            @Nullable Throwable cause) {
        super(format(source, line, field, problem), cause);
        this.source = source;
        this.line = line;
        this.field = field;
        this.problem = problem;
    }

    private static String format(@Nullable String source, long line, @Nullable String field, String problem) {
        StringBuilder sb = new StringBuilder(source == null ? "<input>" : source);
        if (line > 0) {
            sb.append(", line ").append(line);
        }
        if (field != null) {
            sb.append(", field ").append(Messages.quote(field));
        }
        return sb.append(": ").append(problem).toString();
    }

    /** @return the input's name */
    public String source() {
        return source;
    }

    /** @return 1-based line, or 0 when unknown */
    public long line() {
        return line;
    }

    /** @return the column or attribute at fault, if any */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }

    /**
     * @return what is wrong, without the source, line and field that {@link #getMessage()} starts with (so that a
     *     caller can restate the problem for another place, e.g. a row of a table instead of a line of a file)
     */
    public String problem() {
        return problem;
    }
}
