package org.deepspt.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
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
 * that the model file or the input does not record are named once in one {@code warning:} line.
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
        ContextCheck check = ContextCheck.of(classifier.context(), input)
                .requireSameDimension(classifierName, inputName);
        List<ContextCheck.Difference> diff = check.differences();
        if (!diff.isEmpty()) {
            List<String> parts = new ArrayList<>();
            diff.forEach(d -> parts.add(d.describe()));
            err.println("warning: the fingerprints of " + Main.shown(inputName) + " differ from those classifier "
                    + Main.shown(classifierName) + " was trained on: " + String.join(", ", parts) + "; D-like "
                    + "features scale with the frame interval and length unit, segmentation features change with "
                    + "the segmenter and its post-processing: the labels may be wrong"
                    + (fromTracks ? " (match them with --frame-interval, --pixel-size, --model and the "
                            + "post-processing options)" : ""));
        }
        List<String> unknown = new ArrayList<>();
        if (!check.unknownInModel().isEmpty()) {
            unknown.add(ContextCheck.words(check.unknownInModel()) + " of the training fingerprints: model file "
                    + Main.shown(classifierName) + " does not record " + (check.unknownInModel().size() == 1 ? "it"
                    : "them") + " (written by an older version; retrain to record them)");
        }
        if (!check.unknownInInput().isEmpty()) {
            unknown.add(ContextCheck.words(check.unknownInInput()) + " of " + Main.shown(inputName) + ": it does "
                    + "not record " + (check.unknownInInput().size() == 1 ? "it" : "them") + " (a fingerprint CSV "
                    + "written by an older version or another tool; make it with fingerprint to record them)");
        }
        if (!unknown.isEmpty()) {
            err.println("warning: cannot check the " + String.join("; nor the ", unknown));
        }
    }
}
