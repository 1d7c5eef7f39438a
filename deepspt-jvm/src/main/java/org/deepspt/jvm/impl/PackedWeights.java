package org.deepspt.jvm.impl;

/**
 * Conv1d weights re-ordered at load time for a kernel: blocks of {@link #block()} output channels,
 * layout {@code [cout / block][cin][kernel][block]} (zero rows pad {@code cout} up to a multiple of the
 * block). Immutable.
 */
public final class PackedWeights {
    private final float[] data;
    private final int cout;
    private final int coutPadded;
    private final int cin;
    private final int kernel;
    private final int block;

    private PackedWeights(float[] data, int cout, int coutPadded, int cin, int kernel, int block) {
        this.data = data;
        this.cout = cout;
        this.coutPadded = coutPadded;
        this.cin = cin;
        this.kernel = kernel;
        this.block = block;
    }

    /**
     * @param w ONNX weights {@code [cout][cin][kernel]}, row-major
     * @param cout output channels
     * @param cin input channels
     * @param kernel kernel width (taps)
     * @param block output channels per block, ≥ 1
     * @return the packed weights
     */
    public static PackedWeights pack(float[] w, int cout, int cin, int kernel, int block) {
        int padded = (cout + block - 1) / block * block;
        LoadBudget.charge((long) padded * cin * kernel, Float.BYTES);
        float[] d = new float[padded * cin * kernel];
        for (int co = 0; co < cout; co++) {
            int b = co / block;
            int c = co % block;
            for (int ci = 0; ci < cin; ci++) {
                for (int k = 0; k < kernel; k++) {
                    d[((b * cin + ci) * kernel + k) * block + c] = w[(co * cin + ci) * kernel + k];
                }
            }
        }
        return new PackedWeights(d, cout, padded, cin, kernel, block);
    }

    /** @return packed data; do not modify */
    public float[] data() {
        return data;
    }

    /** @return output channels */
    public int cout() {
        return cout;
    }

    /** @return output channels rounded up to a multiple of the block */
    public int coutPadded() {
        return coutPadded;
    }

    /** @return input channels */
    public int cin() {
        return cin;
    }

    /** @return kernel taps */
    public int kernel() {
        return kernel;
    }

    /** @return output channels per block */
    public int block() {
        return block;
    }
}
