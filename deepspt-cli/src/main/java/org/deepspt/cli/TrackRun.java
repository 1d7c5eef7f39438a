package org.deepspt.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.deepspt.api.TrackIssue;
import org.deepspt.io.IssueCounts;
import org.deepspt.io.IssueReportWriter;
import org.deepspt.io.OutputTransaction;
import org.deepspt.io.ReadResult;
import org.deepspt.pipeline.Pipeline;
import org.deepspt.pipeline.TrackResult;
import org.deepspt.reliability.ReliabilityTally;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The one sequence of the commands that run tracks through a {@link Pipeline} ({@code segment}, {@code fingerprint},
 * {@code analyze}), written once: every track of the input goes through the pipeline into the command's writers,
 * all staged in one {@link OutputTransaction}; then the issue report (the reader's issues, then the pipeline's
 * rejections, in input order) is staged, the transaction commits, and stderr gets the summary line, the warning
 * when every track was rejected and the reliability warning. What differs between the commands is what they open
 * and write per track ({@link Outputs}) and the words of their summary.
 */
final class TrackRun {

    /** What a command writes for each processed track. */
    @FunctionalInterface
    interface Sink {
        /** @param r one processed track, in input order */
        void write(TrackResult r);
    }

    /** Opens a command's writers, staged in the run's transaction. */
    @FunctionalInterface
    interface Outputs {
        /**
         * @param tx the run's transaction: stage every output file with it
         * @param closer register every writer opened, so that it is closed (last first) before the issue report
         * @return what writes each processed track
         */
        Sink open(OutputTransaction tx, Closer closer);
    }

    /** Closes what was registered, last first, even when opening a later one failed. */
    static final class Closer implements AutoCloseable {
        private final Deque<AutoCloseable> open = new ArrayDeque<>();

        /**
         * @param c a writer just opened, or null for none
         * @param <C> its type
         * @return {@code c}
         */
        <C extends AutoCloseable> C add(C c) {
            if (c != null) {
                open.push(c);
            }
            return c;
        }

        @Override
        public void close() {
            RuntimeException first = null;
            while (!open.isEmpty()) {
                try {
                    open.pop().close();
                } catch (Exception e) {
                    RuntimeException r = e instanceof RuntimeException re ? re : new IllegalStateException(e);
                    if (first == null) {
                        first = r;
                    } else {
                        first.addSuppressed(r);
                    }
                }
            }
            if (first != null) {
                throw first;
            }
        }
    }

    private final CommandSpec spec;
    private final ReadResult read;
    private final ProgressOption progress;
    private final PrintWriter err;
    private final List<TrackIssue> issues;
    private final ReliabilityTally tally = ReliabilityTally.create();
    private int written;
    /** The input tracks of the trajectories written (a piece's input track, see ReadResult#inputId). */
    private final java.util.Set<String> writtenInputs = new java.util.HashSet<>();
    private long points;

    private TrackRun(CommandSpec spec, ReadResult read, ProgressOption progress) {
        this.spec = spec;
        this.read = read;
        this.progress = progress;
        this.err = spec.commandLine().getErr();
        this.issues = new ArrayList<>(read.issues());
    }

    /**
     * @param spec the command (its name labels the progress bar; its stderr gets the summary)
     * @param read the input, read
     * @param progress the command's {@code --no-progress}
     * @return a run that has written nothing yet
     */
    static TrackRun of(CommandSpec spec, ReadResult read, ProgressOption progress) {
        return new TrackRun(spec, read, progress);
    }

    /**
     * Streams every track through {@code pipeline} into the outputs, then stages the issue report and, after
     * {@code finish}, commits.
     *
     * @param pipeline the command's pipeline
     * @param issueReport where the issue report goes
     * @param outputs opens the command's writers
     * @param finish runs after the issue report is staged and before the commit, with the transaction and every
     *     issue (analyze's HTML report)
     * @return this
     */
    TrackRun run(Pipeline pipeline, Path issueReport, Outputs outputs,
            BiConsumer<OutputTransaction, List<TrackIssue>> finish) {
        try (OutputTransaction tx = OutputTransaction.begin()) {
            try (Closer closer = new Closer()) {
                Sink sink = outputs.open(tx, closer);
                Progress p = closer.add(progress.open(err, spec.name(), read.trajectories().size()));
                Stream<TrackResult> results = closer.add(pipeline.stream(read.trajectories().iterator(), i -> {
                    issues.add(i);
                    p.step();
                }));
                for (TrackResult r : (Iterable<TrackResult>) results::iterator) {
                    sink.write(r);
                    r.segmentation().ifPresent(tally::add);
                    written++;
                    writtenInputs.add(read.inputId(r.trackId()));
                    points += r.trajectory().size();
                    p.step();
                }
            }
            IssueReportWriter.write(tx.stage(issueReport), issues);
            finish.accept(tx, issues);
            tx.commit();
        }
        return this;
    }

    /**
     * As {@link #run(Pipeline, Path, Outputs, BiConsumer)} with nothing between the issue report and the commit.
     *
     * @param pipeline the command's pipeline
     * @param issueReport where the issue report goes
     * @param outputs opens the command's writers
     * @return this
     */
    TrackRun run(Pipeline pipeline, Path issueReport, Outputs outputs) {
        return run(pipeline, issueReport, outputs, (tx, all) -> { });
    }

    /** @return tracks written */
    int written() {
        return written;
    }

    /** @return points of the tracks written */
    long points() {
        return points;
    }

    /**
     * Prints {@code VERB N tracksDETAIL -> TARGETS; R tracks rejected, M modified[, S untracked spots and F
     * filtered-out tracks not read] -> REPORT; RATE} ({@link IssueCounts#describe()}), then the warning when every
     * track was rejected. R and M count input tracks (a track with several entries in the report, e.g. one per piece
     * after a split, counts once; a rejected track is not also counted as modified; the report's notes about a
     * file's content, such as its untracked spots, are no tracks and are counted apart); when the report has more
     * entries than that, their number follows in parentheses.
     *
     * @param verb what the command did to a track ({@code segmented})
     * @param detail after "N tracks", e.g. {@code " with unet"}
     * @param targets the outputs, as shown
     * @param reportShown the issue report, as shown
     * @param report the issue report
     * @param rate the throughput, from {@link Rates}
     */
    void summary(String verb, String detail, String targets, String reportShown, Path report, String rate) {
        IssueCounts c = IssueCounts.of(issues, read::inputId, writtenInputs);
        err.println(verb + " " + written + " tracks" + withInputs(written, writtenInputs.size(), detail) + " -> " + targets + "; " + c.describe()
                + (c.moreEntriesThanTracks() ? " (" + c.entries() + " report entries)" : "") + " -> " + reportShown
                + "; " + rate);
        AllRejected.warnIfAll(err, verb, written, c.rejected().size(), report);
    }

    /**
     * What the summary adds after its track count when tracks were split: the count is of tracks written (a piece
     * of a split track is one), the input tracks they came from follow, so that the line's counts add up.
     *
     * @param written tracks (and pieces) written
     * @param inputs the input tracks they came from
     * @return {@code " (from 10 input tracks)"}, or empty when every track written is an input track
     */
    static String fromInputs(long written, long inputs) {
        return written == inputs ? "" : " (from " + inputs + " input track" + (inputs == 1 ? "" : "s") + ")";
    }

    /** @return {@link #fromInputs} before {@code detail}, in one parenthesis with it when it opens one */
    private static String withInputs(long written, long inputs, String detail) {
        String from = fromInputs(written, inputs);
        return !from.isEmpty() && detail.startsWith(" (") ? from.substring(0, from.length() - 1) + ", "
                + detail.substring(2) : from + detail;
    }

    /** @param where the outputs whose reliable and reason columns say which tracks; prints the warning, if any */
    void reliabilityWarning(String where) {
        tally.warning(where).ifPresent(err::println);
    }
}
