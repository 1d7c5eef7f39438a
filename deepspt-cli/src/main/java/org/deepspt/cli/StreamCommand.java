package org.deepspt.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import org.deepspt.api.DeepSptException;
import org.deepspt.api.InputFormatException;
import org.deepspt.api.InvalidTrajectoryException;
import org.deepspt.api.ReliabilityThresholds;
import org.deepspt.api.Segmenter;
import org.deepspt.api.Segmenters;
import org.deepspt.api.TrackIssue;
import org.deepspt.api.inference.EngineOptions;
import org.deepspt.api.Trajectory;
import org.deepspt.io.NonFinitePolicy;
import org.deepspt.io.ReadResult;
import org.deepspt.neural.InferenceBackends;
import org.deepspt.neural.NeuralSegmenter;
import org.deepspt.online.FrameState;
import org.deepspt.online.OnlineListener;
import org.deepspt.online.OnlineOptions;
import org.deepspt.online.OnlineReplay;
import org.deepspt.online.OnlineSegmenter;
import org.deepspt.online.OnlineSegmenterFailedException;
import org.deepspt.online.OnlineStats;
import org.deepspt.online.RejectedTrack;
import org.deepspt.online.StateChange;
import org.deepspt.online.StreamingModel;
import org.deepspt.online.StreamingModels;
import org.deepspt.options.OptionUsageException;
import org.deepspt.options.SharedOptions;
import org.deepspt.reliability.ReliabilityAssessor;
import org.deepspt.reliability.ReliabilityTally;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code stream}: online segmentation of localisations frame by frame, from a recorded file (replayed, optionally
 * paced), from standard input, or from a file the acquisition is still writing; writes the final per-frame
 * states and the state-change events. Live input that stops on an error midway keeps the states final by then
 * ({@link LiveStreamStoppedException}).
 */
@Command(name = "stream", mixinStandardHelpOptions = true, resourceBundle = "org.deepspt.cli.StreamHelp",
        description = "Online segmentation frame by frame, as during an acquisition: replays a track file (--fps "
                + "paces it), or reads localisations as they are written (--in - for standard input, --follow for a "
                + "growing file; CSV with columns particle,frame,x,y[,z], rows in frame order). Output: the final "
                + "state of every point (particle,track,frame,state,p_normal,p_directed,p_confined,p_subdiffusive, "
                + "rows in the order they became final; track numbers tell apart tracks of a reused id), and "
                + "optionally the state changes particle,track,frame,from,to,confidence. The outputs are written "
                + "while the stream runs: created when it starts (an existing file replaced in one rename), then "
                + "whole rows a few ms after they become final. Ctrl-C or SIGTERM ends the stream as the end of the "
                + "input does (every point read finished, outputs complete, summary printed; exit status 130 or "
                + "143). When a stream stops on an error midway (a malformed row, a followed file truncated, an "
                + "engine failure), the outputs hold the states final by then (after an input error: every point "
                + "read before it, finished as at the end of the stream), the error report and the error line name "
                + "the failure, the line says up to which frame the outputs go, and the exit status is 1; a track "
                + "file is read whole first, so its errors write nothing. A write of an output that fails (a full "
                + "disk, a closed pipe) stops the stream at once: the error line says how many final states were "
                + "written, the exit status is 1. Summary on stderr with "
                + "throughput and latency percentiles. Model: the streaming model of the tracks' dimension unless "
                + "--model names another (--model unet etc. runs that segmenter over sliding windows).")
final class StreamCommand implements Callable<Integer> {
    /** Largest --follow-timeout, s. */
    static final double MAX_FOLLOW_TIMEOUT = 86_400;
    /** Largest --fps. */
    static final double MAX_FPS = 1e6;
    /** Smallest non-zero --fps (one frame per 100 s). */
    static final double MIN_FPS = 0.01;
    /** Largest --idle-frames. */
    static final int MAX_IDLE_FRAMES = 1_000_000;
    /** Largest --switch-penalty, nats. */
    static final double MAX_SWITCH_PENALTY = 1000;
    /** The --model value of the bundled streaming model. */
    static final String STREAM_MODEL = "stream";
    /** Largest --threads. */
    static final int MAX_THREADS = 64;
    /** --threads when not given: threads a frame's step may use with the streaming model on the {@code jvm} engine. */
    static final int DEFAULT_JVM_THREADS = 2;

    @Spec
    CommandSpec spec;

    @Mixin
    InputOptions input = new InputOptions();

    @Option(names = "--follow", description = "Keep reading --in while the acquisition writes it; the stream ends "
            + "when the file has not grown for --follow-timeout seconds, or at a --sentinel line. A file truncated, "
            + "replaced or deleted while it is followed is an error, and so is a last line without a line break "
            + "when the stream ends (a row cut off while it was written).")
    boolean follow;

    @Option(names = "--follow-timeout", defaultValue = "10", paramLabel = "S",
            description = "With --follow: seconds without new data after which the stream ends "
                    + "(0.05.." + (long) MAX_FOLLOW_TIMEOUT + ", default ${DEFAULT-VALUE}). With --in - the stream "
                    + "ends at the end of standard input or at a --sentinel line (a pipe that stays open without "
                    + "data is waited for).")
    double followTimeout;

    @Option(names = "--sentinel", paramLabel = "LINE",
            description = "With --follow or --in -: a line equal to this text (not blank; white space around "
                    + "either is ignored) ends the stream.")
    @Nullable String sentinel;

    @Option(names = "--out", required = true, paramLabel = "STATES.csv",
            description = "Final per-frame states: particle,track,frame,state,p_normal,p_directed,p_confined,"
                    + "p_subdiffusive; - writes them to standard output (then the error report is written only where "
                    + "--errors names it).")
    Path out;

    @Option(names = "--events", paramLabel = "EVENTS.csv",
            description = "State changes: particle,track,frame,from,to,confidence (frame = first frame of the new "
                    + "state, states by label).")
    @Nullable Path events;

    @Option(names = "--fps", defaultValue = "0", paramLabel = "F",
            description = "Replay rate of a track file in frames/s: 0 (as fast as possible, the default) or "
                    + MIN_FPS + ".." + (long) MAX_FPS + ".")
    double fps;

    @Option(names = "--lag", defaultValue = "" + OnlineOptions.DEFAULT_LAG, paramLabel = "L",
            description = "Frames between a frame's arrival and its final state: 0.." + OnlineOptions.MAX_LAG
                    + " (a streaming model: 0..its maximum lag) (default ${DEFAULT-VALUE}).")
    int lag;

    @Option(names = "--window", defaultValue = "" + OnlineOptions.DEFAULT_WINDOW, paramLabel = "W",
            description = "Window models: points per particle segmented together, 1.." + OnlineOptions.MAX_WINDOW
                    + " (default ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--update-interval", defaultValue = "1", paramLabel = "S",
            description = "Window models: segment a particle's window every S-th of its points, 1..W (default "
                    + "${DEFAULT-VALUE}: every point); larger is faster, with less context.")
    int updateInterval;

    @Option(names = "--idle-frames", defaultValue = "" + OnlineOptions.DEFAULT_IDLE_FRAMES, paramLabel = "N",
            description = "A particle without a point for N frames ends (its frames become final; a later point "
                    + "with its id starts a new track): 1.." + MAX_IDLE_FRAMES + " (default ${DEFAULT-VALUE}).")
    int idleFrames;

    @Option(names = "--min-dwell", defaultValue = "" + OnlineOptions.DEFAULT_MIN_DWELL, paramLabel = "N",
            description = "A state change is reported once N consecutive final frames are in the new state: 1.."
                    + OnlineOptions.MAX_LAG + " (default ${DEFAULT-VALUE}; 1 reports every change).")
    int minDwell;

    @Option(names = "--switch-penalty", defaultValue = "" + OnlineOptions.DEFAULT_SWITCH_PENALTY, paramLabel = "NATS",
            description = "Streaming model: the final state of a frame is decoded by fixed-lag Viterbi over it and "
                    + "the --lag frames after it, paying NATS per change of state: 0.." + (long) MAX_SWITCH_PENALTY
                    + " (default ${DEFAULT-VALUE}; 0 takes each frame's most probable state).")
    double switchPenalty;

    @Option(names = "--threads", paramLabel = "N",
            description = "Streaming model: threads one frame's model step may use, 1.." + MAX_THREADS + " (default: "
                    + DEFAULT_JVM_THREADS + " on the jvm engine, capped at the available processors, whose step splits "
                    + "a frame only from 512 particles on; 1 on onnx). Outputs do not depend on it.")
    @Nullable Integer threads;

    @Mixin
    ModelOptions modelOptions = new ModelOptions();

    @Mixin
    ProgressOption progress = new ProgressOption();

    @Mixin
    ErrorReportOption errorReport = new ErrorReportOption();

    private void validateOptions() {
        boolean live = isLive();
        if (!(fps == 0 || (fps >= MIN_FPS && fps <= MAX_FPS))) {
            throw new OptionUsageException("--fps must be 0 (as fast as possible) or " + MIN_FPS + ".." + (long) MAX_FPS
                    + " frames/s, got " + fps);
        }
        if (live && fps != 0) {
            throw new OptionUsageException("--fps paces the replay of a file; with --in - or --follow the data "
                    + "arrive at their own pace");
        }
        if (!(followTimeout >= 0.05 && followTimeout <= MAX_FOLLOW_TIMEOUT)) {
            throw new OptionUsageException("--follow-timeout must be 0.05.." + (long) MAX_FOLLOW_TIMEOUT + " s, got "
                    + followTimeout);
        }
        refuseOptionsThatDoNotApply();
        if (sentinel != null && !live) {
            throw new OptionUsageException("--sentinel needs --follow or --in -");
        }
        if (sentinel != null && sentinel.isBlank()) {
            throw new OptionUsageException("--sentinel must not be blank (a blank line would end the stream); got '"
                    + sentinel + "'");
        }
        if (window < 1 || window > OnlineOptions.MAX_WINDOW) {
            throw new OptionUsageException("--window must be 1.." + OnlineOptions.MAX_WINDOW + " points, got " + window);
        }
        if (lag < 0 || lag > OnlineOptions.MAX_LAG) {
            throw new OptionUsageException("--lag must be 0.." + OnlineOptions.MAX_LAG + " frames, got " + lag);
        }
        if (updateInterval < 1 || updateInterval > window) {
            throw new OptionUsageException("--update-interval must be 1.." + window + " (--window), got " + updateInterval);
        }
        if (idleFrames < 1 || idleFrames > MAX_IDLE_FRAMES) {
            throw new OptionUsageException("--idle-frames must be 1.." + MAX_IDLE_FRAMES + " frames, got " + idleFrames);
        }
        if (minDwell < 1 || minDwell > OnlineOptions.MAX_LAG) {
            throw new OptionUsageException("--min-dwell must be 1.." + OnlineOptions.MAX_LAG + " frames, got " + minDwell);
        }
        if (!(switchPenalty >= 0 && switchPenalty <= MAX_SWITCH_PENALTY)) {
            throw new OptionUsageException("--switch-penalty must be 0.." + (long) MAX_SWITCH_PENALTY + " nats, got "
                    + switchPenalty);
        }
        if (live) {
            refuseInLiveMode();
        }
        if (threads != null && (threads < 1 || threads > MAX_THREADS)) {
            throw new OptionUsageException("--threads must be 1.." + MAX_THREADS + ", got " + threads);
        }
        if (threads != null && !isStreamingModel()) {
            throw new OptionUsageException("--threads applies to the streaming model (--model " + STREAM_MODEL
                    + "); window models run on one thread per frame");
        }
        SharedOptions.checkFrameInterval(input.frameInterval());
        if (!isStreamingModel()) {
            try {
                Segmenters.check(modelOptions.model());   // the names stream accepts besides the window models
            } catch (IllegalArgumentException e) {
                throw new OptionUsageException("unknown --model '" + modelOptions.model() + "'; use "
                        + STREAM_MODEL + " (the streaming model of the tracks' dimension, the default), "
                        + StreamingModels.DEFAULT_2D + ", " + StreamingModels.DEFAULT_3D + ", a window model: one "
                        + "of " + Segmenters.names() + ", or the path of a *.manifest.json", e);
            }
            modelOptions.validate();
        } else {
            modelOptions.backend();
            checkStreamingLag();
        }
    }

    /**
     * Refuses, as usage errors naming the option, options given where they do not apply (as --fps with live input
     * and --sentinel without it): --follow with standard input, --follow-timeout without --follow, the window
     * options with the streaming model and --switch-penalty with a window model; and an output named {@code -} other
     * than --out.
     */
    private void refuseOptionsThatDoNotApply() {
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        boolean standardInput = inPath().toString().equals("-");
        if (follow && standardInput) {
            throw new OptionUsageException("--follow follows a file the acquisition is writing; standard input (--in -) "
                    + "is read until it ends or a --sentinel line");
        }
        if (!follow && parsed.hasMatchedOption("--follow-timeout")) {
            throw new OptionUsageException("--follow-timeout applies with --follow (how long a followed file may stop "
                    + "growing); " + (standardInput ? "standard input is read until it ends or a --sentinel line"
                    : "a track file is replayed whole"));
        }
        if (isStreamingModel()) {
            for (String option : List.of("--window", "--update-interval")) {
                if (parsed.hasMatchedOption(option)) {
                    throw new OptionUsageException(option + " applies to window models (--model unet, rolling-msd, "
                            + "...); the streaming model (" + (parsed.hasMatchedOption("--model") ? "--model "
                            + modelOptions.model() : "the default") + ") steps once per frame, without windows");
                }
            }
        } else if (parsed.hasMatchedOption("--switch-penalty")) {
            throw new OptionUsageException("--switch-penalty applies to the streaming model (--model " + STREAM_MODEL
                    + "); a window model's final states are its windows' probabilities, without decoding");
        }
        if (events != null && events.toString().equals("-")) {
            throw new OptionUsageException("--events -: only --out may be - (standard output); name a file");
        }
        if (errorReport.errors != null && errorReport.errors.toString().equals("-")) {
            throw new OptionUsageException("--errors -: only --out may be - (standard output); name a file");
        }
    }

    /**
     * Refuses a --lag beyond the bundled streaming model's maximum lag before any input is read (standard input
     * may take long to send its header): the lag the model of the tracks' dimension declares, or, while that
     * dimension is unknown, the largest either model declares. The loaded model checks it again.
     */
    private void checkStreamingLag() {
        int named = streamingModelDimension();
        int maxLag = named > 0 ? StreamingModels.bundledMaxLag(named)
                : Math.max(StreamingModels.bundledMaxLag(2), StreamingModels.bundledMaxLag(3));
        if (lag > maxLag) {
            throw new OptionUsageException(lagMessage(maxLag, lag));
        }
    }

    private static String lagMessage(int maxLag, int lag) {
        return "--lag must be 0.." + maxLag + " frames with --model " + STREAM_MODEL + " (the model's maximum lag), got "
                + lag;
    }

    /**
     * Refuses the read policies of track files that live input does not apply: a missing frame of a live particle
     * is a blink (the track goes on until --idle-frames), there are no TrackMate branches or filtered tracks, and
     * a non-finite coordinate always stops the stream at its line.
     */
    private void refuseInLiveMode() {
        if (input.format != null || input.fingerprintForced || input.pixelSize() != null || !input.columns.isEmpty()) {
            throw new OptionUsageException("--format, --pixel-size and --column apply to track files; with --in - or "
                    + "--follow the input is CSV with columns particle,frame,x,y[,z]");
        }
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        for (String option : List.of("--gaps", "--branches", "--all-tracks")) {
            if (parsed.hasMatchedOption(option)) {
                throw new OptionUsageException(option + " applies to track files; with --in - or --follow a missing "
                        + "frame is a blink (a particle ends after --idle-frames) and there are no TrackMate tracks");
            }
        }
        if (input.nonFinitePolicy() != NonFinitePolicy.ERROR) {
            throw new OptionUsageException("--non-finite " + input.nonFinitePolicy() + " applies to track files; with "
                    + "--in - or --follow a non-finite coordinate stops the stream at its line");
        }
    }

    private boolean isLive() {
        return follow || inPath().toString().equals("-");
    }

    /** @return the one input ({@code -} for standard input); stream reads one file */
    private Path inPath() {
        if (input.in.size() != 1) {
            throw new OptionUsageException("--in: stream replays one file (or reads - for standard input); got "
                    + input.in.size() + " (" + input.in + ")");
        }
        return input.in.get(0);
    }

    /**
     * @return whether the streaming model runs: {@code --model stream}, a bundled streaming model's name
     *     ({@code deepspt-stream-2d}, {@code deepspt-stream-3d}), or no {@code --model} at all
     */
    private boolean isStreamingModel() {
        return modelOptions.model().equals(STREAM_MODEL) || streamingModelDimension() > 0
                || !spec.commandLine().getParseResult().hasMatchedOption("--model");
    }

    /** @return 2 or 3 when {@code --model} names a bundled streaming model, else 0 */
    private int streamingModelDimension() {
        String m = modelOptions.model();
        return m.equals(StreamingModels.DEFAULT_2D) ? 2 : m.equals(StreamingModels.DEFAULT_3D) ? 3 : 0;
    }

    /** The outputs while the stream runs: a failed write stops it ({@link #stopCondition}). */
    private volatile @Nullable LiveOutputs writing;

    /**
     * @return true once a signal asked the stream to stop or a write of the outputs failed: the input is read no
     *     further (a replay replays no further frame)
     */
    private BooleanSupplier stopCondition(StreamInterruption interruption) {
        return () -> {
            LiveOutputs w = writing;
            return interruption.getAsBoolean() || (w != null && w.failure() != null);
        };
    }

    @Override
    public Integer call() {
        validateOptions();
        try (StreamInterruption interruption = StreamInterruption.install()) {
            LiveRows rows;
            try {
                rows = isLive() ? openLive(stopCondition(interruption)) : null;
            } catch (InputFormatException e) {
                if (interruption.getAsBoolean()) {
                    spec.commandLine().getErr().println("stream: interrupted before the input's header row arrived; "
                            + "nothing was written");
                    return StreamInterruption.EXIT_STATUS;
                }
                throw e;
            }
            try {
                return run(rows, interruption);
            } finally {
                if (rows != null) {
                    rows.close();
                }
            }
        }
    }

    /** @return whether {@code --out -} sends the states to standard output */
    private boolean toStandardOutput() {
        return out.toString().equals("-");
    }

    /** @return the error report: --errors, else {@code <out>.errors.csv}; none with --out - and no --errors */
    private @Nullable Path reportPath() {
        return toStandardOutput() ? errorReport.errors : errorReport.reportFor(out);
    }

    private int run(@Nullable LiveRows rows, StreamInterruption interruption) {
        ReadResult read = null;
        int dimension;
        double frameInterval;
        Path report = reportPath();
        if (rows != null) {
            dimension = rows.dimension();
            frameInterval = input.frameInterval() != null ? input.frameInterval() : 1.0; // checked by validateOptions
        } else {
            if (input.severalFiles()) {
                throw new OptionUsageException("--in: stream replays one file; got " + input.describe());
            }
            input.issueReport = report;
            read = input.read(1);
            dimension = read.dimension();
            frameInterval = read.trajectories().isEmpty() ? 1.0 : read.trajectories().get(0).frameInterval();
        }
        List<TrackIssue> issues = Collections.synchronizedList(new ArrayList<>(read == null ? List.of()
                : read.issues()));
        OnlineOptions options = OnlineOptions.defaults().withWindow(window).withLag(lag)
                .withUpdateInterval(updateInterval).withFrameInterval(frameInterval).withIdleFrames(idleFrames)
                .withMinDwell(minDwell).withSwitchPenalty(switchPenalty);
        PrintWriter err = spec.commandLine().getErr();
        String statesName = toStandardOutput() ? STANDARD_OUTPUT : out.toString();
        long[] changes = new long[1];
        // Sum of the largest probability and number of final frames per particle (delivery thread only): the mean
        // final confidence of a replayed track for its reliability verdict, judged at the end.
        Map<String, double[]> confidence = new HashMap<>();
        ReliabilityTally tally = ReliabilityTally.create();
        // Final states delivered and the largest frame among them (delivery thread; read after it stopped).
        long[] finals = {0, Integer.MIN_VALUE};
        String summary = null;
        RuntimeException stopped = null;
        Driver driver;
        try (Estimator estimator = openEstimator(dimension)) {
            OnlineStats stats;
            RuntimeException failure = null;
            RuntimeException finishing = null;
            long start;
            OnlineSegmenter online = estimator.online(options);   // a --lag the model refuses: before any output
            LiveOutputs outputs;
            try {
                // Created now (an existing file replaced) and written as the states become final.
                outputs = LiveOutputs.open(toStandardOutput() ? null : out, spec.commandLine().getOut(), events,
                        report, List.copyOf(issues));
            } catch (RuntimeException e) {
                online.close();
                throw e;
            }
            writing = outputs;   // from now on a failed write stops the stream as a signal does
            try (LiveOutputs written = outputs) {
                try (online) {
                    // Called on the delivery thread only.
                    online.addListener(new OnlineListener() {
                        @Override
                        public void onFinal(FrameState s) {
                            written.state(s);
                            double[] p = s.probabilities();
                            finals[0]++;
                            finals[1] = Math.max(finals[1], s.frame());
                            double[] c = confidence.computeIfAbsent(s.particleId(), k -> new double[2]);
                            c[0] += Math.max(Math.max(p[0], p[1]), Math.max(p[2], p[3]));
                            c[1]++;
                        }

                        @Override
                        public void onStateChange(StateChange c) {
                            changes[0]++;
                            written.change(c);
                        }

                        @Override
                        public void onRejected(RejectedTrack r) {
                            issues.add(TrackIssue.rejected(r.particleId(), r.reason() + " (track " + r.track()
                                    + ")"));
                        }
                    });
                    boolean draw = !progress.noProgress && Progress.interactive();
                    start = System.nanoTime();
                    driver = new Driver(online, lag, draw ? err : null,
                            rows != null ? rows.source() : String.valueOf(inPath()), stopCondition(interruption));
                    try {
                        if (rows != null) {
                            ReliabilityThresholds live = estimator.reliability();
                            driver.live(rows, live == null ? null : new LiveReliability(ReliabilityAssessor.of(live),
                                    online::liveTrack, online.dimension(), tally));
                        } else {
                            driver.replay(read.trajectories(), fps);
                        }
                    } catch (OptionUsageException e) {
                        throw e;
                    } catch (RuntimeException e) {
                        failure = e;   // the states final so far are in the outputs: see keepFinalStates
                    }
                    if (failure != null) {
                        finishing = finishAfterFailure(driver);
                    } else if (written.failure() == null) {
                        try {
                            driver.finish();
                        } catch (RuntimeException e) {
                            failure = e;   // an engine failure at the end: the states final before it are kept
                        }
                    }   // else a failed write stopped the stream: nothing more can be written, nothing is finished
                    stats = online.stats();
                }   // close(): the delivery thread has delivered every event and stopped
                written.close();   // every row delivered is in the files
            }
            DeepSptException writeFailure = outputs.failure();
            if (failure != null) {
                stopped = keepFinalStates(failure, finishing, writeFailure, statesName, outputs.rows(), (int) finals[1]);
            } else if (writeFailure != null) {
                stopped = writeFailure;
            } else if (stats.listenerFailures() > 0) {
                stopped = new IllegalStateException("writing the outputs failed " + stats.listenerFailures()
                        + " times; see the log");
            }
            ReliabilityThresholds thresholds = estimator.reliability();
            if (read != null && thresholds != null) {
                ReliabilityAssessor assessor = ReliabilityAssessor.of(thresholds);
                for (Trajectory t : read.trajectories()) {
                    double[] c = confidence.get(t.id());
                    if (c != null) {
                        tally.add(t.size(), assessor.assess(t, c[0] / c[1]));
                    }
                }
            }
            if (read != null && driver.stopped && stopped == null) {
                issues.addAll(notReplayed(read.trajectories(), driver.points == 0 ? Integer.MIN_VALUE
                        : driver.current));
            }
            if (stopped == null) {
                double seconds = (System.nanoTime() - start) / 1e9;
                // counted as segment counts them: tracks, and apart from them what the file held and was not read
                String rejected = org.deepspt.io.IssueCounts.of(issues).describe();
                summary = String.format(Locale.ROOT, "streamed %d points (%d tracks, %d frames) with %s, "
                        + "%slag %d in %.1f s (%.0f frames/s, %d engine calls) -> %s; %d state changes%s; "
                        + "%s%s; latency to final state p50 %s ms, p99 %s ms; frame processing p50 %s "
                        + "ms, p99 %s ms",
                        driver.points, stats.tracksStarted(), stats.framesCompleted(), estimator.name(),
                        estimator.windowed() ? "window " + window + ", " : "", lag, seconds,
                        stats.framesCompleted() / Math.max(seconds, 1e-9), stats.batches(), statesName, changes[0],
                        events == null ? "" : " -> " + events, rejected, report == null
                                ? " (no error report: --out - writes one only where --errors names it)"
                                : " -> " + report,
                        ms(driver.finalLatency.quantileMillis(0.5)), ms(driver.finalLatency.quantileMillis(0.99)),
                        ms(driver.frameLatency.quantileMillis(0.5)), ms(driver.frameLatency.quantileMillis(0.99)));
            }
        }
        if (stopped instanceof LiveStreamStoppedException s) {
            issues.add(s.issue());
        }
        if (report != null) {
            try {
                LiveOutputs.finishReport(report, issues);   // the complete report replaces the one of the start
            } catch (RuntimeException e) {
                if (stopped == null) {
                    throw e;
                }
                // both in the one error line: what stopped the stream, and that its report is missing
                DeepSptException both = new DeepSptException(stopped.getMessage() + "; the error report could not "
                        + "be written either: " + e.getMessage(), stopped);
                both.addSuppressed(e);
                stopped = both;
            }
        }
        if (stopped != null) {
            throw stopped;   // one error line naming the failure and the frame the outputs reach
        }
        err.println(summary);
        tally.warning("the per-track verdicts of 'deepspt segment', which writes them in its reliable and reason "
                + "columns").ifPresent(err::println);
        if (driver.stopped || interruption.getAsBoolean()) {
            err.println("stream: interrupted (SIGINT or SIGTERM): " + (!driver.stopped ? "after the end of the input"
                    : "stopped " + (rows != null ? "reading the input after line " + driver.lastLine + " (frame "
                    + driver.current + ")" : "the replay after frame " + driver.current)) + "; every point read was "
                    + "finished as at the end of the input, and the outputs are complete");
            err.flush();
            return StreamInterruption.EXIT_STATUS;
        }
        return 0;
    }

    /**
     * The error report's rows for a replay that a signal stopped after frame {@code last}: every input track is in
     * the outputs or here with its reason. A track that starts after it is REJECTED (none of it was replayed), one
     * that goes on after it is MODIFIED (its points up to it are in the outputs, the later ones are not).
     *
     * @param tracks the replayed tracks
     * @param last the last frame replayed ({@link Integer#MIN_VALUE}: none)
     * @return the rows, in the order of the tracks
     */
    static List<TrackIssue> notReplayed(List<Trajectory> tracks, int last) {
        String stop = "the replay was interrupted (SIGINT or SIGTERM) " + (last == Integer.MIN_VALUE
                ? "before its first frame" : "after frame " + last);
        List<TrackIssue> rows = new ArrayList<>();
        for (Trajectory t : tracks) {
            if (t.size() == 0 || t.frame(t.size() - 1) <= last) {
                continue;
            }
            rows.add(t.frame(0) > last ? TrackIssue.rejected(t.id(), stop + ": the track starts at frame " + t.frame(0)
                    + " and none of it is in the outputs") : TrackIssue.modified(t.id(), stop + ": its frames " + (last + 1) + ".."
                    + t.frame(t.size() - 1) + " are not in the outputs"));
        }
        return rows;
    }

    /**
     * Finishes a stream that stopped on a failure, as at the end of the stream: completes the frame being read
     * (with the rows that arrived before the failing line; a particle whose row of that frame had not arrived ends
     * one frame earlier) and ends every live particle, so that every point received becomes final as if the input
     * had ended at that line; each final state is the one the same rows followed by the end of the stream give. An
     * online segmenter that failed itself (an engine failure) cannot go on: the states final before the failure
     * are all there is.
     *
     * @return what failed while finishing (then the states final before it are kept), or null
     */
    private static @Nullable RuntimeException finishAfterFailure(Driver driver) {
        try {
            driver.finish();
            return null;
        } catch (OnlineSegmenterFailedException e) {
            return null;   // the failure was the online segmenter's own: nothing more can become final
        } catch (RuntimeException e) {
            return e;
        }
    }

    /**
     * @param failure what stopped the stream
     * @param finishing what failed while the live particles were finished, or null
     * @param writeFailure a failed write of the outputs, or null
     * @param statesName the states output in messages
     * @param written final states written
     * @param lastFrame the largest frame among them
     * @return the error to throw once the outputs are closed and the error report written
     */
    private static RuntimeException keepFinalStates(RuntimeException failure, @Nullable RuntimeException finishing,
            @Nullable DeepSptException writeFailure, String statesName, long written, int lastFrame) {
        if (writeFailure != null) {
            DeepSptException e = new DeepSptException(failure.getMessage() + "; " + writeFailure.getMessage(),
                    failure);
            e.addSuppressed(writeFailure);
            return e;
        }
        return new LiveStreamStoppedException(failure, finishing, statesName, written, lastFrame);
    }

    private static String ms(double v) {
        return String.format(Locale.ROOT, v < 10 ? "%.2f" : "%.0f", v);
    }

    /**
     * @param backend the --backend value
     * @return --threads, or when not given {@value #DEFAULT_JVM_THREADS} (at most the available processors) for the
     *     {@code jvm} engine (the one {@code auto} picks for a streaming model when it is present) and 1 for
     *     {@code onnx}
     */
    private int stepThreads(String backend) {
        if (threads != null) {
            return threads;
        }
        String engine = backend.equals("auto") ? InferenceBackends.selectStreaming(backend).name() : backend;
        return engine.equals("jvm") ? Math.max(1, Math.min(DEFAULT_JVM_THREADS,
                Runtime.getRuntime().availableProcessors())) : 1;
    }

    /** The name of standard input in messages. */
    static final String STANDARD_INPUT = "(standard input)";
    /** The name of standard output ({@code --out -}) in messages. */
    static final String STANDARD_OUTPUT = "(standard output)";

    /** @param stop turns true when the input should be read no further */
    private LiveRows openLive(BooleanSupplier stop) {
        String source = inPath().toString();
        InputStream raw;
        Object fileKey = null;
        if (source.equals("-")) {
            raw = new StoppableInput(System.in, stop);   // a signal or a failed write ends a read that waits
            source = STANDARD_INPUT;
        } else {
            if (!Files.isRegularFile(inPath())) {
                throw new InputFormatException(source, 0, null, Files.exists(inPath())
                        ? "--follow needs a regular file" : "no such file");
            }
            try {
                // The identity before opening: a file replaced in between is reported, never followed silently.
                fileKey = Files.readAttributes(inPath(), BasicFileAttributes.class).fileKey();
                raw = Files.newInputStream(inPath());
            } catch (IOException e) {
                throw new InputFormatException(source, 0, null, "cannot open: " + e.getMessage(), e);
            }
        }
        long idleMillis = (long) (followTimeout * 1000);
        InputStream in = follow ? new FollowingInputStream(raw, inPath(), fileKey, idleMillis, 20, stop) : raw;
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        return LiveRows.openOwned(reader, source, sentinel, follow, stop);
    }

    private Estimator openEstimator(int dimension) {
        if (isStreamingModel()) {
            int named = streamingModelDimension();
            if (named > 0 && named != dimension) {
                throw new OptionUsageException("--model " + modelOptions.model() + " is the " + named + "D streaming "
                        + "model, the tracks are " + dimension + "D; use --model " + STREAM_MODEL + " (the model of "
                        + "the tracks' dimension)");
            }
            String backend = modelOptions.backend();
            int stepThreads = stepThreads(backend);
            StreamingModel m = StreamingModels.bundled(dimension, backend,
                    EngineOptions.defaults().withIntraOpThreads(stepThreads));
            return new Estimator() {
                @Override
                public OnlineSegmenter online(OnlineOptions o) {
                    if (o.lag() > m.maxLag()) {
                        throw new OptionUsageException(lagMessage(m.maxLag(), o.lag()));
                    }
                    return OnlineSegmenter.of(m, o);
                }

                @Override
                public String name() {
                    return m.name() + " (" + m.backend() + ")" + (stepThreads > 1 ? " on up to " + stepThreads
                            + " threads" : "");
                }

                @Override
                public boolean windowed() {
                    return false;
                }

                @Override
                public ReliabilityThresholds reliability() {
                    return ReliabilityThresholds.defaults(dimension);
                }

                @Override
                public void close() {
                    m.close();
                }
            };
        }
        Segmenter s = modelOptions.open(dimension);
        return new Estimator() {
            @Override
            public OnlineSegmenter online(OnlineOptions o) {
                return OnlineSegmenter.of(s, dimension, o);
            }

            @Override
            public String name() {
                return s.name();
            }

            @Override
            public boolean windowed() {
                return true;
            }

            @Override
            public @Nullable ReliabilityThresholds reliability() {
                return s instanceof NeuralSegmenter n ? n.reliabilityThresholds() : null;
            }

            @Override
            public void close() {
                s.close();
            }
        };
    }

    /** The model behind the online segmenter: a streaming model or a window segmenter. */
    private interface Estimator extends AutoCloseable {
        OnlineSegmenter online(OnlineOptions o);

        String name();

        boolean windowed();

        /** @return the thresholds of the reliability verdict, or null when the model gives none (the baseline) */
        @Nullable ReliabilityThresholds reliability();

        @Override
        void close();
    }

    /**
     * Pushes points frame by frame, completes each frame when the next one starts, and measures two latencies:
     * frame processing (replay: a frame's first point to the end of its completion; live input: the completion
     * call alone, since the time between a frame's first point and the next frame's is spent waiting for input)
     * and to final state (a frame's first point to the completion that made its states final, L frames later, or
     * the final flush). A {@code stop} condition that turns true ends the stream as its end does: live input at the
     * row being read, a replay before its next frame (also while it waits for that frame's time).
     */
    static final class Driver {
        private final OnlineSegmenter online;
        private final int lag;
        private final @Nullable PrintWriter progress;
        private final String source;
        private final BooleanSupplier stop;
        /** The stream ended because {@code stop} turned true. */
        boolean stopped;
        /** The input line of the last point pushed (live input), 0 for none. */
        long lastLine;
        final Latencies frameLatency = new Latencies();
        final Latencies finalLatency = new Latencies();
        private final ArrayDeque<long[]> pending = new ArrayDeque<>();
        private boolean open;
        /** The frame of the last point pushed. */
        int current;
        private long arrival;
        long points;
        private long lastDraw = System.nanoTime();
        private long frames;
        /** Points arrive from live input: the frame processing latency leaves out the wait for them. */
        private boolean liveInput;

        Driver(OnlineSegmenter online, int lag, @Nullable PrintWriter progress, String source) {
            this(online, lag, progress, source, () -> false);
        }

        /**
         * @param online receives the points
         * @param lag the lag L, frames
         * @param progress where the progress line is drawn, or null
         * @param source the input's name in messages
         * @param stop turns true when the stream should end as at the end of its input
         */
        Driver(OnlineSegmenter online, int lag, @Nullable PrintWriter progress, String source, BooleanSupplier stop) {
            this.online = online;
            this.lag = lag;
            this.progress = progress;
            this.source = source;
            this.stop = stop;
        }

        /** Live input: judges each track's reliability as it ends (null: no verdicts). */
        private @Nullable LiveReliability liveReliability;

        /**
         * @param rows the live input
         * @param reliability judges each track as it ends, the live ones at {@link #finish()}; null: no verdicts
         */
        void live(LiveRows rows, @Nullable LiveReliability reliability) {
            liveInput = true;
            liveReliability = reliability;
            LiveRows.Row r;
            while ((r = rows.next()) != null) {
                point(r.frame(), r.id(), r.x(), r.y(), r.z(), r.line());
                lastLine = r.line();
            }
            stopped = rows.stopped();
        }

        /**
         * Replays recorded tracks frame by frame ({@link OnlineReplay#replay}), frame f given (f − first frame) / fps
         * seconds after the first (as fast as possible for fps 0), until the stop condition turns true.
         */
        void replay(List<Trajectory> tracks, double framesPerSecond) {
            long total = 0;
            for (Trajectory t : tracks) {
                total += t.size();
            }
            long given = OnlineReplay.replay(tracks, framesPerSecond, stop, new OnlineReplay.Sink() {
                @Override
                public void point(int frame, Trajectory t, int p) {
                    Driver.this.point(frame, t.id(), t.x(p), t.y(p), t.dimension() == 3 ? t.z(p) : 0.0, 0);
                }

                @Override
                public void lost(String particleId) {
                    online.particleLost(particleId);
                }

                @Override
                public void frameEnd() {
                    endFrame();
                }
            });
            stopped = given < total;
        }

        private void point(int frame, String id, double x, double y, double z, long line) {
            if (open && frame < current) {
                // refused before the frame being read is completed: the message names it as it is
                String what = "frame " + frame + " after rows of frame " + current + " (the frame being read): "
                        + "frames must not go backwards";
                if (line > 0) {
                    throw new InputFormatException(source, line, "frame", what);
                }
                throw new InvalidTrajectoryException(id, what);
            }
            if (open && frame != current) {
                endFrame();
            }
            if (!open) {
                open = true;
                current = frame;
                arrival = System.nanoTime();
            }
            try {
                if (online.dimension() == 3) {
                    online.push(frame, id, x, y, z);
                } else {
                    online.push(frame, id, x, y);
                }
            } catch (InvalidTrajectoryException e) {
                if (line > 0) {
                    throw new InputFormatException(source, line, null, e.getMessage(), e);
                }
                throw e;
            }
            points++;
            if (liveReliability != null) {
                liveReliability.point(id, frame, x, y, z);
            }
        }

        private void endFrame() {
            if (!open) {
                return;
            }
            long completing = System.nanoTime();
            online.completeFrame();
            long now = System.nanoTime();
            frameLatency.add(now - (liveInput ? completing : arrival));
            if (liveReliability != null) {
                liveReliability.frameCompleted();
            }
            pending.add(new long[] {current, arrival});
            while (!pending.isEmpty() && pending.peekFirst()[0] <= (long) current - lag) {
                finalLatency.add(now - pending.pollFirst()[1]);
            }
            open = false;
            frames++;
            if (progress != null && now - lastDraw > 500_000_000L) {
                lastDraw = now;
                OnlineStats s = online.stats();
                progress.print(progressLine(current, s.liveParticles(), frames, finalLatency));
                progress.flush();
            }
        }

        /**
         * The end of the stream (or of live input that stopped on a failure): completes the open frame and ends
         * every live particle, so that every point pushed becomes final.
         */
        void finish() {
            try {
                endFrame();
                online.flush();
                if (liveReliability != null) {
                    liveReliability.finish();   // after the last frame: the tracks still live end with the stream
                }
                long now = System.nanoTime();
                while (!pending.isEmpty()) {
                    finalLatency.add(now - pending.pollFirst()[1]);
                }
            } finally {
                if (progress != null && frames > 0) {
                    progress.println();   // an error line after it starts on a line of its own
                }
            }
        }
    }

    /** @return the progress line (starts with a carriage return, so that it redraws itself on a terminal) */
    static String progressLine(int frame, int liveParticles, long frames, Latencies finalLatency) {
        return String.format(Locale.ROOT, "\rstream: frame %d, %d frames, %d live particles, latency to final "
                + "p50 %s ms, p99 %s ms   ", frame, frames, liveParticles, ms(finalLatency.quantileMillis(0.5)),
                ms(finalLatency.quantileMillis(0.99)));
    }
}
