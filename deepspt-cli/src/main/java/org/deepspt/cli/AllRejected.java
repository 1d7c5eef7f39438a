package org.deepspt.cli;

import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * The loud line of a run whose every track was rejected: the outputs hold only their header, so stderr says so
 * and names the error report with the reasons ({@code warning: no track segmented: all 3 tracks were rejected;
 * the reasons are in out.csv.errors.csv}). The exit code stays 0, as for any run that rejects tracks one by one:
 * the input was read and every track is accounted for in the report.
 */
final class AllRejected {
    private AllRejected() {
    }

    /**
     * @param err stderr
     * @param verb what the command does to a track ("segmented")
     * @param written tracks written
     * @param rejected tracks rejected
     * @param report the error report naming each rejected track and its reason
     */
    static void warnIfAll(PrintWriter err, String verb, long written, long rejected, Path report) {
        if (written == 0 && rejected > 0) {
            err.println("warning: no track " + verb + ": all " + rejected + " tracks were rejected; the reasons are "
                    + "in " + Main.shown(report));
        }
    }
}
