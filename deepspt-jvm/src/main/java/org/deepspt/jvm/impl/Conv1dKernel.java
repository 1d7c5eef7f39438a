package org.deepspt.jvm.impl;

/**
 * The inner loop of a 1-D convolution (cross-correlation, stride 1), on padded rows:
 *
 * <pre>
 *   y[co·ys + j] = Σ_ci Σ_k W[co][ci][k] · x[ci·xs + j + k·dilation]     for co &lt; coutPadded, j0 ≤ j &lt; j1
 * </pre>
 *
 * <p>The caller lays the batch out as one long row per input channel (tracks side by side, each with its
 * zero padding), so one call covers all tracks; it adds the bias and the fused ReLU afterwards. Contract:
 * {@code j0} and {@code j1 − j0} are multiples of {@link #COLUMN_BLOCK}; {@code x} is readable up to
 * {@code (cin − 1)·xs + j1 + (kernel − 1)·dilation}; {@code y} has {@code coutPadded} rows of stride
 * {@code ys ≥ j1}. Implementations are stateless and thread-safe; they allocate nothing.
 *
 * <p>Implementations: {@link ScalarConv1dKernel}, and the Vector API kernels in
 * {@code org.deepspt.jvm.impl.vector}, chosen by {@link Kernels}.
 */
public interface Conv1dKernel {

    /** Columns per unit of work: every kernel handles whole blocks of this many time steps. */
    int COLUMN_BLOCK = 64;

    /** @return a short name for logs and benchmarks */
    String name();

    /** @param w {@code [cout][cin][kernel]} weights @return them in this kernel's layout */
    PackedWeights pack(float[] w, int cout, int cin, int kernel);

    /** Computes columns {@code [j0, j1)} of all output rows; see the class comment. */
    void compute(PackedWeights w, float[] x, int xs, int dilation, float[] y, int ys, int j0, int j1);
}
