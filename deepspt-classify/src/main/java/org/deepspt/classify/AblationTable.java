package org.deepspt.classify;

import java.util.List;
import java.util.Locale;

/**
 * Cross-validation results per feature subset ({@link CrossValidation#ablation}).
 *
 * @param rows one per subset, in the order run (unmodifiable)
 */
public record AblationTable(List<Row> rows) {

    /**
     * @param set the feature subset
     * @param report its cross-validation
     */
    public record Row(FeatureSets set, CrossValidationReport report) {
    }

    /** Freezes the rows. */
    public AblationTable {
        rows = List.copyOf(rows);
    }

    /**
     * @param set a subset
     * @return its report
     * @throws IllegalArgumentException when the subset was not run
     */
    public CrossValidationReport report(FeatureSets set) {
        for (Row r : rows) {
            if (r.set() == set) {
                return r.report();
            }
        }
        throw new IllegalArgumentException("feature set " + set.id() + " not in this ablation");
    }

    /** @return a fixed-width table: features, count, accuracy, macro-F1, coverage, per-class recall */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        if (rows.isEmpty()) {
            return "";
        }
        List<String> labels = rows.get(0).report().labels();
        sb.append(String.format(Locale.ROOT, "%-10s %-14s %8s %9s %9s %9s", "features", "method", "n_feat",
                "accuracy", "macro-F1", "coverage"));
        for (String l : labels) {
            sb.append(String.format(Locale.ROOT, " %12s", "recall_" + l));
        }
        sb.append(System.lineSeparator());
        for (Row r : rows) {
            CrossValidationReport c = r.report();
            sb.append(String.format(Locale.ROOT, "%-10s %-14s %8d %9.3f %9.3f %9.3f", r.set().id(), c.method().id(),
                    c.features().size(), c.accuracy(), c.macroF1(), c.coverage()));
            for (String l : labels) {
                sb.append(String.format(Locale.ROOT, " %12.3f", c.recall(l)));
            }
            sb.append(System.lineSeparator());
        }
        return sb.toString();
    }
}
