package org.deepspt.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deepspt.api.Fingerprint;
import org.deepspt.api.Segmenter;
import org.deepspt.api.InputFormatException;
import org.deepspt.api.Messages;
import org.deepspt.api.TrackIssue;
import org.deepspt.io.FingerprintCsv;
import org.deepspt.classify.TrackFingerprints;
import org.deepspt.fingerprint.DiffusionalFingerprint;
import org.deepspt.io.GapPolicy;
import org.deepspt.io.IoReason;
import org.deepspt.io.NonFinitePolicy;
import org.deepspt.io.ReadOptions;
import org.deepspt.io.ReadResult;
import org.deepspt.io.TrackFormat;
import org.deepspt.io.TrackReaders;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Options shared by every command that reads trajectories. */
final class InputOptions {

    /** What {@link #file()} reads: {@link #in}, or the copy of a pipe; null until first asked. */
    private @Nullable Path spooled;

    /** The command this mixin belongs to: its stderr receives the one-line units report. */
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--in", required = true, paramLabel = "FILE",
            description = "Tracks: DeepSPT/trackpy CSV, Spot-On CSV, TrackMate spots CSV, TrackMate XML "
                    + "(full or simple). Format chosen by extension and content.")
    Path in;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "Force the input format: ${COMPLETION-CANDIDATES}.")
    TrackFormat format;

    @Option(names = "--pixel-size", paramLabel = "UM",
            description = "Pixel size in µm/px; multiplies coordinates given in pixels (default: coordinates "
                    + "are already in µm).")
    Double pixelSize;

    @Option(names = "--frame-interval", paramLabel = "S",
            description = "Frame interval in s (default: from the file when it has one, else 1 s).")
    Double frameInterval;

    @Option(names = "--column", paramLabel = "ROLE=HEADER",
            description = "Read a role from another column of a CSV (roles x, y, z, particle, frame, state, t), "
                    + "e.g. --column particle=TRACK_ID; repeatable.")
    Map<String, String> columns = new LinkedHashMap<>();

    @Option(names = "--gaps", paramLabel = "POLICY", defaultValue = "SPLIT",
            description = "Missing frames inside a track: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    GapPolicy gapPolicy;

    @Option(names = "--non-finite", paramLabel = "POLICY", defaultValue = "ERROR",
            description = "NaN/infinite coordinates: ERROR stops with the line, DROP_TRACK rejects the track "
                    + "(default ${DEFAULT-VALUE}).")
    NonFinitePolicy nonFinitePolicy;

    /**
     * Fingerprints of the input: read from a fingerprint CSV as they are, or computed from tracks (segmented
     * with the model of {@code models}, then {@link DiffusionalFingerprint#defaults()}).
     *
     * @param issues receives rejected and modified tracks
     * @param models the segmentation model choice
     * @return one fingerprint per accepted track, in input order
     */
    List<Fingerprint> fingerprints(List<TrackIssue> issues, ModelOptions models) {
        if (FingerprintCsv.isFingerprintCsv(file())) {
            return FingerprintCsv.read(file());
        }
        models.validate();
        ReadResult read = read(1);
        issues.addAll(read.issues());
        try (Segmenter segmenter = models.open(read.dimension())) {
            TrackFingerprints tf = TrackFingerprints.extract(read.trajectories(), segmenter,
                    DiffusionalFingerprint.defaults(), true);
            issues.addAll(tf.issues());
            return tf.fingerprints();
        }
    }

    /** @return true when {@code --in} is a track file (not a fingerprint CSV) */
    boolean isTrackFile() {
        return !FingerprintCsv.isFingerprintCsv(file());
    }

    /**
     * The file to read for {@code --in}: the file itself, or, when it is a pipe, FIFO or device (as
     * {@code --in /dev/stdin} is under {@code cat tracks.csv | deepspt ...}), a copy of what it held, taken once
     * into a temporary folder that is deleted when the JVM exits: the input is read more than once (the format is
     * detected from its first bytes, then it is parsed), which a pipe allows only once.
     *
     * @return a regular file with the input's bytes (messages still name {@code --in})
     */
    Path file() {
        Path known = spooled;
        if (known != null) {
            return known;
        }
        spooled = in;
        try {
            BasicFileAttributes a = Files.readAttributes(in, BasicFileAttributes.class);
            if (!a.isRegularFile() && !a.isDirectory()) {
                Path dir = Files.createTempDirectory("deepspt-in");
                dir.toFile().deleteOnExit();
                Path name = in.getFileName();
                Path copy = dir.resolve(name == null ? "input" : name.toString());
                copy.toFile().deleteOnExit();
                try (InputStream from = Files.newInputStream(in)) {
                    Files.copy(from, copy);
                }
                spooled = copy;
            }
        } catch (NoSuchFileException e) {
            // the reader names the missing file
        } catch (IOException e) {
            throw new InputFormatException(in.toString(), 0, null, "cannot read: " + IoReason.of(e), e);
        }
        return java.util.Objects.requireNonNull(spooled);
    }

    /** @return {@code e}, naming {@code --in} instead of the copy of a pipe that was read */
    private InputFormatException named(InputFormatException e) {
        if (spooled == null || spooled.equals(in) || !e.source().equals(spooled.toString())) {
            return e;
        }
        String prefix = new InputFormatException(e.source(), e.line(), e.field().orElse(null), "").getMessage();
        String problem = e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
        return new InputFormatException(in.toString(), e.line(), e.field().orElse(null), problem, e);
    }

    ReadResult read(int minLength) {
        if (pixelSize != null && !(pixelSize > 0 && pixelSize < Double.POSITIVE_INFINITY)) {
            throw new UsageException("--pixel-size must be finite and > 0 µm/px, got " + pixelSize);
        }
        if (frameInterval != null && !(frameInterval > 0 && frameInterval < Double.POSITIVE_INFINITY)) {
            throw new UsageException("--frame-interval must be finite and > 0 s, got " + frameInterval);
        }
        ReadOptions.Builder b = ReadOptions.builder().gapPolicy(gapPolicy).nonFinitePolicy(nonFinitePolicy)
                .minLength(minLength);
        if (format != null) {
            b.format(format);
        }
        for (Map.Entry<String, String> c : columns.entrySet()) {
            try {
                b.column(c.getKey(), c.getValue());
            } catch (IllegalArgumentException e) {
                throw new UsageException("--column " + c.getKey() + "=" + c.getValue() + ": " + e.getMessage());
            }
        }
        if (pixelSize != null) {
            b.pixelSize(pixelSize);
        }
        if (frameInterval != null) {
            b.frameInterval(frameInterval);
        }
        ReadResult r;
        try {
            r = TrackReaders.read(file(), b.build());
        } catch (InputFormatException e) {
            throw named(e);
        }
        if (mixee != null) {
            mixee.commandLine().getErr().println(mixee.name() + ": " + Main.shown(in.getFileName()) + ": "
                    + r.calibration().describe());
        }
        if (r.trajectories().isEmpty()) {
            StringBuilder why = new StringBuilder();
            for (int i = 0; i < Math.min(3, r.issues().size()); i++) {
                TrackIssue issue = r.issues().get(i);
                why.append(i == 0 ? ": " : "; ").append("track ").append(Messages.quote(issue.trackId())).append(": ")
                        .append(issue.detail());
            }
            throw new InputFormatException(in.toString(), 0, null, "no track could be read" + (why.length() == 0
                    ? " (the file has no data rows)" : why + (r.issues().size() > 3 ? "; …" : "")));
        }
        return r;
    }
}
