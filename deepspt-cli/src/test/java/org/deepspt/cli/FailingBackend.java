package org.deepspt.cli;

import org.deepspt.api.inference.EngineOptions;
import org.deepspt.api.inference.InferenceBackend;
import org.deepspt.api.inference.InferenceEngine;
import org.deepspt.api.inference.InferenceException;

/**
 * A test backend ({@code --backend failing}) whose engine loads any model and fails on every run. It also counts
 * the {@link java.util.ServiceLoader} scans of the backends ({@link #SCANS}: one new instance per scan).
 */
public final class FailingBackend implements InferenceBackend {
    static final java.util.concurrent.atomic.AtomicInteger SCANS = new java.util.concurrent.atomic.AtomicInteger();

    /** Used by {@link java.util.ServiceLoader}: one instance per scan. */
    public FailingBackend() {
        SCANS.incrementAndGet();
    }

    @Override
    public String name() {
        return "failing";
    }

    @Override
    public boolean isAvailable() {
        return true;
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public InferenceEngine load(byte[] model, String name, int dimension, EngineOptions options) {
        return new InferenceEngine() {
            @Override
            public String backend() {
                return "failing";
            }

            @Override
            public int dimension() {
                return dimension;
            }

            @Override
            public void run(float[] input, int batch, int length, float[] output) {
                throw new InferenceException("model '" + name + "': injected runtime failure (out of memory)");
            }

            @Override
            public void close() {
            }
        };
    }
}
