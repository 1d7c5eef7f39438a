package org.deepspt.jvm.impl;

import java.util.Arrays;

/**
 * GroupNorm on {@code [batch, channels, length]} float32, optionally followed by Relu: the subgraph that
 * {@link GroupNormFusion} recognises (torch's elementwise export Reshape, ReduceMean, Sub, Mul, ReduceMean, Add,
 * Sqrt, Div, Reshape, Mul, Add, or Reshape, InstanceNormalization, Reshape, Mul, Add) computed in two passes over
 * the data instead of up to eleven.
 *
 * <p>The C channels form G groups of C/G consecutive channels; for every track b and group g, with mean μ
 * and biased variance σ² over the group's C/G × L values,
 * {@code y[b][c][t] = (x[b][c][t] − μ) / √(σ² + ε) · w[c] + β[c]}, then {@code max(y, 0)} when fused with
 * Relu. μ and σ² are accumulated in double (two passes: mean, then squared deviations), so the result is
 * at least as accurate as the float32 reference graph.
 *
 * <p>Inputs, in this order: x; the first Reshape's target shape (int64, 3 entries, which must give
 * {@code [batch, G, C/G · L]} with the Reshape rules, e.g. {@code [b, G, −1]} or {@code [0, G, −1]}: G is read
 * from it at run time); w and β (C values each, constants); the second Reshape's target shape, which must give
 * back x's shape (checked: the fused step is only valid then). ε is fixed when the step is built. Stateless,
 * thread-safe.
 */
final class FusedGroupNorm implements Op {
    private final boolean relu;
    private final float epsilon;

    /**
     * @param relu whether Relu is applied to the output
     * @param epsilon ε, added to the variance (≥ 0)
     */
    FusedGroupNorm(boolean relu, float epsilon) {
        this.relu = relu;
        this.epsilon = epsilon;
    }

    /** @return whether Relu is applied to the output */
    boolean relu() {
        return relu;
    }

    /** @return ε, added to the variance */
    float epsilon() {
        return epsilon;
    }

    @Override
    public void run(Tensor[] in, Tensor[] out, Arena arena) {
        Tensor x = in[0];
        if (x.type() != Tensor.Type.FLOAT || x.rank() != 3) {
            throw new IllegalArgumentException("GroupNorm needs float32 [batch, channels, length], got "
                    + Arrays.toString(x.shape()));
        }
        int batch = x.dim(0);
        int channels = x.dim(1);
        int length = x.dim(2);
        Tensor shape = in[1];
        if (shape.size() != 3) {
            throw new IllegalArgumentException("GroupNorm: the group reshape must have 3 dimensions");
        }
        long groups = shape.getLong(1);
        if (groups <= 0 || channels % groups != 0) {
            throw new IllegalArgumentException("GroupNorm: " + channels + " channels do not split into " + groups
                    + " groups");
        }
        int[] grouped = ShapeOps.Reshape.target(x.shape(), shape.toLongArray(), false);
        if (grouped[0] != batch || grouped[2] != channels / groups * length) {
            throw new IllegalArgumentException("GroupNorm: the group reshape gives "
                    + Arrays.toString(grouped) + ", not [" + batch + ", " + groups + ", "
                    + channels / groups * length + "]");
        }
        Tensor back = in[4];
        if (back.size() != 3) {
            throw new IllegalArgumentException("GroupNorm: the reshape back must have 3 dimensions");
        }
        int[] restored = ShapeOps.Reshape.target(grouped, back.toLongArray(), false);
        if (!Arrays.equals(restored, x.shape())) {
            throw new IllegalArgumentException("GroupNorm: the reshape back gives "
                    + Arrays.toString(restored) + ", not the input's " + Arrays.toString(x.shape()));
        }
        float eps = epsilon;
        Tensor w = in[2];
        Tensor beta = in[3];
        if (w.size() != channels || beta.size() != channels) {
            throw new IllegalArgumentException("GroupNorm: scale and bias need " + channels + " values, have "
                    + w.size() + " and " + beta.size());
        }
        float[] wf = w.floats();
        float[] bf = beta.floats();
        Tensor o = Tensor.floats(arena, x.shape().clone());
        float[] xs = x.floats();
        float[] ys = o.floats();
        int perGroup = (int) (channels / groups);
        int span = perGroup * length;
        for (int b = 0; b < batch; b++) {
            for (int g = 0; g < groups; g++) {
                int base = (b * channels + g * perGroup) * length;
                double mean = Moments.mean(xs, base, span);
                double inv = Moments.inverseStd(xs, base, span, mean, eps);
                float m = (float) mean;
                for (int c = 0; c < perGroup; c++) {
                    int ch = g * perGroup + c;
                    float scale = (float) (inv * wf[ch]);
                    float shift = bf[ch];
                    int row = base + c * length;
                    if (relu) {
                        for (int t = 0; t < length; t++) {
                            ys[row + t] = Math.max((xs[row + t] - m) * scale + shift, 0f);
                        }
                    } else {
                        for (int t = 0; t < length; t++) {
                            ys[row + t] = (xs[row + t] - m) * scale + shift;
                        }
                    }
                }
            }
        }
        out[0] = o;
    }
}
