package org.deepspt.cli;

import org.deepspt.options.OptionUsageException;
import picocli.CommandLine.Option;

/** {@code --threads}: worker threads of the pipeline; outputs never depend on it. */
final class ThreadsOption {

    @Option(names = "--threads", defaultValue = "1", paramLabel = "N",
            description = "Worker threads (default ${DEFAULT-VALUE}); outputs do not depend on it.")
    int threads = 1;

    /** @return the validated thread count */
    int get() {
        if (threads < 1) {
            throw new OptionUsageException("--threads must be >= 1, got " + threads);
        }
        return threads;
    }
}
