package org.deepspt.cli;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.deepspt.api.Segmenter;
import org.deepspt.api.SegmenterOptions;
import org.deepspt.api.SegmenterProvider;
import org.deepspt.baseline.RollingMsdSegmenter;

/**
 * A test {@link SegmenterProvider} (registered in the test class path's {@code META-INF/services}) that counts how
 * often the model name is resolved: {@link java.util.ServiceLoader} makes a new provider on every scan, so
 * {@link #SCANS} counts the scans that looked the name up, {@link #ACCEPTS} the look-ups of the name and
 * {@link #OPENS} the segmenters opened. It opens the rolling-MSD baseline for the spec {@value #SPEC} and lists no
 * names, so that help texts and messages stay as they are.
 */
public final class CountingSegmenterProvider implements SegmenterProvider {
    /** The spec this provider accepts. */
    static final String SPEC = "counting-test";
    static final AtomicInteger SCANS = new AtomicInteger();
    static final AtomicInteger ACCEPTS = new AtomicInteger();
    static final AtomicInteger OPENS = new AtomicInteger();

    /** Used by {@link java.util.ServiceLoader}: one instance per scan. */
    public CountingSegmenterProvider() {
        SCANS.incrementAndGet();
    }

    static void reset() {
        SCANS.set(0);
        ACCEPTS.set(0);
        OPENS.set(0);
    }

    @Override
    public boolean accepts(String spec) {
        if (spec.equals(SPEC)) {
            ACCEPTS.incrementAndGet();
            return true;
        }
        return false;
    }

    @Override
    public Segmenter open(String spec, int dimension, SegmenterOptions options) {
        OPENS.incrementAndGet();
        return RollingMsdSegmenter.defaults();
    }

    @Override
    public List<String> names() {
        return List.of();
    }
}
