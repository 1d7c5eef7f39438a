package org.deepspt.baseline;

import java.util.List;
import org.deepspt.api.Segmenter;
import org.deepspt.api.SegmenterOptions;
import org.deepspt.api.SegmenterProvider;

/** Opens the {@code rolling-msd} baseline ({@link RollingMsdSegmenter#defaults()}) for 2D and 3D tracks. */
public final class RollingMsdProvider implements SegmenterProvider {

    /** Used by {@link java.util.ServiceLoader}. */
    public RollingMsdProvider() {
    }

    @Override
    public boolean accepts(String spec) {
        return spec.equals(RollingMsdSegmenter.NAME);
    }

    @Override
    public Segmenter open(String spec, int dimension, SegmenterOptions options) {
        return RollingMsdSegmenter.defaults();
    }

    @Override
    public List<String> names() {
        return List.of(RollingMsdSegmenter.NAME);
    }
}
