package org.deepspt.io;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVPrinter;
import org.deepspt.api.DeepSptException;
import org.deepspt.api.TrackIssue;
import org.deepspt.core.IoReason;

/**
 * Writes track issues as CSV: header {@code particle,kind,detail}; {@code kind} is REJECTED or MODIFIED;
 * fields containing commas, quotes or line breaks are quoted (RFC 4180). UTF-8, {@code '\n'}.
 */
public final class IssueReportWriter {
    /** The columns of an error report. */
    static final String[] HEADER = {"particle", "kind", "detail"};

    private IssueReportWriter() {
    }

    /**
     * @param file created or truncated
     * @param issues the issues, written in order
     * @throws DeepSptException on write failure
     */
    public static void write(Path file, List<TrackIssue> issues) {
        write(CsvOut.open(file), issues);
    }

    /**
     * @param out destination; flushed and closed
     * @param issues the issues, written in order
     */
    public static void write(Writer out, List<TrackIssue> issues) {
        try (CSVPrinter p = CsvOut.printer(out, HEADER)) {
            for (TrackIssue issue : issues) {
                p.printRecord(CsvOut.text(issue.trackId()), issue.kind().name(), CsvOut.text(issue.detail()));
            }
        } catch (IOException e) {
            throw new DeepSptException("cannot write issue report: " + IoReason.of(e), e);
        }
    }
}
