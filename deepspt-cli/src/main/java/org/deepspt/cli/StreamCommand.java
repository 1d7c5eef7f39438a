package org.deepspt.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.deepspt.api.Segmenter;
import org.deepspt.api.TrackIssue;
import org.deepspt.api.Trajectory;
import org.deepspt.inference.NeuralSegmenter;
import org.deepspt.io.IssueReportWriter;
import org.deepspt.io.OutputTransaction;
import org.deepspt.io.ReadResult;
import org.deepspt.io.SegmentationCsvWriter;
import org.deepspt.io.StateChangeCsvWriter;
import org.deepspt.online.FrameState;
import org.deepspt.online.OnlineListener;
import org.deepspt.online.OnlineOptions;
import org.deepspt.online.OnlineReplay;
import org.deepspt.online.OnlineSegmenter;
import org.deepspt.online.OnlineStats;
import org.deepspt.online.RejectedTrack;
import org.deepspt.online.StateChange;
import org.deepspt.reliability.ReliabilityAssessor;
import org.deepspt.reliability.ReliabilityTally;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code stream}: replays a track file frame by frame through the online segmenter, as an acquisition would,
 * and writes the final per-frame states and the state-change events.
 */
@Command(name = "stream", mixinStandardHelpOptions = true,
        description = "Replay a track file frame by frame through online segmentation (sliding windows, final "
                + "states after a lag). Output: the final state of every point, in the format of 'segment' "
                + "(rows in the order they became final; reliable and reason are empty, a track's verdict being "
                + "known only at its end), and optionally the state changes particle,frame,from,to,confidence. "
                + "One 'warning:' line on stderr when more than 10 % of the frames come from tracks outside the "
                + "model's reliable range (judged at the end from length, estimated SNR and mean final confidence).")
final class StreamCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    InputOptions input = new InputOptions();

    @Option(names = "--out", required = true, paramLabel = "STATES.csv",
            description = "Final per-frame states: particle,frame,state,p_normal,p_directed,p_confined,"
                    + "p_subdiffusive.")
    Path out;

    @Option(names = "--events", paramLabel = "EVENTS.csv",
            description = "State changes: particle,frame,from,to,confidence (frame = first frame of the new "
                    + "state, states by label).")
    Path events;

    @Option(names = "--fps", defaultValue = "0", paramLabel = "F",
            description = "Replay rate in frames/s (default: as fast as possible).")
    double fps;

    @Option(names = "--lag", defaultValue = "" + OnlineOptions.DEFAULT_LAG, paramLabel = "L",
            description = "Frames between a frame's arrival and its final state (default ${DEFAULT-VALUE}).")
    int lag;

    @Option(names = "--window", defaultValue = "" + OnlineOptions.DEFAULT_WINDOW, paramLabel = "W",
            description = "Points per particle segmented together (default ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--update-interval", defaultValue = "1", paramLabel = "S",
            description = "Segment a particle's window every S-th of its points (default ${DEFAULT-VALUE}: "
                    + "every point); larger is faster, with less context.")
    int updateInterval;

    @Mixin
    ModelOptions modelOptions = new ModelOptions();

    @Mixin
    ErrorReportOption errorReport = new ErrorReportOption();

    @Override
    public Integer call() {
        if (!(fps >= 0) || Double.isInfinite(fps)) {
            throw new UsageException("--fps must be >= 0 frames/s, got " + fps);
        }
        if (window < 1) {
            throw new UsageException("--window must be >= 1 point, got " + window);
        }
        if (lag < 0) {
            throw new UsageException("--lag must be >= 0 frames, got " + lag);
        }
        if (updateInterval < 1 || updateInterval > window) {
            throw new UsageException("--update-interval must be 1.." + window + " (--window), got " + updateInterval);
        }
        modelOptions.validate();
        if (input.severalFiles()) {
            throw new UsageException("--in: stream replays one file; got " + input.describe());
        }
        ReadResult read = input.read(1);
        List<TrackIssue> issues = Collections.synchronizedList(new ArrayList<>(read.issues()));
        double frameInterval = read.trajectories().isEmpty() ? 1.0 : read.trajectories().get(0).frameInterval();
        OnlineOptions options = OnlineOptions.defaults().withWindow(window).withLag(lag)
                .withUpdateInterval(updateInterval).withFrameInterval(frameInterval);
        var err = spec.commandLine().getErr();
        long[] changes = new long[1];
        // Sum of the largest probability and number of final frames per particle (delivery thread only).
        Map<String, double[]> confidence = new HashMap<>();
        ReliabilityTally tally = ReliabilityTally.create();
        Path report = errorReport.reportFor(out);
        String summary;
        try (OutputTransaction tx = OutputTransaction.begin()) {
            try (Segmenter segmenter = modelOptions.open(read.dimension());
                    SegmentationCsvWriter states = SegmentationCsvWriter.open(tx.stage(out));
                    StateChangeCsvWriter changeWriter = events == null ? null
                            : StateChangeCsvWriter.open(tx.stage(events))) {
                long start = System.nanoTime();
                OnlineStats stats;
                long points;
                try (OnlineSegmenter online = OnlineSegmenter.of(segmenter, read.dimension(), options)) {
                    // Called on the delivery thread only, so the writers see one thread.
                    online.addListener(new OnlineListener() {
                        @Override
                        public void onFinal(FrameState s) {
                            double[] p = s.probabilities();
                            states.writeRow(s.particleId(), s.frame(), p);
                            double[] c = confidence.computeIfAbsent(s.particleId(), k -> new double[2]);
                            c[0] += Math.max(Math.max(p[0], p[1]), Math.max(p[2], p[3]));
                            c[1]++;
                        }

                        @Override
                        public void onStateChange(StateChange c) {
                            changes[0]++;
                            if (changeWriter != null) {
                                changeWriter.write(c.particleId(), c.frame(), c.from(), c.to(), c.confidence());
                            }
                        }

                        @Override
                        public void onRejected(RejectedTrack r) {
                            issues.add(TrackIssue.rejected(r.particleId(), r.reason()));
                        }
                    });
                    points = OnlineReplay.run(online, read.trajectories(), fps);
                    stats = online.stats();
                }
                if (segmenter instanceof NeuralSegmenter neural) {
                    ReliabilityAssessor assessor = ReliabilityAssessor.of(neural.reliabilityThresholds());
                    for (Trajectory t : read.trajectories()) {
                        double[] c = confidence.get(t.id());
                        if (c != null) {
                            tally.add(t.size(), assessor.assess(t, c[0] / c[1]));
                        }
                    }
                }
                if (stats.listenerFailures() > 0) {
                    throw new IllegalStateException("writing the outputs failed " + stats.listenerFailures()
                            + " times; see the log");
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                long rejected = issues.stream().filter(i -> i.kind() == TrackIssue.Kind.REJECTED).count();
                summary = String.format(java.util.Locale.ROOT, "streamed %d tracks (%d points, %d frames) "
                        + "with %s, window %d, lag %d in %.1f s (%.0f frames/s, %d windows in %d batches) -> %s; %d state "
                        + "changes%s; %d rejected -> %s",
                        read.trajectories().size(), points, stats.framesCompleted(), segmenter.name(), window, lag,
                        seconds, stats.framesCompleted() / Math.max(seconds, 1e-9), stats.windowsSegmented(),
                        stats.batches(), out, changes[0], events == null ? "" : " -> " + events, rejected, report);
            }
            IssueReportWriter.write(tx.stage(report), issues);
            tx.commit();
        }
        err.println(summary);
        tally.warning("the per-track verdicts of 'deepspt segment', which writes them in its reliable and reason "
                + "columns").ifPresent(err::println);
        return 0;
    }
}
