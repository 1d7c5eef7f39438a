package org.deepspt.cli;

import java.nio.file.Path;
import org.deepspt.io.GapPolicy;
import org.deepspt.io.NonFinitePolicy;
import org.deepspt.io.ReadOptions;
import org.deepspt.io.ReadResult;
import org.deepspt.io.TrackFormat;
import org.deepspt.io.TrackReaders;
import picocli.CommandLine.Option;

/** Options shared by every command that reads trajectories. */
final class InputOptions {

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

    @Option(names = "--gaps", paramLabel = "POLICY", defaultValue = "SPLIT",
            description = "Missing frames inside a track: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    GapPolicy gapPolicy;

    @Option(names = "--non-finite", paramLabel = "POLICY", defaultValue = "ERROR",
            description = "NaN/infinite coordinates: ERROR stops with the line, DROP_TRACK rejects the track "
                    + "(default ${DEFAULT-VALUE}).")
    NonFinitePolicy nonFinitePolicy;

    ReadResult read(int minLength) {
        ReadOptions.Builder b = ReadOptions.builder().gapPolicy(gapPolicy).nonFinitePolicy(nonFinitePolicy)
                .minLength(minLength);
        if (format != null) {
            b.format(format);
        }
        if (pixelSize != null) {
            b.pixelSize(pixelSize);
        }
        if (frameInterval != null) {
            b.frameInterval(frameInterval);
        }
        return TrackReaders.read(in, b.build());
    }
}
