package org.deepspt.online;

import org.deepspt.neural.FakeEngine;
import org.deepspt.neural.NeuralSegmenter;

/** The window-mode segmenter of the online tests: the deterministic fake engine, batches of 64. */
final class OnlineTestModels {
    private OnlineTestModels() {
    }

    /**
     * @param minimumLength the segmenter's minimum track length, points
     * @return a 2D neural segmenter on {@link FakeEngine}
     */
    static NeuralSegmenter fake(int minimumLength) {
        return NeuralSegmenter.of("context-fake", new FakeEngine(2), 64, minimumLength);
    }
}
