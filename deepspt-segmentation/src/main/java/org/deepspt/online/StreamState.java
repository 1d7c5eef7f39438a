package org.deepspt.online;

/**
 * What a streaming model carries for one particle between frames: its recurrent state, the heads of its
 * newest step, the running step statistics of {@link StreamFeatures} and the features of the point waiting
 * for its step. Fixed size per particle: (stateSize + 4 (maxLag + 1) + featureCount) floats + 4 doubles.
 */
final class StreamState {
    final float[] hidden;
    final float[] heads;
    final float[] features;
    final int maxLag;
    final int dim;
    /** The last {@link StreamFeatures#RING} positions, µm, point i in slot i mod RING. */
    final double[] positions;
    /** Sum of the step lengths so far, µm. */
    double stepSum;
    /** Model steps done (points whose features went through the model). */
    long steps;

    StreamState(int stateSize, int maxLag, int featureCount, int dim) {
        this.hidden = new float[stateSize];
        this.heads = new float[4 * (maxLag + 1)];
        this.features = new float[featureCount];
        this.maxLag = maxLag;
        this.dim = dim;
        this.positions = new double[StreamFeatures.RING * dim];
    }

    long bytes() {
        return 4L * (hidden.length + heads.length + features.length) + 8L * (positions.length + 2);
    }
}
