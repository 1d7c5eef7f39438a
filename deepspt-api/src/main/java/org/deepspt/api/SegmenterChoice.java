package org.deepspt.api;

import java.util.Objects;

/**
 * A segmenter spec resolved to the {@link SegmenterProvider} that opens it ({@link Segmenters#resolve(String)}):
 * the spec is looked up once, before any input is read, and opened later for the tracks' dimension without a
 * second look-up. Immutable; thread-safe when the provider is.
 */
public final class SegmenterChoice {
    private final String spec;
    private final SegmenterProvider provider;

    SegmenterChoice(String spec, SegmenterProvider provider) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.provider = Objects.requireNonNull(provider, "provider");
    }

    /** @return the spec as the user gave it, e.g. {@code unet} or a manifest path */
    public String spec() {
        return spec;
    }

    /**
     * @param dimension 2 or 3, the dimension of the tracks to segment
     * @param options how to open it
     * @return the segmenter; close it when done
     * @throws IllegalArgumentException when the dimension is not 2 or 3
     * @throws DeepSptException when the provider cannot open it (missing file, bad model)
     */
    public Segmenter open(int dimension, SegmenterOptions options) {
        Objects.requireNonNull(options, "options");
        if (dimension != 2 && dimension != 3) {
            throw new IllegalArgumentException("dimension must be 2 or 3, got " + dimension);
        }
        return provider.open(spec, dimension, options);
    }

    @Override
    public String toString() {
        return "SegmenterChoice[" + spec + "]";
    }
}
