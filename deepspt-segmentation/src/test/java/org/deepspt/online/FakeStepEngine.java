package org.deepspt.online;

import org.deepspt.api.inference.StreamingEngine;

/**
 * What the fake streaming engines of the tests share: backend {@code fake}, dim + 4 features per point (the
 * streaming models' input layout), a fixed state size per particle and heads for lags 0..maxLag. Subclasses give
 * {@link #step}.
 */
abstract class FakeStepEngine implements StreamingEngine {
    final int dim;
    final int maxLag;
    private final int stateSize;

    FakeStepEngine(int dim, int maxLag, int stateSize) {
        this.dim = dim;
        this.maxLag = maxLag;
        this.stateSize = stateSize;
    }

    @Override
    public String backend() {
        return "fake";
    }

    @Override
    public int featureCount() {
        return dim + 4;
    }

    @Override
    public int stateSize() {
        return stateSize;
    }

    @Override
    public int maxLag() {
        return maxLag;
    }
}
