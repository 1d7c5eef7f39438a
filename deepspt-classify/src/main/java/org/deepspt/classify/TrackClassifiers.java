package org.deepspt.classify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.deepspt.api.Classifier;
import org.deepspt.api.DeepSptException;
import org.deepspt.api.InputFormatException;
import org.deepspt.fingerprint.FingerprintContext;
import org.deepspt.fingerprint.FingerprintFeature;
import org.deepspt.io.ReadFailures;

/**
 * Saves and loads {@link TrackClassifier}s as versioned JSON model files.
 *
 * <p>Format ({@value #FORMAT}, version {@value #VERSION}), UTF-8 JSON object:
 * <pre>
 * {
 *   "format": "deepspt-classifier", "version": 2,
 *   "written_by": "deepspt 0.1.0",          // the library that wrote the file
 *   "fingerprints": {                        // what the training fingerprints were computed with; null: unknown
 *     "definition_version": 2,               // FingerprintFeature.DEFINITION_VERSION
 *     "dimension": 2,                        // of the training tracks
 *     "frame_interval_s": [0.03],            // every frame interval of the training tracks, s ([]: unknown)
 *     "length_unit": "µm",                   // or "px" (uncalibrated tracks)
 *     "segmenter": "unet",                   // of the segmentation features
 *     "post_processing": "smooth=9.0;refine=on;d-changes=on;min-segment=1"
 *   },
 *   "method": "logistic" | "random-forest",
 *   "features": ["alpha", ...],              // fingerprint feature names, model order
 *   "labels": ["A", "B", ...],               // class labels, probability order
 *   "abstention_threshold": 0.0,
 *   "missing_values": "standardised to 0 (training mean)",
 *   "scaler": {"mean": [...], "sd": [...]},  // one per feature, sd &gt; 0
 *   "model": {"weights": [[...] per label], "intercepts": [...]}                       // logistic
 *          | {"encoding": "tribuo-protobuf-base64", "tribuo_version": "4.3.2", "data": "..."} // forest
 *   "provenance": {"method", "data_sha256", "seed", "trained_at", "samples", "class_counts",
 *                  "parameters", "metrics", "notes"}
 * }
 * </pre>
 * Doubles are written with Java's shortest round-trip representation, so a loaded logistic model
 * predicts bit-identically. The random forest is Tribuo's own protobuf serialisation
 * ({@code Model.serialize()}, a {@code ModelProto}) in base64; only Tribuo's protobuf deserialiser reads it
 * (no Java object deserialisation). Undefined metrics (NaN) are written as {@code null}.
 *
 * <p>Version 1 files (written before the {@code fingerprints} object existed) still load: their
 * {@link TrackClassifier#context()} is unknown but for the segmenter, taken from the provenance note
 * {@code segmenter} when the model was trained on tracks.
 *
 * <p>Loading checks the format tag, the version, the method, that every feature name is a known
 * {@link FingerprintFeature} name without repeats, that the labels are distinct and none is
 * {@link org.deepspt.api.Prediction#UNCERTAIN}, and that the scaler and
 * model sizes agree with the feature and label counts; a violation is an {@link InputFormatException}
 * naming the file and the JSON field.
 */
public final class TrackClassifiers {
    /** Value of the {@code format} field. */
    public static final String FORMAT = "deepspt-classifier";
    /** The file version this library writes; it reads this one and version 1. */
    public static final int VERSION = 2;
    /** The first version, without the {@code fingerprints} context: still read. */
    static final int VERSION_1 = 1;
    static final String FOREST_ENCODING = "tribuo-protobuf-base64";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TrackClassifiers() {
    }

    /**
     * @param classifier a {@link TrackClassifier} (other implementations are not supported)
     * @param file destination (overwritten)
     * @throws IllegalArgumentException when the classifier is not a TrackClassifier or uses a feature name
     *     that is not a fingerprint feature
     * @throws DeepSptException when the file cannot be written
     */
    public static void save(Classifier classifier, Path file) {
        Objects.requireNonNull(file, "file");
        try {
            Files.writeString(file, toJson(classifier), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DeepSptException("cannot write classifier to " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param classifier a {@link TrackClassifier}
     * @return the model file's JSON text
     */
    public static String toJson(Classifier classifier) {
        if (!(classifier instanceof TrackClassifier c)) {
            throw new IllegalArgumentException("can only save a TrackClassifier, got "
                    + (classifier == null ? "null" : classifier.getClass().getName()));
        }
        Set<String> known = new HashSet<>(FingerprintFeature.allNames());
        for (String f : c.featureNames()) {
            if (!known.contains(f)) {
                throw new IllegalArgumentException("feature '" + f + "' is not a diffusional fingerprint feature; "
                        + "model files hold fingerprint features only");
            }
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("written_by", "deepspt " + org.deepspt.core.BuildInfo.version());
        FingerprintContext ctx = c.context();
        ObjectNode fp = root.putObject("fingerprints");
        putInt(fp, "definition_version", ctx.definitionVersion());
        putInt(fp, "dimension", ctx.dimension());
        doubles(fp.putArray("frame_interval_s"), ctx.frameIntervalsSeconds().stream().mapToDouble(d -> d).toArray());
        fp.put("length_unit", ctx.lengthUnit().orElse(null));
        fp.put("segmenter", ctx.segmenter().orElse(null));
        fp.put("post_processing", ctx.postProcessing().orElse(null));
        root.put("method", c.method().id());
        c.featureNames().forEach(root.putArray("features")::add);
        c.labels().forEach(root.putArray("labels")::add);
        root.put("abstention_threshold", c.abstentionThreshold());
        root.put("missing_values", "standardised to 0 (training mean)");
        ObjectNode scaler = root.putObject("scaler");
        doubles(scaler.putArray("mean"), c.standardizer().mean());
        doubles(scaler.putArray("sd"), c.standardizer().sd());
        ObjectNode model = root.putObject("model");
        if (c.model() instanceof SoftmaxModel s) {
            ArrayNode w = model.putArray("weights");
            for (double[] row : s.weights()) {
                doubles(w.addArray(), row);
            }
            doubles(model.putArray("intercepts"), s.intercepts());
        } else if (c.model() instanceof ForestModel f) {
            model.put("encoding", FOREST_ENCODING);
            model.put("tribuo_version", org.deepspt.core.BuildInfo.tribuoVersion());
            model.put("data", f.toBase64());
        }
        TrainingProvenance p = c.provenance();
        ObjectNode prov = root.putObject("provenance");
        prov.put("method", p.method());
        prov.put("data_sha256", p.dataSha256());
        prov.put("seed", p.seed());
        prov.put("trained_at", p.trainedAt());
        prov.put("samples", p.samples());
        ObjectNode counts = prov.putObject("class_counts");
        p.classCounts().forEach(counts::put);
        ObjectNode params = prov.putObject("parameters");
        p.parameters().forEach(params::put);
        ObjectNode metrics = prov.putObject("metrics");
        p.metrics().forEach((k, v) -> {
            if (Double.isFinite(v)) {
                metrics.put(k, v);
            } else {
                metrics.putNull(k);
            }
        });
        ObjectNode notes = prov.putObject("notes");
        p.notes().forEach(notes::put);
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise classifier: " + e.getMessage(), e);
        }
    }

    /**
     * @param file a model file written by {@link #save}
     * @return the classifier
     * @throws InputFormatException naming file and field when the file is not a valid model file
     */
    public static TrackClassifier load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw ReadFailures.of(file.toString(), e);
        }
        return fromJson(text, file.toString());
    }

    /**
     * @param json model file text
     * @param source name of the input for error messages
     * @return the classifier (a {@link TrackClassifier})
     * @throws InputFormatException naming source and field when the text is not a valid model file
     */
    public static TrackClassifier fromJson(String json, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InputFormatException(source, e.getLocation() == null ? 0 : e.getLocation().getLineNr(), null,
                    "not a JSON classifier file: " + e.getOriginalMessage().replaceAll("\\[Source: [^;\\]]*; ", "[")
                            .replaceAll("\\s+", " ").strip(), e);
        }
        if (root == null || !root.isObject()) {
            throw new InputFormatException(source, 0, null, "not a JSON object");
        }
        Reader r = new Reader(source);
        String format = r.text(root, "format");
        if (!FORMAT.equals(format)) {
            throw r.error("format", "expected \"" + FORMAT + "\", got \"" + format + "\"");
        }
        JsonNode v = r.required(root, "version");
        if (!v.canConvertToInt() || !v.isIntegralNumber()) {
            throw r.error("version", "expected an integer, got " + v);
        }
        if (v.intValue() != VERSION && v.intValue() != VERSION_1) {
            throw r.error("version", "unsupported version " + v.intValue() + "; this library reads versions "
                    + VERSION_1 + " to " + VERSION);
        }
        String methodId = r.text(root, "method");
        ClassifierMethod method;
        if (ClassifierMethod.LOGISTIC.id().equals(methodId)) {
            method = ClassifierMethod.LOGISTIC;
        } else if (ClassifierMethod.RANDOM_FOREST.id().equals(methodId)) {
            method = ClassifierMethod.RANDOM_FOREST;
        } else {
            throw r.error("method", "unknown method \"" + methodId + "\"; expected \"logistic\" or \"random-forest\"");
        }
        List<String> features = r.strings(root, "features");
        Set<String> known = new HashSet<>(FingerprintFeature.allNames());
        Set<String> seen = new HashSet<>();
        for (String f : features) {
            if (!known.contains(f)) {
                throw r.error("features", "unknown fingerprint feature \"" + f + "\"");
            }
            if (!seen.add(f)) {
                throw r.error("features", "feature \"" + f + "\" repeats");
            }
        }
        if (features.isEmpty()) {
            throw r.error("features", "no features");
        }
        List<String> labels = r.strings(root, "labels");
        if (labels.size() < 2 || new HashSet<>(labels).size() != labels.size()) {
            throw r.error("labels", "need at least 2 distinct labels, got " + labels);
        }
        if (labels.contains(org.deepspt.api.Prediction.UNCERTAIN)) {
            // training refuses it too: a class of that name could not be told from an abstention
            throw r.error("labels", "\"" + org.deepspt.api.Prediction.UNCERTAIN + "\" is reserved for abstentions, "
                    + "not a class label");
        }
        double threshold = r.number(root, "abstention_threshold");
        if (!(threshold >= 0 && threshold <= 1)) {
            throw r.error("abstention_threshold", "must be in [0, 1], got " + threshold);
        }
        JsonNode scalerNode = r.object(root, "scaler");
        double[] mean = r.doubles(scalerNode, "scaler.mean", "mean", features.size());
        double[] sd = r.doubles(scalerNode, "scaler.sd", "sd", features.size());
        Standardizer scaler;
        try {
            scaler = Standardizer.of(mean, sd);
        } catch (IllegalArgumentException e) {
            throw r.error("scaler", String.valueOf(e.getMessage()));
        }
        JsonNode modelNode = r.object(root, "model");
        ScoringModel model;
        if (method == ClassifierMethod.LOGISTIC) {
            JsonNode w = r.required(modelNode, "weights", "model.weights");
            if (!w.isArray() || w.size() != labels.size()) {
                throw r.error("model.weights", "expected " + labels.size() + " rows (one per label)");
            }
            double[][] weights = new double[labels.size()][];
            for (int c = 0; c < weights.length; c++) {
                weights[c] = r.doubleArray(w.get(c), "model.weights[" + c + "]", features.size());
            }
            double[] b = r.doubles(modelNode, "model.intercepts", "intercepts", labels.size());
            model = new SoftmaxModel(weights, b);
        } else {
            String enc = r.text(modelNode, "encoding", "model.encoding");
            if (!FOREST_ENCODING.equals(enc)) {
                throw r.error("model.encoding", "expected \"" + FOREST_ENCODING + "\", got \"" + enc + "\"");
            }
            String data = r.text(modelNode, "data", "model.data");
            ForestModel f;
            try {
                f = ForestModel.fromBase64(data, features, labels);
            } catch (DeepSptException e) {
                throw r.error("model.data", String.valueOf(e.getMessage()));
            }
            if (!f.tribuoLabels().equals(new java.util.TreeSet<>(labels))) {
                throw r.error("model.data", "forest labels " + f.tribuoLabels() + " differ from labels " + labels);
            }
            model = f;
        }
        TrainingProvenance prov = provenance(root.get("provenance"), method);
        FingerprintContext context = v.intValue() == VERSION_1 ? version1Context(prov) : r.context(root);
        TrackClassifier c = new TrackClassifier(features, labels, scaler, model, threshold, prov, context);
        String bad = c.probeProblem();
        if (bad != null) {
            throw r.error("model", bad + "; the file is damaged or was not written by this library");
        }
        return c;
    }

    private static TrainingProvenance provenance(JsonNode p, ClassifierMethod method) {
        if (p == null || !p.isObject()) {
            return new TrainingProvenance(method.id(), "", 0, "", 0, Map.of(), Map.of(), Map.of(), Map.of());
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        p.path("class_counts").fields().forEachRemaining(e -> counts.put(e.getKey(), e.getValue().asInt()));
        Map<String, String> params = new LinkedHashMap<>();
        p.path("parameters").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
        Map<String, Double> metrics = new LinkedHashMap<>();
        p.path("metrics").fields().forEachRemaining(e -> metrics.put(e.getKey(),
                e.getValue().isNumber() ? e.getValue().doubleValue() : Double.NaN));
        Map<String, String> notes = new LinkedHashMap<>();
        p.path("notes").fields().forEachRemaining(e -> notes.put(e.getKey(), e.getValue().asText()));
        return new TrainingProvenance(p.path("method").asText(method.id()), p.path("data_sha256").asText(""),
                p.path("seed").asLong(0), p.path("trained_at").asText(""), p.path("samples").asInt(0), counts,
                params, metrics, notes);
    }

    /**
     * A version 1 file records only the segmenter of a model trained on tracks, as a provenance note.
     *
     * @param prov its provenance
     * @return the context: unknown but for that segmenter
     */
    private static FingerprintContext version1Context(TrainingProvenance prov) {
        String segmenter = prov.notes().get("segmenter");
        return segmenter == null || segmenter.isBlank() ? FingerprintContext.UNKNOWN
                : FingerprintContext.UNKNOWN.withSegmenter(segmenter);
    }

    private static void putInt(ObjectNode o, String name, java.util.OptionalInt v) {
        if (v.isPresent()) {
            o.put(name, v.getAsInt());
        } else {
            o.putNull(name);
        }
    }

    private static void doubles(ArrayNode a, double[] v) {
        for (double d : v) {
            a.add(d);
        }
    }

    /** Field access with errors naming source and field. */
    private static final class Reader {
        private final String source;

        Reader(String source) {
            this.source = source;
        }

        InputFormatException error(String field, String problem) {
            return new InputFormatException(source, 0, field, problem);
        }

        JsonNode required(JsonNode parent, String name) {
            return required(parent, name, name);
        }

        JsonNode required(JsonNode parent, String name, String path) {
            JsonNode n = parent.get(name);
            if (n == null || n.isNull()) {
                throw error(path, "missing");
            }
            return n;
        }

        String text(JsonNode parent, String name) {
            return text(parent, name, name);
        }

        String text(JsonNode parent, String name, String path) {
            JsonNode n = required(parent, name, path);
            if (!n.isTextual()) {
                throw error(path, "expected a string, got " + n);
            }
            return n.textValue();
        }

        double number(JsonNode parent, String name) {
            JsonNode n = required(parent, name);
            if (!n.isNumber()) {
                throw error(name, "expected a number, got " + n);
            }
            return n.doubleValue();
        }

        /** @return the {@code fingerprints} object of a version 2 file */
        FingerprintContext context(JsonNode root) {
            JsonNode n = object(root, "fingerprints");
            FingerprintContext c = FingerprintContext.UNKNOWN;
            JsonNode version = n.get("definition_version");
            if (version != null && !version.isNull()) {
                if (!version.isIntegralNumber() || !version.canConvertToInt() || version.intValue() < 1) {
                    throw error("fingerprints.definition_version", "expected an integer >= 1 or null, got "
                            + version);
                }
                c = c.withDefinitionVersion(version.intValue());
            }
            JsonNode dim = n.get("dimension");
            if (dim != null && !dim.isNull()) {
                if (!dim.isIntegralNumber() || dim.intValue() < 2 || dim.intValue() > 3) {
                    throw error("fingerprints.dimension", "expected 2, 3 or null, got " + dim);
                }
                c = c.withDimension(dim.intValue());
            }
            JsonNode dt = n.get("frame_interval_s");
            if (dt != null && !dt.isNull()) {
                double[] intervals = doubleArray(dt, "fingerprints.frame_interval_s", dt.size());
                List<Double> list = new ArrayList<>();
                for (double d : intervals) {
                    if (!(d > 0)) {
                        throw error("fingerprints.frame_interval_s", "expected frame intervals > 0 s, got " + d);
                    }
                    list.add(d);
                }
                c = c.withFrameIntervals(list);
            }
            String unit = optionalText(n, "length_unit");
            if (unit != null) {
                c = c.withLengthUnit(unit);
            }
            String segmenter = optionalText(n, "segmenter");
            if (segmenter != null) {
                c = c.withSegmenter(segmenter);
            }
            String post = optionalText(n, "post_processing");
            if (post != null) {
                c = c.withPostProcessing(post);
            }
            return c;
        }

        /** @return the non-blank text of {@code fingerprints.<name>}, or null when it is absent or null */
        private @org.jspecify.annotations.Nullable String optionalText(JsonNode parent, String name) {
            JsonNode n = parent.get(name);
            if (n == null || n.isNull()) {
                return null;
            }
            if (!n.isTextual() || n.textValue().isBlank()) {
                throw error("fingerprints." + name, "expected a non-empty string or null, got " + n);
            }
            return n.textValue();
        }

        JsonNode object(JsonNode parent, String name) {
            JsonNode n = required(parent, name);
            if (!n.isObject()) {
                throw error(name, "expected an object");
            }
            return n;
        }

        List<String> strings(JsonNode parent, String name) {
            JsonNode n = required(parent, name);
            if (!n.isArray()) {
                throw error(name, "expected an array of strings");
            }
            List<String> out = new ArrayList<>();
            for (JsonNode e : n) {
                if (!e.isTextual() || e.textValue().isEmpty()) {
                    throw error(name, "expected non-empty strings, got " + e);
                }
                out.add(e.textValue());
            }
            return out;
        }

        double[] doubles(JsonNode parent, String path, String name, int expected) {
            return doubleArray(required(parent, name, path), path, expected);
        }

        double[] doubleArray(JsonNode n, String path, int expected) {
            if (n == null || !n.isArray()) {
                throw error(path, "expected an array of numbers");
            }
            if (n.size() != expected) {
                throw error(path, "expected " + expected + " numbers (one per "
                        + (path.contains("intercepts") ? "label" : "feature") + "), got " + n.size());
            }
            double[] out = new double[expected];
            for (int i = 0; i < expected; i++) {
                JsonNode e = n.get(i);
                if (!e.isNumber() || !Double.isFinite(e.doubleValue())) {
                    throw error(path, "element " + i + " is not a finite number: " + e);
                }
                out[i] = e.doubleValue();
            }
            return out;
        }
    }
}
