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
 * The names are the registry's, {@link #names()}: what the {@link SegmenterProvider}s on the class path list
 * ({@code unet} and its variants and the bundled models' names with artifact {@code deepspt-models}, whose
 * provider documents what each opens; {@code rolling-msd}, the baseline, with {@code deepspt-core}); a
 * manifest path needs only the model's files.
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
     * @param spec one of {@link #names()} (e.g. {@code unet}, {@code rolling-msd}) or a manifest path
     *     ({@code *.json})
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
        return resolve(spec).open(dimension, options);
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
        resolve(spec);
    }

    /**
     * Finds the provider of a spec once, without opening anything: a typo fails before any input is read, and
     * the choice then opens the segmenter without looking the spec up again.
     *
     * @param spec as for {@link #open(String, int, SegmenterOptions)}
     * @return the spec with the provider that opens it
     * @throws IllegalArgumentException when no provider accepts it (the message lists the names)
     */
    public static SegmenterChoice resolve(String spec) {
        Objects.requireNonNull(spec, "spec");
        List<SegmenterProvider> all = providers();
        for (SegmenterProvider p : all) {
            if (p.accepts(spec)) {
                return new SegmenterChoice(spec, p);
            }
        }
        throw new IllegalArgumentException("unknown segmenter '" + spec + "'; use one of " + names(all)
                + " or the path of a *.manifest.json");
    }

    /** @return the names the providers on the class path list, e.g. {@code [unet, rolling-msd, ...]} */
    public static List<String> names() {
        return names(providers());
    }

    private static List<String> names(List<SegmenterProvider> providers) {
        List<String> names = new ArrayList<>();
        for (SegmenterProvider p : providers) {
            names.addAll(p.names());
        }
        return Collections.unmodifiableList(names);
    }

    private static List<SegmenterProvider> providers() {
        List<SegmenterProvider> out = new ArrayList<>();
        ServiceLoader.load(SegmenterProvider.class, Segmenters.class.getClassLoader()).forEach(out::add);
        return out;
    }
}
