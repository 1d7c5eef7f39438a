package org.deepspt.classify;

/**
 * A single linear layer + softmax: p<sub>c</sub>(z) = exp(w<sub>c</sub>·z + b<sub>c</sub>) /
 * Σ<sub>c'</sub> exp(w<sub>c'</sub>·z + b<sub>c'</sub>), on standardised features z.
 *
 * @param weights k × p weights (row c = class c)
 * @param intercepts k intercepts
 */
record SoftmaxModel(double[][] weights, double[] intercepts) implements ScoringModel {

    SoftmaxModel {
        if (weights.length != intercepts.length || weights.length < 1) {
            throw new IllegalArgumentException(weights.length + " weight rows but " + intercepts.length
                    + " intercepts");
        }
        int p = weights[0].length;
        double[][] w = new double[weights.length][];
        for (int c = 0; c < weights.length; c++) {
            if (weights[c].length != p) {
                throw new IllegalArgumentException("weight rows of different lengths");
            }
            w[c] = weights[c].clone();
        }
        weights = w;
        intercepts = intercepts.clone();
    }

    @Override
    public void probabilities(double[] z, double[] out) {
        int k = intercepts.length;
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            double[] w = weights[c];
            double s = intercepts[c];
            for (int j = 0; j < w.length; j++) {
                s += w[j] * z[j];
            }
            out[c] = s;
            max = Math.max(max, s);
        }
        softmaxInPlace(out, k, max);
    }

    static void softmaxInPlace(double[] a, int k, double max) {
        double sum = 0;
        for (int c = 0; c < k; c++) {
            a[c] = Math.exp(a[c] - max);
            sum += a[c];
        }
        for (int c = 0; c < k; c++) {
            a[c] /= sum;
        }
    }

    /** @return number of features */
    int features() {
        return weights[0].length;
    }

    @Override
    public double[][] weights() {
        double[][] w = new double[weights.length][];
        for (int c = 0; c < w.length; c++) {
            w[c] = weights[c].clone();
        }
        return w;
    }

    @Override
    public double[] intercepts() {
        return intercepts.clone();
    }

    @Override
    public ClassifierMethod method() {
        return ClassifierMethod.LOGISTIC;
    }
}
