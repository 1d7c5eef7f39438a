package org.deepspt.io;

import java.nio.file.Path;
import java.util.List;
import org.deepspt.api.InputFormatException;
import org.deepspt.api.Messages;
import org.deepspt.api.TrackIssue;
import org.jspecify.annotations.Nullable;

/**
 * The error of a run in which no track of the input could be read, shared by the command line and the Fiji plugin:
 * the message names the input and the first reasons, and every track is still accounted for, because the reasons
 * of all of them are written to the error report first.
 */
public final class NothingRead {
    /** Reasons quoted in the message; the rest are in the report. */
    static final int QUOTED = 3;

    private NothingRead() {
    }

    /**
     * Writes the reasons of all tracks to {@code issueReport} (all or nothing, {@link OutputTransaction}) and returns
     * the error to throw: "SOURCE: no track could be read: track 'a': reason; …; the reasons of all N are in
     * REPORT", or "(the input has no data rows)" without a reason.
     *
     * @param source the input as the user named it
     * @param issues the reasons the reader gave (one per rejected track, plus notes)
     * @param issueReport where to write them, or null not to write (the message then quotes the first ones only)
     * @return the exception (not thrown)
     */
    public static InputFormatException error(String source, List<TrackIssue> issues, @Nullable Path issueReport) {
        if (issues.isEmpty()) {
            return new InputFormatException(source, 0, null, "no track could be read (the input has no data rows)");
        }
        StringBuilder why = new StringBuilder("no track could be read");
        for (int i = 0; i < Math.min(QUOTED, issues.size()); i++) {
            TrackIssue issue = issues.get(i);
            why.append(i == 0 ? ": " : "; ").append("track ").append(Messages.quote(issue.trackId())).append(": ")
                    .append(issue.detail());
        }
        if (issues.size() > QUOTED) {
            why.append("; …");
        }
        if (issueReport != null) {
            try (OutputTransaction tx = OutputTransaction.begin()) {
                IssueReportWriter.write(tx.stage(issueReport), issues);
                tx.commit();
            }
            why.append("; the reasons of all ").append(issues.size()).append(" are in ")
                    .append(Messages.escape(issueReport.toString()));
        }
        return new InputFormatException(source, 0, null, why.toString());
    }
}
