package org.deepspt.online;

import java.util.List;
import org.deepspt.api.inference.StreamingEngine;

/**
 * Gathers the features and carried states of the particles that got a point in a frame into one batch,
 * runs one {@link StreamingEngine#step}, and scatters the heads and new states back. Its arrays grow to the
 * largest batch seen and are reused. Not thread-safe (owned by the producer).
 */
final class StepBatch {
    private final StreamingEngine engine;
    private final int features;
    private final int state;
    private final int heads;
    private float[] in = new float[0];
    private float[] stateIn = new float[0];
    private float[] probs = new float[0];
    private float[] stateOut = new float[0];

    StepBatch(StreamingEngine engine) {
        this.engine = engine;
        this.features = engine.featureCount();
        this.state = engine.stateSize();
        this.heads = 4 * (engine.maxLag() + 1);
    }

    void run(List<ParticleTrack> particles) {
        int b = particles.size();
        if (in.length < b * features) {
            int n = Math.max(b, in.length / Math.max(1, features) * 2);
            in = new float[n * features];
            stateIn = new float[n * state];
            probs = new float[n * heads];
            stateOut = new float[n * state];
        }
        for (int i = 0; i < b; i++) {
            StreamState s = particles.get(i).step;
            System.arraycopy(s.features, 0, in, i * features, features);
            System.arraycopy(s.hidden, 0, stateIn, i * state, state);
        }
        engine.step(in, stateIn, b, probs, stateOut);
        for (int i = 0; i < b; i++) {
            ParticleTrack p = particles.get(i);
            StreamState s = p.step;
            System.arraycopy(stateOut, i * state, s.hidden, 0, state);
            System.arraycopy(probs, i * heads, s.heads, 0, heads);
            s.steps = p.count;
        }
    }
}
