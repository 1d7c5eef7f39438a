package org.deepspt.cli;

import java.util.List;
import org.deepspt.api.Segmenter;
import org.deepspt.baseline.RollingMsdSegmenter;

/** Resolves {@code --model NAME} to a {@link Segmenter}. */
final class SegmenterChoice {
    /** Names accepted by {@code --model}. */
    static final List<String> NAMES = List.of("rolling-msd");

    private SegmenterChoice() {
    }

    static Segmenter resolve(String name) {
        if ("rolling-msd".equals(name)) {
            return RollingMsdSegmenter.defaults();
        }
        throw new IllegalArgumentException("unknown --model '" + name + "'; available: " + NAMES);
    }
}
