package org.deepspt.cli;

import java.io.PrintWriter;
import org.deepspt.classify.ContextCheck;
import org.deepspt.classify.ContextMismatchException;
import org.deepspt.classify.TrackClassifier;
import org.deepspt.fingerprint.FingerprintContext;

/**
 * How {@code classify} and {@code analyze} check the fingerprints they classify against what the classifier was
 * trained on ({@link ContextCheck}), written once: a different dimension is an error (exit 1: a 2D classifier's
 * answers on 3D tracks mean nothing); a different frame interval, length unit, segmenter, post-processing or
 * fingerprint version is one {@code warning:} line naming the input's and the classifier's values (the answers may
 * be wrong, not certainly so: a classifier on shape features alone does not care about the frame interval); parts
 * that the model file or the input does not record are named once in one {@code warning:} line. The lines are
 * {@link ContextCheck#warnings}, which the Fiji plugin shows too; this class adds the CLI's hint and prefix.
 */
final class ClassifierChecks {

    private ClassifierChecks() {
    }

    /**
     * @param err the command's stderr
     * @param classifierName the classifier as shown (its file)
     * @param classifier the classifier
     * @param input the context of the fingerprints to classify
     * @param inputName the input as shown
     * @param fromTracks whether the fingerprints are computed from track files (the hint names the options then)
     * @throws ContextMismatchException when the dimensions differ
     */
    static void check(PrintWriter err, String classifierName, TrackClassifier classifier, FingerprintContext input,
            String inputName, boolean fromTracks) {
        ContextCheck.of(classifier.context(), input).requireSameDimension(classifierName, inputName)
                .warnings(Main.shown(classifierName), Main.shown(inputName), fromTracks ? " (match them with "
                        + "--frame-interval, --pixel-size, --model and the post-processing options)" : "")
                .forEach(w -> err.println("warning: " + w));
    }
}
