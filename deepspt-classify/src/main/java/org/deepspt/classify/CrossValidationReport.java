package org.deepspt.classify;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deepspt.api.Prediction;
import org.deepspt.eval.ConfusionMatrix;

/**
 * Out-of-fold results of a {@link CrossValidation}.
 *
 * <p>Answered predictions go into the confusion matrix; abstentions ({@link Prediction#UNCERTAIN}) are
 * counted per true class, separately. So {@link #accuracy()}, {@link #macroF1()} and {@link #recall} are
 * over answered tracks only; {@link #coverage()} is the answered fraction and
 * {@link #accuracyWithAbstentionsAsErrors()} counts every abstention as wrong.
 *
 * <p>Immutable.
 */
public final class CrossValidationReport {
    private final ClassifierMethod method;
    private final List<String> features;
    private final int folds;
    private final long seed;
    private final List<String> labels;
    private final ConfusionMatrix matrix;
    private final long[] abstained;
    private final List<Prediction> predictions;

    private CrossValidationReport(ClassifierMethod method, List<String> features, int folds, long seed,
            List<String> labels, ConfusionMatrix matrix, long[] abstained, List<Prediction> predictions) {
        this.method = method;
        this.features = List.copyOf(features);
        this.folds = folds;
        this.seed = seed;
        this.labels = List.copyOf(labels);
        this.matrix = matrix;
        this.abstained = abstained;
        this.predictions = List.copyOf(predictions);
    }

    static CrossValidationReport of(ClassifierMethod method, List<String> features, int folds, long seed,
            List<String> classes, List<String> truth, List<Prediction> predictions) {
        ConfusionMatrix m = ConfusionMatrix.of(classes);
        long[] abst = new long[classes.size()];
        for (int i = 0; i < truth.size(); i++) {
            int t = classes.indexOf(truth.get(i));
            Prediction p = predictions.get(i);
            if (p.isUncertain()) {
                abst[t]++;
            } else {
                m.add(t, classes.indexOf(p.label()));
            }
        }
        return new CrossValidationReport(method, features, folds, seed, classes, m, abst, predictions);
    }

    /** @return the method assessed */
    public ClassifierMethod method() {
        return method;
    }

    /** @return the features used */
    public List<String> features() {
        return features;
    }

    /** @return number of folds */
    public int folds() {
        return folds;
    }

    /** @return fold seed */
    public long seed() {
        return seed;
    }

    /** @return class labels, in matrix order */
    public List<String> labels() {
        return labels;
    }

    /** @return the confusion matrix of answered predictions (a copy) */
    public ConfusionMatrix confusionMatrix() {
        return matrix.copy();
    }

    /** @return out-of-fold prediction of every sample, in input order */
    public List<Prediction> predictions() {
        return predictions;
    }

    /** @return number of samples */
    public int total() {
        return predictions.size();
    }

    /** @return number of abstentions */
    public long abstentions() {
        long s = 0;
        for (long a : abstained) {
            s += a;
        }
        return s;
    }

    /**
     * @param label a class
     * @return abstentions among samples of that class
     */
    public long abstentions(String label) {
        return abstained[index(label)];
    }

    /** @return answered fraction, 1 − abstentions/total */
    public double coverage() {
        return total() == 0 ? Double.NaN : 1 - abstentions() / (double) total();
    }

    /** @return accuracy over answered samples (NaN when none) */
    public double accuracy() {
        return matrix.accuracy();
    }

    /** @return correct answers / all samples (abstentions count as errors) */
    public double accuracyWithAbstentionsAsErrors() {
        long diag = 0;
        for (int c = 0; c < labels.size(); c++) {
            diag += matrix.count(c, c);
        }
        return total() == 0 ? Double.NaN : diag / (double) total();
    }

    /** @return macro-averaged F1 over answered samples (see {@link ConfusionMatrix#macroF1()}) */
    public double macroF1() {
        return matrix.macroF1();
    }

    /**
     * @param label a class
     * @return recall of that class over its answered samples
     */
    public double recall(String label) {
        return matrix.recall(index(label));
    }

    /** @return label → recall, in label order */
    public Map<String, Double> perClassRecall() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int c = 0; c < labels.size(); c++) {
            m.put(labels.get(c), matrix.recall(c));
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    /**
     * @return the headline numbers for model provenance: {@code cv_folds}, {@code cv_accuracy},
     *     {@code cv_macro_f1}, {@code cv_coverage}, {@code cv_recall_<label>}
     */
    public Map<String, Double> metrics() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("cv_folds", (double) folds);
        m.put("cv_accuracy", accuracy());
        m.put("cv_macro_f1", macroF1());
        m.put("cv_coverage", coverage());
        for (Map.Entry<String, Double> e : perClassRecall().entrySet()) {
            m.put("cv_recall_" + e.getKey(), e.getValue());
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    /** @return a readable report: headline, confusion matrix (counts and recall/precision/F1), abstentions */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%d-fold stratified CV, %s on %d features, %d tracks%n", folds,
                method.id(), features.size(), total()));
        sb.append(String.format(Locale.ROOT, "accuracy %.3f, macro-F1 %.3f (answered %d of %d, coverage %.3f; "
                + "accuracy with abstentions as errors %.3f)%n", accuracy(), macroF1(), total() - abstentions(),
                total(), coverage(), accuracyWithAbstentionsAsErrors()));
        sb.append(matrix.toTable(false));
        sb.append("abstentions:");
        for (int c = 0; c < labels.size(); c++) {
            sb.append(' ').append(labels.get(c)).append('=').append(abstained[c]);
        }
        return sb.append(System.lineSeparator()).toString();
    }

    private int index(String label) {
        int i = labels.indexOf(label);
        if (i < 0) {
            throw new IllegalArgumentException("unknown class '" + label + "'; classes are " + labels);
        }
        return i;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "CrossValidationReport[%s, %d folds, accuracy %.3f, macro-F1 %.3f]",
                method.id(), folds, accuracy(), macroF1());
    }
}
