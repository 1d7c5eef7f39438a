package org.deepspt.api;

import java.util.List;

/**
 * Service-provider interface that opens segmenters by name, found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/org.deepspt.api.SegmenterProvider}). {@code deepspt-segmentation} provides
 * {@code rolling-msd} and the neural models ({@code unet}, bundled model names, manifest paths).
 */
public interface SegmenterProvider {

    /**
     * @param spec what the user asked for: a name such as {@code unet}, {@code rolling-msd}, a bundled
     *     model's name, or a manifest path ending in {@code .json}
     * @return whether this provider opens it
     */
    boolean accepts(String spec);

    /**
     * @param spec a spec this provider {@link #accepts accepts}
     * @param dimension 2 or 3, the dimension of the tracks to segment
     * @param options how to open it
     * @return the segmenter; close it when done
     * @throws DeepSptException naming the spec when it cannot be opened
     */
    Segmenter open(String spec, int dimension, SegmenterOptions options);

    /** @return the names this provider lists for users (e.g. in {@code --help}); unmodifiable */
    List<String> names();
}
