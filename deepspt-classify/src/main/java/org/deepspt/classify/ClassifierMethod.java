package org.deepspt.classify;

import java.util.Locale;

/** The learning algorithms a {@link ClassifierTrainer} offers. */
public enum ClassifierMethod {
    /**
     * Multinomial logistic regression (one linear layer + softmax) with L2 penalty, fitted by full-batch
     * L-BFGS: the classifier of the paper.
     */
    LOGISTIC("logistic"),
    /** A random forest of CART trees (Tribuo {@code RandomForestTrainer}), probabilities averaged over trees. */
    RANDOM_FOREST("random-forest");

    private final String id;

    ClassifierMethod(String id) {
        this.id = id;
    }

    /** @return the stable identifier written to model files: {@code logistic} or {@code random-forest} */
    public String id() {
        return id;
    }

    /**
     * @param id {@code logistic}, {@code random-forest}, or the aliases {@code trees}, {@code forest},
     *     {@code rf} (case-insensitive)
     * @return the method
     * @throws IllegalArgumentException naming the accepted values
     */
    public static ClassifierMethod parse(String id) {
        switch (id.trim().toLowerCase(Locale.ROOT)) {
            case "logistic", "logistic-regression", "lr":
                return LOGISTIC;
            case "random-forest", "trees", "forest", "rf":
                return RANDOM_FOREST;
            default:
                throw new IllegalArgumentException("unknown classifier method '" + id
                        + "'; expected logistic or random-forest (alias trees)");
        }
    }
}
