package org.deepspt.online;

/**
 * What a streaming model carries for one particle between frames: the running step statistics of
 * {@link StreamFeatures}, the features of the point waiting for its step, and a slot in the slabs of its
 * {@link StepBatch}, where the engine keeps the recurrent state and the heads of the newest step. Fixed size per
 * particle: (stateSize + 4 (maxLag + 1)) floats in the slabs + featureCount floats + (17 D + 15) doubles.
 */
final class StreamState {
    final float[] features;
    final int maxLag;
    final int dim;
    /** The last {@link StreamFeatures#RING} positions, µm, point i in slot i mod RING. */
    final double[] positions;
    /** Sum of the step lengths so far, µm. */
    double stepSum;
    /** Fixed-lag Viterbi scores after the last final point ({@link FixedLagViterbi}). */
    final double[] viterbi = new double[4];
    /** Model steps done (points whose features went through the model); point {@code steps} is the next one. */
    long steps;
    /**
     * Frames made up over the blink before the newest point that still wait for their steps (0 on the common
     * path); the newest point's features are computed after theirs, from {@link #toX}, {@link #toY}, {@link #toZ}.
     */
    int fill;
    /** Position of the last point before the blink, µm: where the made-up points start. */
    double fromX;
    double fromY;
    double fromZ;
    /** Position of the track's first point, µm: the origin of the span a later point may have. */
    double originX;
    double originY;
    double originZ;
    /** Position of the newest point, after the blink, µm. */
    double toX;
    double toY;
    double toZ;
    /** The slabs holding this particle's state and heads; null for features only (tests). */
    final StepBatch batch;
    /** This particle's slot in {@link #batch}'s slabs, −1 once released (or without slabs). */
    int slot = -1;

    /**
     * @param batch the slabs to take a slot from, or null for the features alone
     * @param maxLag K, the newest step's heads cover the last K + 1 points
     * @param featureCount F
     * @param dim 2 or 3
     */
    StreamState(StepBatch batch, int maxLag, int featureCount, int dim) {
        this.features = new float[featureCount];
        this.maxLag = maxLag;
        this.dim = dim;
        this.positions = new double[StreamFeatures.RING * dim];
        this.batch = batch;
        if (batch != null) {
            this.slot = batch.allocate();
        }
    }

    /** @return probability of class c at head a of the newest step */
    float head(int a, int c) {
        return batch.heads[slot * batch.headFloats + 4 * a + c];
    }

    /** Gives the slot back to the slabs; idempotent. */
    void release() {
        if (slot >= 0) {
            batch.free(slot);
            slot = -1;
        }
    }

    long bytes() {
        long b = 4L * features.length + 8L * (positions.length + 11 + viterbi.length);
        return slot >= 0 ? b + batch.bytesPerSlot() : b;
    }
}
