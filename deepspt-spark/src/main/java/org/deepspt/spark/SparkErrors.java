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
        int nl = msg.indexOf('\n');
        return nl < 0 ? msg : msg.substring(0, nl);
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
