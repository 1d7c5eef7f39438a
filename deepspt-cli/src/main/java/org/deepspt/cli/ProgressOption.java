package org.deepspt.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** The {@code --no-progress} option shared by long-running commands, and the progress bar it controls. */
final class ProgressOption {

    @Option(names = "--no-progress", description = "Do not draw a progress bar.")
    boolean noProgress;

    /**
     * @param err the command's error stream
     * @param label what is counted (the command's name)
     * @param total number of items
     * @return a progress bar, drawn only when stderr is a terminal and {@code --no-progress} is absent
     */
    Progress open(PrintWriter err, String label, long total) {
        return new Progress(err, label, total, !noProgress && Progress.interactive());
    }
}
