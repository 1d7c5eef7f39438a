package org.deepspt.spark;

import org.deepspt.api.DeepSptException;

/**
 * The one message of an error that stops the job. Spark wraps what failed (a task's exception inside
 * "Job aborted due to stage failure: … Lost task …" with the executor's stack trace in the text, a write inside
 * "Job aborted"); the user needs what failed, so the message is that of the first {@link DeepSptException} in
 * the cause chain (an input, model or engine error, already naming the row, column or file), else that of the
 * innermost cause of a Spark exception, else the exception's own, first line only. Names no Spark type, so
 * that {@link AnalyzeJob} works without Spark.
 */
final class SparkErrors {
    private SparkErrors() {
    }

    /**
     * @param e what stopped the job
     * @return its message for the one error line (may span lines; the caller joins them)
     */
    static String message(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DeepSptException) {
                return text(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        Throwable root = e;
        if (e.getClass().getName().startsWith("org.apache.spark.")) {
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
        }
        String msg = text(root);
        String header = csvHeader(msg);
        if (header != null) {
            return header;
        }
        int nl = msg.indexOf('\n');
        return nl < 0 ? msg : msg.substring(0, nl);
    }

    /**
     * Spark's CSV header check ({@code enforceSchema false}) puts the file and what differs on the lines after its
     * first; the error line needs them: {@code FILE: CSV header differs from the first file's: column 2 is 'xx', the
     * first file has 'x' (header: particle, frame, xx, y; first file: particle, frame, x, y)}.
     *
     * @return that line, or null when {@code msg} is not such a check's
     */
    static String csvHeader(String msg) {
        boolean order = msg.startsWith("CSV header does not conform to the schema");
        boolean count = msg.startsWith("Number of column in CSV header is not equal");
        if (!order && !count) {
            return null;
        }
        String file = null;
        String header = null;
        String schema = null;
        String expected = null;
        String found = null;
        String lengths = null;
        for (String line : msg.split("\\R")) {
            String l = line.strip();
            if (l.startsWith("CSV file:")) {
                file = DeepSptSpark.localPath(l.substring("CSV file:".length()).strip());
            } else if (l.startsWith("Header:")) {
                header = l.substring("Header:".length()).strip();
            } else if (l.startsWith("Schema:")) {
                schema = l.substring("Schema:".length()).strip();
            } else if (l.startsWith("Expected:") && l.contains(" but found:")) {
                int b = l.indexOf(" but found:");
                expected = l.substring("Expected:".length(), b).strip();
                found = l.substring(b + " but found:".length()).strip();
            } else if (l.startsWith("Header length:")) {
                lengths = l;
            }
        }
        StringBuilder sb = new StringBuilder(file == null ? "a CSV file" : file).append(": CSV header differs from "
                + "the first file's (several CSV files must have the same columns): ");
        if (order) {
            sb.append("found '").append(found).append("' where the first file has '").append(expected).append('\'');
            if (header != null && schema != null) {
                sb.append(" (header: ").append(header).append("; first file: ").append(schema).append(')');
            }
        } else {
            // "Header length: 5, schema size: 4"
            String[] n = lengths == null ? new String[0] : lengths.replaceAll("[^0-9,]", "").split(",");
            sb.append(n.length == 2 ? n[0] + " columns where the first file has " + n[1] : "another number of columns");
        }
        return sb.toString();
    }

    private static String text(Throwable t) {
        String m = t.getMessage();
        if (m == null || m.isBlank()) {
            return t.getClass().getSimpleName();
        }
        return t instanceof DeepSptException || t instanceof IllegalArgumentException
                || t instanceof IllegalStateException || t instanceof java.io.UncheckedIOException
                || t.getClass().getName().startsWith("org.apache.spark.") ? m : t.getClass().getSimpleName() + ": " + m;
    }
}
