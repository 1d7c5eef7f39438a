package org.deepspt.spark;

/**
 * An option value the job cannot use (an unknown {@code --model}, {@code --partitions -1}, an output that exists
 * without {@code --overwrite}): one line on stderr and exit status 2, before Spark does any work, as the CLI's
 * usage errors.
 */
final class JobUsageException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    JobUsageException(String message) {
        super(message);
    }

    JobUsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
