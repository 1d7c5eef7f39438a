package org.deepspt.pipeline;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deepspt.api.DeepSptException;
import org.deepspt.api.InputFormatException;
import org.deepspt.api.InvalidTrajectoryException;
import org.deepspt.api.SegmenterOptions;
import org.deepspt.api.Segmenters;
import org.deepspt.api.TrackTooShortException;
import org.deepspt.api.inference.InferenceException;
import org.deepspt.api.inference.ModelLoadException;
import org.deepspt.online.OnlineSegmenterFailedException;
import org.junit.jupiter.api.Test;

/**
 * The exception contract of the README ("Errors") and of {@code org.deepspt.api}'s package documentation: problems
 * with the data or the model are {@link DeepSptException}s (the engine's failures included, review: they were plain
 * RuntimeExceptions), programming errors are the JDK's IllegalArgumentException and IllegalStateException.
 */
class ExceptionHierarchyTest {

    @Test
    void dataAndModelProblemsAreDeepSptExceptions() {
        for (Class<?> c : List.of(InvalidTrajectoryException.class, TrackTooShortException.class,
                InputFormatException.class, ModelLoadException.class, InferenceException.class)) {
            assertTrue(DeepSptException.class.isAssignableFrom(c), c.getName());
        }
        assertTrue(RuntimeException.class.isAssignableFrom(DeepSptException.class), "unchecked");
        // an engine failure is not a per-track problem: nothing catching InvalidTrajectoryException takes it
        assertFalse(InvalidTrajectoryException.class.isAssignableFrom(InferenceException.class));
        DeepSptException e = new InferenceException("model 'm' (fake) failed", new IllegalStateException("x"));
        assertInstanceOf(IllegalStateException.class, e.getCause());
    }

    @Test
    void programmingErrorsAreTheJdksExceptions() {
        assertTrue(IllegalStateException.class.isAssignableFrom(OnlineSegmenterFailedException.class));
        assertFalse(DeepSptException.class.isAssignableFrom(OnlineSegmenterFailedException.class));
        RuntimeException dim = assertThrows(RuntimeException.class,
                () -> Segmenters.open("rolling-msd", 4, SegmenterOptions.defaults()));
        assertInstanceOf(IllegalArgumentException.class, dim);
        assertFalse(dim instanceof DeepSptException);
        assertThrows(IllegalArgumentException.class,
                () -> Segmenters.open("no-such-segmenter", 2, SegmenterOptions.defaults()));
    }
}
