package org.deepspt.api;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;

/**
 * Opens segmenters by name from any JVM language, through the {@link SegmenterProvider}s on the class path:
 * <pre>{@code
 * try (Segmenter s = Segmenters.open("unet", 2, SegmenterOptions.defaults())) { ... }
 * Segmenters.open("rolling-msd", 3, SegmenterOptions.defaults());
 * Segmenters.open("deepspt-unet-3d", 3, SegmenterOptions.defaults().withBackend("jvm"));
 * Segmenters.open(Path.of("my-model.manifest.json"), 2, SegmenterOptions.defaults());
 * }</pre>
 * {@code unet} is the default model of the tracks' dimension (artifact {@code deepspt-models} on the class path):
 * the int8 U-Net trained on the widened population (changes of D within a motion class, walls, traps, short and
 * noisy tracks), or its float32 twin {@code unet-fast} with the {@code jvm} backend; {@code unet-int8} names the
 * int8 model, {@code unet-ensemble} the three-member ensemble trained on the published protocol only; a manifest
 * path needs only the model's files.
 *
 * <p>Neural models smooth their states along the most probable path (Viterbi, penalty
 * {@link SegmenterOptions#DEFAULT_SWITCH_PENALTY} nats; {@link SegmenterOptions#withoutSmoothing()} turns it
 * off), report probabilities recalibrated after inference by the model manifest's {@code output_calibration}
 * (a temperature by track length and estimated SNR; smoothed: the calibrated marginal probability of each smoothed
 * state, {@code org.deepspt.smoothing.PathPosterior}) and attach a {@link Reliability} verdict to every
 * {@link Segmentation}.
 */
public final class Segmenters {
    private Segmenters() {
    }

    /**
     * @param spec {@code unet}, {@code unet-fast}, {@code unet-int8}, {@code unet-ensemble}, {@code rolling-msd}, a
     *     bundled model's name,
     *     or a manifest path ({@code *.json})
     * @param dimension 2 or 3
     * @param options how to open it
     * @return the segmenter; close it when done
     * @throws IllegalArgumentException when no provider accepts the spec (the message lists the names)
     * @throws DeepSptException when the provider cannot open it (missing file, bad model)
     */
    public static Segmenter open(String spec, int dimension, SegmenterOptions options) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(options, "options");
        if (dimension != 2 && dimension != 3) {
            throw new IllegalArgumentException("dimension must be 2 or 3, got " + dimension);
        }
        return provider(spec).open(spec, dimension, options);
    }

    /**
     * @param manifest path of a model manifest ({@code *.manifest.json})
     * @param dimension 2 or 3
     * @param options how to open it
     * @return the segmenter; close it when done
     */
    public static Segmenter open(Path manifest, int dimension, SegmenterOptions options) {
        return open(manifest.toString(), dimension, options);
    }

    /**
     * Checks a spec without opening anything, so a typo fails before any input is read.
     *
     * @param spec as for {@link #open(String, int, SegmenterOptions)}
     * @throws IllegalArgumentException when no provider accepts it
     */
    public static void check(String spec) {
        provider(spec);
    }

    /** @return the names the providers on the class path list, e.g. {@code [unet, rolling-msd, ...]} */
    public static List<String> names() {
        List<String> names = new ArrayList<>();
        for (SegmenterProvider p : providers()) {
            names.addAll(p.names());
        }
        return Collections.unmodifiableList(names);
    }

    private static SegmenterProvider provider(String spec) {
        for (SegmenterProvider p : providers()) {
            if (p.accepts(spec)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown segmenter '" + spec + "'; use one of " + names()
                + " or the path of a *.manifest.json");
    }

    private static List<SegmenterProvider> providers() {
        List<SegmenterProvider> out = new ArrayList<>();
        ServiceLoader.load(SegmenterProvider.class, Segmenters.class.getClassLoader()).forEach(out::add);
        return out;
    }
}
