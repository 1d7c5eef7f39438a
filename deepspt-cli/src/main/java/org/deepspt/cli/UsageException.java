package org.deepspt.cli;

/**
 * An option value the command cannot use ({@code --min-segment 0}, an unknown {@code --model}, an output that
 * would overwrite an input): reported like picocli's own usage errors, on one line with exit status 2,
 * before any input is read.
 */
final class UsageException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }

    UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
