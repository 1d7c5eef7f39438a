package org.deepspt.classify;

import java.util.Objects;
import org.deepspt.api.DeepSptException;

/**
 * Fingerprints that a classifier cannot classify meaningfully because they differ from its training fingerprints in
 * a part that changes what every feature means (the tracks' dimension; see {@link ContextCheck}). The message names
 * the classifier, the input and both values.
 */
public final class ContextMismatchException extends DeepSptException {
    private static final long serialVersionUID = 1L;

    private final transient ContextCheck.Difference difference;

    /**
     * @param classifier the classifier, for the message (e.g. its file)
     * @param input the fingerprints' source, for the message (e.g. their file)
     * @param difference the part that differs
     */
    public ContextMismatchException(String classifier, String input, ContextCheck.Difference difference) {
        super("classifier " + classifier + " was trained on fingerprints of " + difference.model() + " tracks but "
                + input + " has " + difference.input() + " tracks: its " + difference.part().words()
                + " changes what every feature means, so no answer would mean anything; train a classifier on "
                + difference.input() + " tracks");
        this.difference = Objects.requireNonNull(difference, "difference");
    }

    /** @return the part that differs, with the classifier's and the input's values */
    public ContextCheck.Difference difference() {
        return difference;
    }
}
