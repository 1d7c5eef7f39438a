package org.deepspt.options;

import org.deepspt.io.GapPolicy;
import org.deepspt.io.NonFinitePolicy;
import org.deepspt.io.ReadOptions;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The picocli mixin of the read policies both tools take: {@code --pixel-size} (µm/px), {@code --frame-interval}
 * (s), {@code --gaps} and {@code --non-finite}. The CLI's {@code InputOptions} extends it; the Spark job mixes it
 * in.
 *
 * <p>The descriptions are the CLI's; a tool that words them otherwise (the Spark job reads tables, which carry no
 * calibration and no format of their own) gives its text in its command's resource bundle under the keys
 * {@code pixel-size}, {@code frame-interval}, {@code gaps} and {@code non-finite}. {@code --gaps} has no default
 * here (the reader's per-format default); a tool with one sets it with a picocli default-value provider.
 */
public class ReadPolicyOptions {

    /**
     * Which value wins when an option and the file disagree, said once for the help of both options and checked
     * against the README.
     */
    public static final String OPTION_VS_FILE = "A unit the file declares wins over --pixel-size, which wins over "
            + "the pixel width of a file in pixels; --frame-interval wins over the file's own frame interval; each such conflict prints a warning naming both values.";

    @Option(names = "--pixel-size", paramLabel = "UM", descriptionKey = "pixel-size",
            description = "Pixel size in µm/px; multiplies coordinates given in pixels, z by the same size "
                    + "(default: coordinates are already in µm, with a warning when the file declares no unit). "
                    + OPTION_VS_FILE)
    private @Nullable Double pixelSize;

    @Option(names = "--frame-interval", paramLabel = "S", descriptionKey = "frame-interval",
            description = "Frame interval in s (default: from the file when it has one, else 1 s with a warning). "
                    + OPTION_VS_FILE)
    private @Nullable Double frameInterval;

    @Option(names = "--gaps", paramLabel = "POLICY", descriptionKey = "gaps",
            description = "Missing frames inside a track: ${COMPLETION-CANDIDATES} (default: INTERPOLATE for "
                    + "TrackMate XML, whose gaps are closed on purpose by its tracker, with the made-up points "
                    + "marked in the outputs; SPLIT for the other formats).")
    private @Nullable GapPolicy gapPolicy;

    @Option(names = "--non-finite", paramLabel = "POLICY", defaultValue = "ERROR", descriptionKey = "non-finite",
            description = "NaN/infinite coordinates: ERROR stops with the line, DROP_TRACK rejects the track "
                    + "(default ${DEFAULT-VALUE}).")
    private NonFinitePolicy nonFinitePolicy = NonFinitePolicy.ERROR;

    /** @return {@code --pixel-size} in µm/px, or null when not given */
    public final @Nullable Double pixelSize() {
        return pixelSize;
    }

    /** @return {@code --frame-interval} in s, or null when not given */
    public final @Nullable Double frameInterval() {
        return frameInterval;
    }

    /** @return {@code --gaps}, or null when not given (and the tool has no default) */
    public final @Nullable GapPolicy gapPolicy() {
        return gapPolicy;
    }

    /** @return {@code --non-finite} */
    public final NonFinitePolicy nonFinitePolicy() {
        return nonFinitePolicy;
    }

    /**
     * Checks the values and sets those given on {@code b}: pixel size, frame interval, gap policy (when given) and
     * the non-finite policy.
     *
     * @param b reader options being built
     * @return {@code b}
     * @throws OptionUsageException for a pixel size or frame interval that is not finite and {@code > 0}
     */
    public final ReadOptions.Builder applyTo(ReadOptions.Builder b) {
        SharedOptions.checkPixelSize(pixelSize);
        SharedOptions.checkFrameInterval(frameInterval);
        b.nonFinitePolicy(nonFinitePolicy);
        if (gapPolicy != null) {
            b.gapPolicy(gapPolicy);
        }
        if (pixelSize != null) {
            b.pixelSize(pixelSize);
        }
        if (frameInterval != null) {
            b.frameInterval(frameInterval);
        }
        return b;
    }
}
