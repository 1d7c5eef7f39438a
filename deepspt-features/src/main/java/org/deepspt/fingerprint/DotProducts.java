package org.deepspt.fingerprint;

/**
 * Directional-persistence family: the dot products DP<sub>j</sub> = Δ<sub>j</sub>·Δ<sub>j+1</sub> of
 * consecutive step vectors (µm²) and the features {@code mean_dot_product},
 * {@code fraction_equal_sign_dot_products} and {@code fraction_positive_dot_products} (definitions on
 * {@link DiffusionalFingerprint}). Stateless.
 */
final class DotProducts {
    private DotProducts() {
    }

    /**
     * Writes the dot-product features of points {@code from..from+n−1}.
     *
     * @param axes per-axis coordinates, µm
     * @param from first point
     * @param n number of points, ≥ 2
     * @param out destination, indexed by {@link FingerprintFeature#ordinal()} + {@code o}
     * @param o offset
     */
    static void write(double[][] axes, int from, int n, double[] out, int o) {
        int m = n - 1;
        int dim = axes.length;
        double sumDp = 0;
        int posDp = 0;
        int equalSign = 0;
        double prevSign = 0;
        for (int j = 0; j + 1 < m; j++) {
            double dp = 0;
            for (int a = 0; a < dim; a++) {
                double[] c = axes[a];
                int i = from + j;
                dp += (c[i + 1] - c[i]) * (c[i + 2] - c[i + 1]);
            }
            sumDp += dp;
            if (dp > 0) {
                posDp++;
            }
            double sign = Math.signum(dp);
            if (j > 0 && sign == prevSign) {
                equalSign++;
            }
            prevSign = sign;
        }
        out[o + FingerprintFeature.MEAN_DOT_PRODUCT.ordinal()] = m >= 2 ? sumDp / (m - 1) : Double.NaN;
        out[o + FingerprintFeature.FRACTION_EQUAL_SIGN_DOT_PRODUCTS.ordinal()] = m >= 3
                ? (double) equalSign / (m - 2) : Double.NaN;
        out[o + FingerprintFeature.FRACTION_POSITIVE_DOT_PRODUCTS.ordinal()] = m >= 2
                ? (double) posDp / (m - 1) : Double.NaN;
    }
}
