package org.deepspt.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --errors FILE.csv} option shared by commands that write a report of rejected tracks. */
final class ErrorReportOption {

    @Option(names = "--errors", paramLabel = "FILE.csv",
            description = "Report of rejected and modified tracks, particle,kind,detail "
                    + "(default: <out>.errors.csv).")
    Path errors;

    /**
     * @param out the command's main output file
     * @return {@code --errors} when given, else {@code <out>.errors.csv} beside it
     */
    Path reportFor(Path out) {
        return errors != null ? errors : out.resolveSibling(out.getFileName() + ".errors.csv");
    }
}
