package org.deepspt.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.deepspt.api.Messages;
import org.deepspt.fingerprint.FingerprintContext;

/**
 * A classifier's training context ({@link TrackClassifier#context()}) compared with the context of the fingerprints
 * to classify: which parts differ, and which cannot be compared because one side does not record them.
 *
 * <p>What a difference means: a different dimension makes every answer meaningless (the features of a 3D track are
 * not those of a 2D one, and the segmentation model differs), so callers refuse it ({@link #dimension()}; the CLI
 * exits with an error). A different frame interval or length unit rescales the D-like features (µm²/s, µm, s), a
 * different segmenter or post-processing changes the segmentation features, a different definition version changes
 * the features whose definition changed: the answers may be wrong but need not be, so callers warn
 * ({@link #differences()}). Frame intervals differ when the input has an interval (relative tolerance 1e-6) that no
 * training track had. Immutable.
 */
public final class ContextCheck {

    /** A part of a {@link FingerprintContext}. */
    public enum Part {
        /** {@link FingerprintContext#dimension()}. */
        DIMENSION("dimension"),
        /** {@link FingerprintContext#frameIntervalsSeconds()}. */
        FRAME_INTERVAL("frame interval"),
        /** {@link FingerprintContext#lengthUnit()}. */
        LENGTH_UNIT("length unit"),
        /** {@link FingerprintContext#segmenter()}. */
        SEGMENTER("segmenter"),
        /** {@link FingerprintContext#postProcessing()}. */
        POST_PROCESSING("post-processing"),
        /** {@link FingerprintContext#definitionVersion()}. */
        DEFINITION_VERSION("fingerprint version");

        private final String words;

        Part(String words) {
            this.words = words;
        }

        /** @return the part in words, e.g. {@code frame interval} */
        public String words() {
            return words;
        }
    }

    /**
     * One part that differs.
     *
     * @param part the part
     * @param model its value in the classifier's training context, for messages (e.g. {@code 1 s}, {@code 2D})
     * @param input its value in the input's context
     */
    public record Difference(Part part, String model, String input) {
        /** Checks for null. */
        public Difference {
            Objects.requireNonNull(part, "part");
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(input, "input");
        }

        /** @return e.g. {@code frame interval 0.01 s (classifier: 1 s)} */
        public String describe() {
            return part.words() + " " + input + " (classifier: " + model + ")";
        }
    }

    private final List<Difference> differences;
    private final List<Part> unknownInModel;
    private final List<Part> unknownInInput;

    private ContextCheck(List<Difference> differences, List<Part> unknownInModel, List<Part> unknownInInput) {
        this.differences = List.copyOf(differences);
        this.unknownInModel = List.copyOf(unknownInModel);
        this.unknownInInput = List.copyOf(unknownInInput);
    }

    /**
     * @param model the classifier's training context
     * @param input the context of the fingerprints to classify
     * @return the comparison
     */
    public static ContextCheck of(FingerprintContext model, FingerprintContext input) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(input, "input");
        List<Difference> diff = new ArrayList<>();
        List<Part> noModel = new ArrayList<>();
        List<Part> noInput = new ArrayList<>();
        compare(Part.DIMENSION, model, input, c -> c.dimension().isPresent() ? Optional.of(c.dimension().getAsInt()
                + "D") : Optional.empty(), diff, noModel, noInput);
        List<Double> mi = model.frameIntervalsSeconds();
        List<Double> ii = input.frameIntervalsSeconds();
        if (mi.isEmpty() || ii.isEmpty()) {
            // both sides may lack it (a version-1 model and an old table): each says so
            if (mi.isEmpty()) {
                noModel.add(Part.FRAME_INTERVAL);
            }
            if (ii.isEmpty()) {
                noInput.add(Part.FRAME_INTERVAL);
            }
        } else {
            List<Double> unseen = ii.stream()
                    .filter(dt -> mi.stream().noneMatch(m -> FingerprintContext.sameInterval(m, dt))).toList();
            if (!unseen.isEmpty()) {
                diff.add(new Difference(Part.FRAME_INTERVAL, FingerprintContext.describeIntervals(mi),
                        FingerprintContext.describeIntervals(unseen)));
            }
        }
        compare(Part.LENGTH_UNIT, model, input, FingerprintContext::lengthUnit, diff, noModel, noInput);
        compare(Part.SEGMENTER, model, input, c -> c.segmenter().map(Messages::quote), diff, noModel, noInput);
        compare(Part.POST_PROCESSING, model, input, FingerprintContext::postProcessing, diff, noModel, noInput);
        compare(Part.DEFINITION_VERSION, model, input, c -> c.definitionVersion().isPresent()
                ? Optional.of(Integer.toString(c.definitionVersion().getAsInt())) : Optional.empty(), diff, noModel,
                noInput);
        return new ContextCheck(diff, noModel, noInput);
    }

    private static void compare(Part part, FingerprintContext model, FingerprintContext input,
            Function<FingerprintContext, Optional<String>> value, List<Difference> diff, List<Part> noModel,
            List<Part> noInput) {
        Optional<String> m = value.apply(model);
        Optional<String> i = value.apply(input);
        if (m.isEmpty()) {
            noModel.add(part);
        }
        if (i.isEmpty()) {
            noInput.add(part);
        }
        if (m.isPresent() && i.isPresent() && !m.get().equals(i.get())) {
            diff.add(new Difference(part, m.get(), i.get()));
        }
    }

    /** @return the dimension when it differs: every answer would be meaningless; empty when it agrees or is unknown */
    public Optional<Difference> dimension() {
        return differences.stream().filter(d -> d.part() == Part.DIMENSION).findFirst();
    }

    /**
     * @param classifier the classifier, for the message (e.g. its file)
     * @param input the fingerprints' source, for the message
     * @return this check, when the dimensions agree or one is unknown
     * @throws ContextMismatchException when the dimensions differ
     */
    public ContextCheck requireSameDimension(String classifier, String input) {
        Optional<Difference> d = dimension();
        if (d.isPresent()) {
            throw new ContextMismatchException(classifier, input, d.get());
        }
        return this;
    }

    /** @return every part that differs, in {@link Part} order (unmodifiable) */
    public List<Difference> differences() {
        return differences;
    }

    /** @return the parts the classifier does not record (a model file written before they were), in order */
    public List<Part> unknownInModel() {
        return unknownInModel;
    }

    /** @return the parts the input does not record (e.g. a fingerprint CSV written before they were), in order */
    public List<Part> unknownInInput() {
        return unknownInInput;
    }

    /**
     * The warnings a caller shows for this check, written once for the CLI ({@code classify}, {@code analyze}) and
     * the Fiji plugin: at most one line on the parts that differ (naming the input's and the classifier's values; the
     * answers may be wrong, not certainly so: a classifier on shape features alone does not care about the frame
     * interval), then at most one on the parts that one side does not record. The dimension is not among them:
     * callers refuse it first ({@link #requireSameDimension}).
     *
     * @param classifier the classifier as shown (e.g. its file, escaped for display)
     * @param input the input as shown
     * @param hint appended to the line on differences, e.g. {@code  (match them with --frame-interval …)}; may be
     *     empty
     * @return zero, one or two lines, without a {@code warning:} prefix (unmodifiable)
     */
    public List<String> warnings(String classifier, String input, String hint) {
        Objects.requireNonNull(classifier, "classifier");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(hint, "hint");
        List<String> lines = new ArrayList<>();
        if (!differences.isEmpty()) {
            List<String> parts = new ArrayList<>();
            differences.forEach(d -> parts.add(d.describe()));
            lines.add("the fingerprints of " + input + " differ from those classifier " + classifier
                    + " was trained on: " + String.join(", ", parts) + "; D-like features scale with the frame "
                    + "interval and length unit, segmentation features change with the segmenter and its "
                    + "post-processing: the labels may be wrong" + hint);
        }
        List<String> unknown = new ArrayList<>();
        if (!unknownInModel.isEmpty()) {
            unknown.add(words(unknownInModel) + " of the training fingerprints: model file " + classifier
                    + " does not record " + (unknownInModel.size() == 1 ? "it" : "them") + " (written by an older "
                    + "version; retrain to record them)");
        }
        if (!unknownInInput.isEmpty()) {
            unknown.add(words(unknownInInput) + " of " + input + ": it does not record "
                    + (unknownInInput.size() == 1 ? "it" : "them") + " (a fingerprint CSV written by an older "
                    + "version or another tool; make it with fingerprint to record them)");
        }
        if (!unknown.isEmpty()) {
            lines.add("cannot check the " + String.join("; nor the ", unknown));
        }
        return List.copyOf(lines);
    }

    /** @param parts parts @return them in words, e.g. {@code dimension, frame interval and segmenter} */
    public static String words(List<Part> parts) {
        List<String> w = parts.stream().map(Part::words).toList();
        if (w.size() <= 1) {
            return String.join("", w);
        }
        return String.join(", ", w.subList(0, w.size() - 1)) + " and " + w.get(w.size() - 1);
    }

    @Override
    public String toString() {
        return "ContextCheck[differences " + differences + ", unknown in model " + unknownInModel
                + ", unknown in input " + unknownInInput + "]";
    }
}
