package org.deepspt.cli;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.deepspt.api.Segmentation;
import org.deepspt.api.SegmentationResult;
import org.deepspt.api.Segmenter;
import org.deepspt.api.SegmenterOptions;
import org.deepspt.api.SegmenterProvider;
import org.deepspt.api.Trajectory;
import org.deepspt.api.inference.InferenceException;
import org.deepspt.baseline.RollingMsdSegmenter;

/**
 * A test {@link SegmenterProvider} (registered in the test class path's {@code META-INF/services}) for an engine
 * that fails midway: {@code --model failing-after-test-N} opens the rolling-MSD baseline whose
 * {@link Segmenter#segmentEach} batches succeed N times and then throw an {@link InferenceException} (the
 * online segmenter makes one such call per frame once a particle has 5 points). Lists no names, so that help
 * texts and messages stay as they are.
 */
public final class FailingAfterSegmenterProvider implements SegmenterProvider {
    /** The spec prefix; the number of batches that succeed follows it. */
    static final String PREFIX = "failing-after-test-";

    @Override
    public boolean accepts(String spec) {
        return spec.startsWith(PREFIX) && spec.substring(PREFIX.length()).matches("[0-9]{1,9}");
    }

    @Override
    public Segmenter open(String spec, int dimension, SegmenterOptions options) {
        int batches = Integer.parseInt(spec.substring(PREFIX.length()));
        RollingMsdSegmenter msd = RollingMsdSegmenter.defaults();
        AtomicInteger calls = new AtomicInteger();
        return new Segmenter() {
            @Override
            public Segmentation segment(Trajectory trajectory) {
                return msd.segment(trajectory);
            }

            @Override
            public List<SegmentationResult> segmentEach(List<Trajectory> trajectories) {
                if (calls.incrementAndGet() > batches) {
                    throw new InferenceException("model '" + spec + "': injected failure after " + batches
                            + " batches");
                }
                return msd.segmentEach(trajectories);
            }

            @Override
            public int minimumLength() {
                return msd.minimumLength();
            }

            @Override
            public String name() {
                return spec;
            }
        };
    }

    @Override
    public List<String> names() {
        return List.of();
    }
}
