package org.deepspt.neural;

import java.util.List;
import org.deepspt.api.DiffusionState;
import org.deepspt.api.Segmentation;
import org.deepspt.api.Trajectory;

/**
 * Converts a batch of equal-length trajectories to the model's input tensor and the model's output back to
 * {@link Segmentation}s.
 *
 * <p><b>Input</b>: float32 {@code [batch, length, dim]}, row-major; point i of track b is
 * {@code r_i − r_0}, the shift computed in double precision before the conversion to float, which keeps
 * sub-nanometre resolution for tracks far from the origin (models are translation invariant by contract).
 *
 * <p><b>Output</b>: float32 {@code [batch, length, 4]}; each row is renormalised in double precision to sum
 * to 1 ({@code p_c / Σ_c p_c}), since float rounding leaves sums of 1 ± 1e-7. A row that is not finite or
 * sums to ≤ 0 is an engine failure, reported by {@link #decode} as an {@link IllegalStateException}.
 *
 * <p>Stateless and thread-safe.
 */
public final class SegmentationTranslator {
    private final int dimension;

    private SegmentationTranslator(int dimension) {
        this.dimension = dimension;
    }

    /**
     * @param dimension 2 or 3
     * @return a translator for tracks of that dimension
     */
    public static SegmentationTranslator of(int dimension) {
        if (dimension != 2 && dimension != 3) {
            throw new IllegalArgumentException("dimension must be 2 or 3, got " + dimension);
        }
        return new SegmentationTranslator(dimension);
    }

    /** @return 2 or 3 */
    public int dimension() {
        return dimension;
    }

    /** @param batch tracks @param length points each @return floats the input tensor needs */
    public int inputSize(int batch, int length) {
        return batch * length * dimension;
    }

    /** @param batch tracks @param length points each @return floats the output tensor needs */
    public static int outputSize(int batch, int length) {
        return batch * length * DiffusionState.COUNT;
    }

    /**
     * Writes the input tensor of a batch.
     *
     * @param batch tracks of equal length and of this translator's dimension
     * @param out receives {@code batch.size() × length × dim} floats; at least that long
     */
    public void encode(List<Trajectory> batch, float[] out) {
        int n = batch.get(0).size();
        int p = 0;
        for (Trajectory t : batch) {
            if (t.size() != n) {
                throw new IllegalArgumentException("track '" + t.id() + "' has " + t.size()
                        + " points; the batch needs " + n);
            }
            for (int i = 0; i < n; i++) {
                for (int a = 0; a < dimension; a++) {
                    out[p++] = (float) (t.coordinate(i, a) - t.coordinate(0, a));
                }
            }
        }
    }

    /**
     * Reads the segmentation of track {@code k} of a batch from the output tensor.
     *
     * @param t the track (its id and frames label the rows)
     * @param k its index in the batch
     * @param probabilities the output tensor {@code [batch, length, 4]}
     * @return the segmentation (states by argmax of the renormalised probabilities)
     * @throws IllegalStateException when a row is not finite or does not sum to a positive value
     */
    public Segmentation decode(Trajectory t, int k, float[] probabilities) {
        int n = t.size();
        int c = DiffusionState.COUNT;
        int base = k * n * c;
        double[] row = new double[c * n];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int s = 0; s < c; s++) {
                sum += probabilities[base + c * i + s];
            }
            if (!(sum > 0) || Double.isInfinite(sum)) {
                throw new IllegalStateException("probabilities of track '" + t.id() + "' at frame "
                        + t.frame(i) + " are not finite or do not sum to a positive value (sum " + sum + ")");
            }
            for (int s = 0; s < c; s++) {
                row[c * i + s] = probabilities[base + c * i + s] / sum;
            }
        }
        return Segmentation.ofFlat(t.id(), t.frames(), row);
    }
}
