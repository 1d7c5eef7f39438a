package org.deepspt.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.deepspt.api.Fingerprint;
import org.deepspt.api.InputFormatException;
import org.deepspt.api.Segmenter;
import org.deepspt.api.TrackIssue;
import org.deepspt.core.IoReason;
import org.deepspt.fingerprint.DiffusionalFingerprint;
import org.deepspt.fingerprint.FingerprintContext;
import org.deepspt.io.BranchPolicy;
import org.deepspt.io.Calibration;
import org.deepspt.io.FingerprintCsv;
import org.deepspt.io.MultiFileRead;
import org.deepspt.io.NothingRead;
import org.deepspt.io.ReadOptions;
import org.deepspt.io.ReadResult;
import org.deepspt.io.TrackFormat;
import org.deepspt.io.TrackReaders;
import org.deepspt.options.OptionUsageException;
import org.deepspt.options.ReadPolicyOptions;
import org.deepspt.pipeline.Pipeline;
import org.deepspt.pipeline.TrackResult;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Options shared by every command that reads trajectories; the read policies ({@code --pixel-size},
 * {@code --frame-interval}, {@code --gaps}, {@code --non-finite}) are {@link ReadPolicyOptions}, shared with the
 * Spark job.
 */
final class InputOptions extends ReadPolicyOptions {

    /** The command this mixin belongs to: its stderr receives the one-line units report. */
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--in", required = true, paramLabel = "FILE", arity = "1..*",
            description = "Tracks: DeepSPT/trackpy CSV, Spot-On CSV, TrackMate spots CSV, TrackMate XML "
                    + "(full or simple). Format chosen by extension and content. Several files (repeat --in or "
                    + "list them), a folder (its *.csv and *.xml files) or a quoted glob ('data/*.xml') are "
                    + "read as one data set: tracks of different files never merge (an id found in several "
                    + "files becomes FILE:ID) and outputs get a file column.")
    List<Path> in;

    @Option(names = "--branches", paramLabel = "POLICY", defaultValue = "PATHS",
            description = "TrackMate XML tracks that split or merge: PATHS (every root-to-leaf path, keeping the "
                    + "mother-to-daughter steps; no point lost), LONGEST (the longest path per track), SPLIT "
                    + "(cut into branches); named by TrackMate's lineage rule, e.g. Track_3.ab, Track_3.bm after a "
                    + "merge; further PATHS paths that end on the same branch get ~2, ~3 (Track_3.bm~2) "
                    + "(default ${DEFAULT-VALUE}).")
    BranchPolicy branchPolicy;

    @Option(names = "--all-tracks",
            description = "TrackMate XML: also read the tracks that are not in FilteredTracks.")
    boolean allTracks;

    /** The {@code --format} value that forces a fingerprint CSV (classify, train-classifier). */
    static final String FINGERPRINT = "FINGERPRINT";

    /** The forced track format, or null: detected (or a fingerprint CSV forced, {@link #fingerprintForced}). */
    TrackFormat format;
    /** Whether {@code --format FINGERPRINT} forces the input to be read as a fingerprint CSV. */
    boolean fingerprintForced;

    /**
     * {@code --format}: a {@link TrackFormat}, or {@value #FINGERPRINT} for a fingerprint CSV (any case).
     *
     * @param value the option's value
     */
    @Option(names = "--format", paramLabel = "FORMAT", completionCandidates = FormatNames.class,
            description = "Force the input format: ${COMPLETION-CANDIDATES} (FINGERPRINT: a fingerprint CSV, for "
                    + "classify and train-classifier; detected when its header is particle and mostly feature names, "
                    + "without x, y or frame).")
    void format(@org.jspecify.annotations.Nullable String value) {
        if (value == null) {   // picocli resetting the option
            format = null;
            fingerprintForced = false;
            return;
        }
        String v = value.strip();
        if (v.equalsIgnoreCase(FINGERPRINT)) {
            fingerprintForced = true;
            format = null;
            return;
        }
        for (TrackFormat f : TrackFormat.values()) {
            if (f.name().equalsIgnoreCase(v)) {
                format = f;
                fingerprintForced = false;
                return;
            }
        }
        throw new picocli.CommandLine.ParameterException(mixee.commandLine(), "Invalid value for option '--format': "
                + "expected one of " + new FormatNames() + " (case-insensitive) but was '" + Main.shown(value) + "'");
    }

    /** The {@code --format} values: the track formats, then {@value #FINGERPRINT}. */
    static final class FormatNames extends java.util.AbstractList<String> {
        private static final List<String> NAMES = java.util.stream.Stream.concat(
                java.util.Arrays.stream(TrackFormat.values()).map(Enum::name),
                java.util.stream.Stream.of(FINGERPRINT)).toList();

        @Override
        public String get(int index) {
            return NAMES.get(index);
        }

        @Override
        public int size() {
            return NAMES.size();
        }
    }

    @Option(names = "--column", paramLabel = "ROLE=HEADER",
            description = "Read a role from another column of a CSV (roles x, y, z, particle, frame, state, t), "
                    + "e.g. --column particle=TRACK_ID; repeatable.")
    Map<String, String> columns = new LinkedHashMap<>();

    /**
     * Fingerprints of the input and what they were computed with.
     *
     * @param fingerprints one per accepted track, in input order (unmodifiable)
     * @param context their dimension, frame intervals, length unit, segmenter, post-processing and definition
     *     version, as far as the input records them
     */
    record InputFingerprints(List<Fingerprint> fingerprints, FingerprintContext context) {
        InputFingerprints {
            fingerprints = List.copyOf(fingerprints);
        }
    }

    /**
     * Fingerprints of the input: read from a fingerprint CSV as they are, or computed from tracks exactly as
     * {@code fingerprint} computes them: segmented by {@link PipelineOptions#open(int)} through
     * {@link PipelineOptions#pipeline} (the {@code --model} choice and its post-processing), then
     * {@link DiffusionalFingerprint#defaults()}.
     *
     * @param issues receives rejected and modified tracks
     * @param options the segmentation model, its post-processing, threads and progress bar
     * @param check called with the input's context before any track is segmented (it may throw to stop the run)
     * @return the fingerprints, one per accepted track, in input order, and their context
     */
    InputFingerprints fingerprints(List<TrackIssue> issues, PipelineOptions options,
            Consumer<FingerprintContext> check) {
        List<Path> files = files();
        if (!isTrackFile()) {
            if (files.size() > 1) {
                throw new OptionUsageException("--in: give one fingerprint CSV, or track files only (got " + files.size()
                        + " files)");
            }
            lastTable = FingerprintCsv.readTable(files.get(0));
            check.accept(lastTable.context());
            return new InputFingerprints(lastTable.fingerprints(), lastTable.context());
        }
        options.validate();
        ReadResult read = read(1);
        issues.addAll(read.issues());
        try (Segmenter segmenter = options.open(read.dimension())) {
            FingerprintContext context = options.context(read, segmenter);
            check.accept(context);
            Pipeline pipeline = options.pipeline(segmenter).fingerprints(DiffusionalFingerprint.defaults()).build();
            List<Fingerprint> fps = new ArrayList<>(read.trajectories().size());
            PrintWriter err = mixee != null ? mixee.commandLine().getErr() : new PrintWriter(Writer.nullWriter());
            try (Progress p = options.progress.open(err, mixee != null ? mixee.name() : "fingerprint",
                    read.trajectories().size());
                    Stream<TrackResult> results = pipeline.stream(read.trajectories().iterator(), i -> {
                        issues.add(i);
                        p.step();
                    })) {
                for (TrackResult r : (Iterable<TrackResult>) results::iterator) {
                    fps.add(r.fingerprint().orElseThrow());
                    p.step();
                }
            }
            return new InputFingerprints(fps, context);
        }
    }

    /**
     * @return true when {@code --in} names track files: a track format is forced, or no file is a fingerprint CSV
     *     ({@link FingerprintCsv#isFingerprintCsv}) and none is forced ({@code --format FINGERPRINT})
     */
    boolean isTrackFile() {
        if (fingerprintForced) {
            return false;
        }
        return format != null || files().stream().noneMatch(FingerprintCsv::isFingerprintCsv);
    }

    /** The files of the last {@link #files()} call. */
    private List<Path> expanded;
    /** The last multi-file read, for the file names and the qualified ids. */
    MultiFileRead lastRead;
    /** The last fingerprint CSV read by {@link #fingerprints}, for the input track of each piece. */
    org.deepspt.io.FingerprintTable lastTable;
    /**
     * The command's error report: when the reader rejects every track, {@link #read} writes their reasons there
     * before it fails, so that no input track goes unaccounted for; null: the reasons are only in the message.
     */
    @org.jspecify.annotations.Nullable Path issueReport;

    /**
     * @return the input files: each {@code --in} as given, a folder's {@code *.csv} and {@code *.xml} files (by
     *     name), a glob's matches (by name); each file once
     * @throws OptionUsageException for a folder or glob that matches no file
     */
    List<Path> files() {
        if (expanded == null) {
            expanded = InputFiles.expand(in, note -> {
                if (mixee != null) {
                    mixee.commandLine().getErr().println(mixee.name() + ": " + note);
                }
            }).stream().map(this::spool).toList();
        }
        return expanded;
    }

    /** Copies of pipes read for {@code --in}, mapped to the path the user gave. */
    private final Map<Path, Path> spooled = new LinkedHashMap<>();

    /**
     * The file to read for one input: the file itself, or, when it is a pipe, FIFO or device (as
     * {@code --in /dev/stdin} is under {@code cat tracks.csv | deepspt ...}), a copy of what it held, taken once
     * into a temporary folder that is deleted when the JVM exits: an input is read more than once (the format is
     * detected from its first bytes, then it is parsed), which a pipe allows only once.
     *
     * @param given an input path
     * @return a regular file with the input's bytes (messages still name the path given, see {@link #named})
     */
    private Path spool(Path given) {
        try {
            BasicFileAttributes a = Files.readAttributes(given, BasicFileAttributes.class);
            if (!a.isRegularFile() && !a.isDirectory()) {
                Path dir = Files.createTempDirectory("deepspt-in");
                dir.toFile().deleteOnExit();
                Path name = given.getFileName();
                Path copy = dir.resolve(name == null ? "input" : name.toString());
                copy.toFile().deleteOnExit();
                try (InputStream from = Files.newInputStream(given)) {
                    Files.copy(from, copy);
                }
                spooled.put(copy, given);
                return copy;
            }
        } catch (NoSuchFileException e) {
            // the reader names the missing file
        } catch (IOException e) {
            throw new InputFormatException(given.toString(), 0, null, "cannot read: " + IoReason.of(e), e);
        }
        return given;
    }

    /** @return {@code e}, naming the path given to {@code --in} instead of the copy of a pipe that was read */
    private InputFormatException named(InputFormatException e) {
        Path given = null;
        for (Map.Entry<Path, Path> s : spooled.entrySet()) {
            if (e.source().equals(s.getKey().toString())) {
                given = s.getValue();
            }
        }
        if (given == null) {
            return e;
        }
        String prefix = new InputFormatException(e.source(), e.line(), e.field().orElse(null), "").getMessage();
        String problem = e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
        return new InputFormatException(given.toString(), e.line(), e.field().orElse(null), problem, e);
    }

    /** @return whether several files are read */
    boolean severalFiles() {
        return files().size() > 1;
    }

    /** @return the input for messages and titles: the file's name, or "N files (a.csv, b.csv, …)" */
    String describe() {
        List<Path> f = files();
        if (f.size() == 1) {
            return f.get(0).getFileName().toString();
        }
        StringBuilder sb = new StringBuilder(f.size() + " files (");
        for (int i = 0; i < Math.min(3, f.size()); i++) {
            sb.append(i == 0 ? "" : ", ").append(f.get(i).getFileName());
        }
        return sb.append(f.size() > 3 ? ", …)" : ")").toString();
    }

    ReadResult read(int minLength) {
        if (fingerprintForced) {
            throw new OptionUsageException("--format " + FINGERPRINT + ": a fingerprint CSV is input to classify and "
                    + "train-classifier; " + (mixee == null ? "this command" : mixee.name()) + " reads tracks");
        }
        ReadOptions.Builder b = applyTo(ReadOptions.builder()).minLength(minLength)
                .branchPolicy(branchPolicy == null ? BranchPolicy.PATHS : branchPolicy).includeFilteredOut(allTracks);
        if (format != null) {
            b.format(format);
        }
        for (Map.Entry<String, String> c : columns.entrySet()) {
            try {
                b.column(c.getKey(), c.getValue());
            } catch (IllegalArgumentException e) {
                throw new OptionUsageException("--column " + c.getKey() + "=" + c.getValue() + ": " + e.getMessage());
            }
        }
        List<Path> files = files();
        MultiFileRead multi;
        try {
            multi = MultiFileRead.read(files, b.build());
        } catch (InputFormatException e) {
            throw named(e);
        }
        lastRead = multi;
        // in the CLI's terms from here on: the error reports, report.html and the lines below say --pixel-size, not
        // ReadOptions.pixelSize
        ReadResult r = multi.merged().reworded(CliTerms::of);
        if (mixee != null) {
            var err = mixee.commandLine().getErr();
            for (int i = 0; i < files.size(); i++) {
                Calibration c = multi.calibrations().get(i).reworded(CliTerms::of);
                err.println(mixee.name() + ": " + Main.shown(multi.fileNames().get(i)) + ": " + c.describe());
                if (c.uncalibrated()) {
                    err.println("warning: " + Main.shown(multi.fileNames().get(i)) + ": uncalibrated file (spatial unit pixel, "
                            + "pixel width 1): positions are in px and diffusion coefficients in px²/s, not µm; "
                            + "give --pixel-size UM for µm");
                }
                for (String warning : c.warnings()) {
                    err.println("warning: " + Main.shown(multi.fileNames().get(i)) + ": " + warning);
                }
                if (!c.assumed().isEmpty()) {
                    // the results are as for a file that declares these values, but they may be wrong by a factor
                    err.println("warning: " + Main.shown(multi.fileNames().get(i)) + ": units assumed: "
                            + CliTerms.of(c.assumed()));
                }
            }
            if (!multi.qualifiedIds().isEmpty()) {
                // the id as in its file (TrackSource.inputId), not the qualified input id of the merged result
                String example = r.trajectories().stream()
                        .filter(t -> multi.qualifiedIds().contains(r.source(t.id()).inputId()))
                        .map(t -> "; e.g. '" + r.source(t.id()).inputId() + "' of " + r.source(t.id()).file() + " is '"
                                + t.id()
                                + "'").findFirst().orElse("");
                err.println(mixee.name() + ": " + files.size() + " files: " + multi.qualifiedIds().size() + " track id"
                        + (multi.qualifiedIds().size() == 1 ? " occurs" : "s occur") + " in several files and "
                        + (multi.qualifiedIds().size() == 1 ? "is" : "are") + " written as FILE:ID" + example
                        + "; the file column names each track's file");
            } else if (files.size() > 1) {
                err.println(mixee.name() + ": " + files.size() + " files: every track id occurs in one file only "
                        + "and is kept; the file column names each track's file");
            }
        }
        if (r.trajectories().isEmpty()) {
            // Every track is accounted for even when none could be read: the reasons go to the error report.
            throw NothingRead.error(files.size() == 1 ? files.get(0).toString() : describe(), r.issues(),
                    r.issues().isEmpty() ? null : issueReport);
        }
        return r;
    }
}
