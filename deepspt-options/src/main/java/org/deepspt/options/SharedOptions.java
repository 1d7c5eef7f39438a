package org.deepspt.options;

import java.util.List;
import java.util.Locale;
import org.deepspt.api.SegmenterChoice;
import org.deepspt.api.Segmenters;
import org.jspecify.annotations.Nullable;

/**
 * The checks of the options both tools take, with their one wording: {@code --pixel-size} (µm/px),
 * {@code --frame-interval} (s), {@code --model}, {@code --backend} and {@code --device}. Each check throws an
 * {@link OptionUsageException} naming the option and the value given.
 */
public final class SharedOptions {
    /** The devices of {@code --device}, lower case (the option accepts any case). */
    public static final List<String> DEVICES = List.of("cpu", "cuda");

    private SharedOptions() {
    }

    /**
     * @param um the {@code --pixel-size} value in µm/px, or null when not given
     * @throws OptionUsageException unless null or finite and {@code > 0}
     */
    public static void checkPixelSize(@Nullable Double um) {
        if (um != null && !(um > 0 && um < Double.POSITIVE_INFINITY)) {
            throw new OptionUsageException("--pixel-size must be finite and > 0 µm/px, got " + um);
        }
    }

    /**
     * @param s the {@code --frame-interval} value in s, or null when not given
     * @throws OptionUsageException unless null or finite and {@code > 0}
     */
    public static void checkFrameInterval(@Nullable Double s) {
        if (s != null && !(s > 0 && s < Double.POSITIVE_INFINITY)) {
            throw new OptionUsageException("--frame-interval must be finite and > 0 s, got " + s);
        }
    }

    /**
     * Resolves {@code --model} once through the registry ({@link Segmenters#resolve(String)}).
     *
     * @param model a name of {@link Segmenters#names()} or the path of a {@code *.manifest.json}
     * @return the provider's choice, which opens the model
     * @throws OptionUsageException for a name no provider knows, listing the names
     */
    public static SegmenterChoice model(String model) {
        try {
            return Segmenters.resolve(model);
        } catch (IllegalArgumentException e) {
            throw unknownModel(model, e);
        }
    }

    /**
     * Checks {@code --model} without resolving it ({@link Segmenters#check(String)}): for a tool that opens the
     * model elsewhere (the Spark job's executors, where a manifest path must be readable).
     *
     * @param model a name of {@link Segmenters#names()} or the path of a {@code *.manifest.json}
     * @throws OptionUsageException for a name no provider knows, listing the names
     */
    public static void checkModel(String model) {
        try {
            Segmenters.check(model);
        } catch (IllegalArgumentException e) {
            throw unknownModel(model, e);
        }
    }

    private static OptionUsageException unknownModel(String model, IllegalArgumentException e) {
        return new OptionUsageException("unknown --model '" + model + "'; use one of " + Segmenters.names()
                + " or the path of a *.manifest.json", e);
    }

    /**
     * @param backend the {@code --backend} value, any case
     * @param choices the backends on the class path and {@code auto}, lower case
     *     ({@code org.deepspt.neural.InferenceBackends.choices()})
     * @return {@code backend} in lower case
     * @throws OptionUsageException unless it is one of {@code choices}
     */
    public static String backend(String backend, List<String> choices) {
        String b = backend.toLowerCase(Locale.ROOT);
        if (!choices.contains(b)) {
            throw new OptionUsageException("--backend must be one of " + choices + ", got '" + backend + "'");
        }
        return b;
    }

    /**
     * @param device the {@code --device} value, any case
     * @return {@code device} in lower case
     * @throws OptionUsageException unless it is CPU or CUDA
     */
    public static String device(String device) {
        String d = device.toLowerCase(Locale.ROOT);
        if (!DEVICES.contains(d)) {
            throw new OptionUsageException("--device must be CPU or CUDA, got '" + device + "'");
        }
        return d;
    }
}
