package org.deepspt.options;

/**
 * An option value a tool cannot use (an unknown {@code --model}, {@code --pixel-size 0}, an output that would
 * overwrite an input): the tools report it like picocli's own usage errors, on one line with exit status 2, before
 * any input is read. The CLI and the Spark job catch this type; their own usage errors extend it.
 */
public class OptionUsageException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** @param message the problem, naming the option as the user typed it */
    public OptionUsageException(String message) {
        super(message);
    }

    /**
     * @param message the problem, naming the option as the user typed it
     * @param cause what rejected the value
     */
    public OptionUsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
