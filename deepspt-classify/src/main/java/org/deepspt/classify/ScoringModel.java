package org.deepspt.classify;

/** Maps a standardised feature vector to class probabilities; implementations are immutable. */
sealed interface ScoringModel permits SoftmaxModel, ForestModel {

    /**
     * @param z standardised features (NaN-free)
     * @param out receives k probabilities summing to 1, in label order
     */
    void probabilities(double[] z, double[] out);

    /** @return the method that produced the model */
    ClassifierMethod method();
}
