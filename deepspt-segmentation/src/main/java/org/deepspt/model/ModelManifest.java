package org.deepspt.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.deepspt.api.ReliabilityThresholds;
import org.deepspt.api.inference.ModelLoadException;
import org.deepspt.smoothing.OutputCalibration;
import org.jspecify.annotations.Nullable;

/**
 * The JSON manifest that accompanies a segmentation model (written by {@code models/training/export.py}), in
 * the spirit of the bioimage.io model spec: name, dimension, input/output contract, class order,
 * calibration temperature, SHA-256 of every file, training data and metrics. This class reads the fields the
 * runtime needs and validates them; the rest (provenance) stays available as raw JSON through
 * {@link #json()}.
 *
 * <p>Required fields: {@code kind = "deepspt-segmentation-ensemble"}, {@code name}, {@code dimension} (2|3),
 * {@code input.name}, {@code output.name}, {@code output.class_order} = [normal, directed, confined,
 * subdiffusive], {@code files.onnx}; every entry of {@code files} has {@code name} (a plain file name in the
 * manifest's folder) and a 64-hex-digit {@code sha256}. Optional: {@code reliability} ({@link #reliability()})
 * and {@code output_calibration} ({@link #outputCalibration()}).
 */
public final class ModelManifest {
    /** The only {@code kind} understood by this version. */
    public static final String KIND = "deepspt-segmentation-ensemble";
    private static final List<String> CLASS_ORDER = List.of("normal", "directed", "confined", "subdiffusive");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9._-]+");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * One file of a model.
     *
     * @param name file name, relative to the manifest's folder
     * @param sha256 lower-case hex SHA-256 of its bytes
     */
    public record FileEntry(String name, String sha256) {
    }

    /**
     * The model's test accuracy on tracks of one length, as recorded in the manifest's {@code test_metrics}.
     *
     * @param length track length N, points
     * @param accuracy flat per-frame 4-class accuracy on the test set of N-point tracks, 0..1
     * @param ece expected calibration error on that set (15 bins), 0..1, NaN when not recorded
     * @param tracks tracks in that set, 0 when not recorded
     */
    public record LengthMetric(int length, double accuracy, double ece, long tracks) {
    }

    /**
     * The model's test accuracy on one held-out set split by its per-track reliability verdict, as recorded in the
     * manifest's {@code test_metrics} (columns {@code verdict_reliable_share}, {@code acc4_reliable},
     * {@code acc4_unreliable} of {@code evaluate --summary}).
     *
     * @param set the set's name in {@code test_metrics.sets} (e.g. {@code main}, the published protocol)
     * @param description the set's description from {@code test_metrics.test_sets}, empty when not recorded
     * @param reliableShare share of the set's frames in tracks judged reliable, 0..1
     * @param reliableAccuracy flat per-frame 4-class accuracy of those frames, 0..1 (NaN when none)
     * @param unreliableAccuracy the same for the frames of tracks judged unreliable (NaN when none)
     */
    public record VerdictMetric(String set, String description, double reliableShare, double reliableAccuracy,
            double unreliableAccuracy) {
    }

    private final String source;
    private final String name;
    private final int dimension;
    private final String inputName;
    private final String outputName;
    private final double temperature;
    private final Map<String, FileEntry> files;
    private final JsonNode json;
    private final @Nullable ReliabilityThresholds reliability;
    private final OutputCalibration outputCalibration;

    private ModelManifest(String source, JsonNode json) {
        this.source = source;
        this.json = json;
        String kind = text(json, "kind");
        if (!KIND.equals(kind)) {
            throw error("kind", "must be '" + KIND + "', is '" + kind + "'");
        }
        this.name = text(json, "name");
        JsonNode dim = json.path("dimension");
        if (!dim.isInt() || (dim.asInt() != 2 && dim.asInt() != 3)) {
            throw error("dimension", "must be 2 or 3, is " + dim);
        }
        this.dimension = dim.asInt();
        this.inputName = text(json.path("input"), "input.name", "name");
        this.outputName = text(json.path("output"), "output.name", "name");
        JsonNode order = json.path("output").path("class_order");
        List<String> got = new java.util.ArrayList<>();
        order.forEach(n -> got.add(n.asText()));
        if (!CLASS_ORDER.equals(got)) {
            throw error("output.class_order", "must be " + CLASS_ORDER + ", is " + got);
        }
        JsonNode t = json.path("temperature");
        this.temperature = t.isNumber() ? t.asDouble() : Double.NaN;
        JsonNode filesNode = json.path("files");
        if (!filesNode.isObject() || !filesNode.has("onnx")) {
            throw error("files.onnx", "missing");
        }
        Map<String, FileEntry> f = new LinkedHashMap<>();
        filesNode.fields().forEachRemaining(e -> {
            String key = e.getKey();
            String fileName = text(e.getValue(), "files." + key + ".name", "name");
            String sha = text(e.getValue(), "files." + key + ".sha256", "sha256");
            if (!PLAIN_NAME.matcher(fileName).matches()) {
                throw error("files." + key + ".name", "must be a plain file name, is '" + fileName + "'");
            }
            if (!SHA256.matcher(sha).matches()) {
                throw error("files." + key + ".sha256", "must be 64 lower-case hex digits, is '" + sha + "'");
            }
            f.put(key, new FileEntry(fileName, sha));
        });
        this.files = Collections.unmodifiableMap(f);
        this.reliability = readReliability(json.path("reliability"));
        this.outputCalibration = readOutputCalibration(json.path("output_calibration"));
    }

    /**
     * The optional {@code output_calibration} object (form in {@link OutputCalibration}); absent or null: the
     * identity. Every required key is checked for its JSON type and shape here and for its values by
     * {@link OutputCalibration#of}; each error names the field, e.g. {@code output_calibration.log_temperature[2][1]}.
     */
    private OutputCalibration readOutputCalibration(JsonNode c) {
        String f = "output_calibration";
        if (c.isMissingNode() || c.isNull()) {
            return OutputCalibration.identity();
        }
        if (!c.isObject()) {
            throw error(f, "must be an object {length_knots, snr_knots, log_temperature, switch_penalty, "
                    + "log_temperature_smoothed}, is " + c);
        }
        double[] lengths = numbers(c.path("length_knots"), f + ".length_knots");
        double[] snrs = numbers(c.path("snr_knots"), f + ".snr_knots");
        double[][] logT = matrix(c.path("log_temperature"), f + ".log_temperature");
        JsonNode penalty = c.path("switch_penalty");
        if (!penalty.isNumber()) {
            throw error(f + ".switch_penalty", "must be a number (nats), is " + penalty);
        }
        double[][] logTs = matrix(c.path("log_temperature_smoothed"), f + ".log_temperature_smoothed");
        try {
            return OutputCalibration.of(lengths, snrs, logT, penalty.asDouble(), logTs);
        } catch (IllegalArgumentException e) {
            throw new ModelLoadException(source + ": field '" + f + "' is invalid: " + f + "." + e.getMessage(), e);
        }
    }

    private double[] numbers(JsonNode a, String field) {
        if (!a.isArray() || a.isEmpty()) {
            throw error(field, "must be a non-empty array of numbers, is " + a);
        }
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            if (!a.get(i).isNumber()) {
                throw error(field + "[" + i + "]", "must be a number, is " + a.get(i));
            }
            out[i] = a.get(i).asDouble();
        }
        return out;
    }

    private double[][] matrix(JsonNode a, String field) {
        if (!a.isArray() || a.isEmpty()) {
            throw error(field, "must be a non-empty array of rows (arrays of numbers), is " + a);
        }
        double[][] out = new double[a.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = numbers(a.get(i), field + "[" + i + "]");
        }
        return out;
    }

    /**
     * The optional {@code reliability} object: {@code {"min_length": 100, "min_snr": 0.7,
     * "min_mean_confidence": 0.7}}, all three required when the object is present (other keys, e.g. provenance
     * of the measurement, are ignored).
     */
    private @Nullable ReliabilityThresholds readReliability(JsonNode r) {
        if (r.isMissingNode() || r.isNull()) {
            return null;
        }
        if (!r.isObject()) {
            throw error("reliability", "must be an object {min_length, min_snr, min_mean_confidence}, is " + r);
        }
        JsonNode len = r.path("min_length");
        if (!len.isIntegralNumber() || !len.canConvertToInt()) {
            throw error("reliability.min_length", "must be an integer number of points, is " + len);
        }
        double snr = number(r, "min_snr");
        double conf = number(r, "min_mean_confidence");
        try {
            return new ReliabilityThresholds(len.asInt(), snr, conf);
        } catch (IllegalArgumentException e) {
            throw new ModelLoadException(source + ": " + e.getMessage(), e);
        }
    }

    private double number(JsonNode parent, String key) {
        JsonNode v = parent.path(key);
        if (!v.isNumber()) {
            throw error("reliability." + key, "must be a number, is " + v);
        }
        return v.asDouble();
    }

    /**
     * @param in the manifest JSON (read fully, not closed)
     * @param source name for messages (file path or resource)
     * @return the validated manifest
     * @throws ModelLoadException naming the source and field when invalid
     */
    public static ModelManifest read(InputStream in, String source) {
        try {
            JsonNode node = MAPPER.readTree(in);
            if (node == null || !node.isObject()) {
                throw new ModelLoadException(source + ": manifest is not a JSON object");
            }
            return new ModelManifest(source, node);
        } catch (IOException e) {
            throw new ModelLoadException(source + ": manifest is not valid JSON: " + e.getMessage(), e);
        }
    }

    private ModelLoadException error(String field, String problem) {
        return new ModelLoadException(source + ": field '" + field + "' " + problem);
    }

    private String text(JsonNode node, String field) {
        return text(node, field, field);
    }

    private String text(JsonNode node, String fieldForMessage, String key) {
        JsonNode v = node.path(key);
        if (!v.isTextual() || v.asText().isEmpty()) {
            throw error(fieldForMessage, "missing or not a string");
        }
        return v.asText();
    }

    /** @return model name */
    public String name() {
        return name;
    }

    /** @return 2 or 3 */
    public int dimension() {
        return dimension;
    }

    /** @return name of the graph's input tensor */
    public String inputName() {
        return inputName;
    }

    /** @return name of the graph's output tensor */
    public String outputName() {
        return outputName;
    }

    /**
     * @return the calibration temperature already applied inside the graph (informational), or empty when
     *     the manifest has none or when the temperature depends on the track length N (then
     *     {@code length_temperature} in {@link #json()} gives a, b of {@code log T(N) = a + b·ln N}, also
     *     applied inside the graph)
     */
    public Optional<Double> temperature() {
        return Double.isNaN(temperature) ? Optional.empty() : Optional.of(temperature);
    }

    /**
     * @return the model's reliable range from the manifest's {@code reliability} object, or empty when the
     *     manifest has none (then {@link ReliabilityThresholds#defaults(int)} applies)
     */
    public Optional<ReliabilityThresholds> reliability() {
        return Optional.ofNullable(reliability);
    }

    /**
     * @return the recalibration of the model's output applied after inference (temperatures by track length and
     *     estimated SNR, for unsmoothed and smoothed rows), from the manifest's {@code output_calibration}
     *     object, or {@link OutputCalibration#identity()} when the manifest has none
     */
    public OutputCalibration outputCalibration() {
        return outputCalibration;
    }

    /**
     * Reads the length sets of {@code test_metrics}: every entry {@code sets."N=<n>".model} with a numeric
     * {@code acc4} (and {@code ece}, {@code tracks} when present), as written by
     * {@code models/record_test_metrics.py}.
     *
     * @return the model's test accuracy per track length, ascending length; empty when the manifest records none
     */
    public List<LengthMetric> testMetricsByLength() {
        List<LengthMetric> out = new java.util.ArrayList<>();
        json.path("test_metrics").path("sets").fields().forEachRemaining(e -> {
            String key = e.getKey();
            JsonNode m = e.getValue().path("model");
            if (key.matches("N=\\d{1,9}") && m.path("acc4").isNumber()) {
                JsonNode ece = m.path("ece");
                out.add(new LengthMetric(Integer.parseInt(key.substring(2)), m.path("acc4").asDouble(),
                        ece.isNumber() ? ece.asDouble() : Double.NaN, m.path("tracks").asLong(0)));
            }
        });
        out.sort(java.util.Comparator.comparingInt(LengthMetric::length));
        return List.copyOf(out);
    }

    /**
     * Reads the verdict split of {@code test_metrics}: every entry {@code sets.<set>.model} with a numeric
     * {@code verdict_reliable_share}, as written by {@code models/record_test_metrics.py} from summaries of
     * {@code evaluate} (a missing or null accuracy is NaN).
     *
     * @return the model's test accuracy of reliable and unreliable frames per set, in the manifest's order; empty
     *     when the manifest records none
     */
    public List<VerdictMetric> testMetricsByVerdict() {
        List<VerdictMetric> out = new java.util.ArrayList<>();
        JsonNode metrics = json.path("test_metrics");
        metrics.path("sets").fields().forEachRemaining(e -> {
            JsonNode m = e.getValue().path("model");
            if (m.path("verdict_reliable_share").isNumber()) {
                out.add(new VerdictMetric(e.getKey(), metrics.path("test_sets").path(e.getKey()).asText(""),
                        m.path("verdict_reliable_share").asDouble(), number(m.path("acc4_reliable")),
                        number(m.path("acc4_unreliable"))));
            }
        });
        return List.copyOf(out);
    }

    private static double number(JsonNode n) {
        return n.isNumber() ? n.asDouble() : Double.NaN;
    }

    /** @return the model's files by role ({@code onnx}, {@code test-input}, …), unmodifiable */
    public Map<String, FileEntry> files() {
        return files;
    }

    /** @return the ONNX graph's file entry (every manifest has one: {@link #read} checks it) */
    public FileEntry onnxFile() {
        return Objects.requireNonNull(files.get("onnx"), "files.onnx");
    }

    /** @return the whole manifest (training provenance, metrics) as a read-only JSON tree */
    public JsonNode json() {
        return json.deepCopy();
    }

    /** @return where the manifest was read from */
    public String source() {
        return source;
    }
}
