package org.deepspt.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.deepspt.api.DiffusionState;
import org.deepspt.core.Sha256;
import org.deepspt.model.ModelManifest;
import org.deepspt.model.SegmentationModels;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bioimage.io model description ({@code rdf.yaml}, spec 0.5) that {@code models/training/rdf.py} writes
 * beside every bundled model agrees with the model's manifest and with the files as shipped: SHA-256 of the
 * ONNX graph and the test tensors recomputed here, tensor names, axes, channel (class) names and opset.
 * Nothing is hard-coded but the spec's layout, so a new release passes once {@code rdf.py} has been rerun
 * (release.sh does) and fails when it was not.
 */
class BundledRdfTest {
    private static final YAMLMapper YAML = new YAMLMapper();

    static Stream<String> bundledModels() throws IOException {
        return BundledModelsTest.bundledModels();
    }

    @ParameterizedTest
    @MethodSource("bundledModels")
    void rdfAgreesWithManifestAndFiles(String name) throws IOException {
        ModelManifest m = SegmentationModels.bundledManifest(name);
        JsonNode manifest = m.json();
        JsonNode rdf = YAML.readTree(BundledBytes.file(name, "rdf.yaml"));

        assertEquals("model", rdf.path("type").asText(), name + ": type");
        assertTrue(rdf.path("format_version").asText().startsWith("0.5."), name + ": format_version "
                + rdf.path("format_version"));
        assertEquals(name, rdf.path("name").asText(), name + ": name");
        assertEquals("Apache-2.0", rdf.path("license").asText(), name + ": license");
        assertFalse(rdf.path("description").asText().isBlank(), name + ": description");
        assertFalse(rdf.path("authors").path(0).path("name").asText().isBlank(), name + ": authors");
        assertTrue(rdf.path("cite").path(0).path("doi").asText().startsWith("10."), name + ": cite doi");

        // weights: the ONNX file as shipped, its SHA-256 equal to the manifest's, the manifest's opset
        JsonNode onnx = rdf.path("weights").path("onnx");
        assertEquals(m.onnxFile().name(), onnx.path("source").asText(), name + ": weights.onnx.source");
        assertFileHash(name, onnx, m.onnxFile(), "weights.onnx");
        assertEquals(manifest.path("opset").asInt(-1), onnx.path("opset_version").asInt(-2),
                name + ": opset_version");

        // input: positions [batch, time, channel = x, y(, z)]
        JsonNode in = single(rdf.path("inputs"), name + ": inputs");
        assertEquals(manifest.path("input").path("name").asText(), in.path("id").asText(), name + ": input id");
        assertEquals(List.of("batch", "time", "channel"), axisTypes(in), name + ": input axes");
        List<String> xyz = List.of("x", "y", "z").subList(0, m.dimension());
        assertEquals(xyz, texts(in.path("axes").path(2).path("channel_names")), name + ": input channels");
        assertEquals(manifest.path("input").path("shape").path(2).asInt(), xyz.size(), name + ": input shape");
        assertEquals(1, in.path("axes").path(1).path("size").path("min").asInt(), name + ": any length >= 1");
        assertEquals(manifest.path("input").path("unit").asText(), in.path("data").path("unit").asText(),
                name + ": input unit");
        assertEquals("float32", in.path("data").path("type").asText(), name + ": input dtype");
        assertFileHash(name, in.path("test_tensor"), m.files().get("test-input"), "inputs.test_tensor");

        // output: probabilities [batch, time (= the input's), channel = the manifest's class order]
        JsonNode out = single(rdf.path("outputs"), name + ": outputs");
        assertEquals(manifest.path("output").path("name").asText(), out.path("id").asText(), name + ": output id");
        assertEquals(List.of("batch", "time", "channel"), axisTypes(out), name + ": output axes");
        JsonNode timeSize = out.path("axes").path(1).path("size");
        assertEquals(in.path("id").asText(), timeSize.path("tensor_id").asText(), name + ": output time size");
        assertEquals(in.path("axes").path(1).path("id").asText(), timeSize.path("axis_id").asText(),
                name + ": output time axis");
        List<String> classes = texts(out.path("axes").path(2).path("channel_names"));
        assertEquals(texts(manifest.path("output").path("class_order")), classes, name + ": class names");
        assertEquals(Arrays.stream(DiffusionState.values()).map(s -> s.name().toLowerCase(Locale.ROOT)).toList(),
                classes, name + ": class names in DiffusionState order");
        assertEquals("float32", out.path("data").path("type").asText(), name + ": output dtype");
        assertFileHash(name, out.path("test_tensor"), m.files().get("expected-output"), "outputs.test_tensor");
    }

    /** The rdf's {@code source} is the manifest's file, and both SHA-256s equal that of the shipped bytes. */
    private static void assertFileHash(String name, JsonNode rdfFile, ModelManifest.FileEntry entry, String field)
            throws IOException {
        assertNotNull(entry, name + ": manifest has no file for " + field);
        assertEquals(entry.name(), rdfFile.path("source").asText(), name + ": " + field + ".source");
        String actual = Sha256.of(BundledBytes.file(name, entry.name()));
        assertEquals(actual, entry.sha256(), name + ": manifest SHA-256 of " + entry.name());
        assertEquals(actual, rdfFile.path("sha256").asText(), name + ": " + field + ".sha256 of " + entry.name()
                + " (rerun models/training/rdf.py)");
    }

    private static JsonNode single(JsonNode list, String what) {
        assertEquals(1, list.size(), what);
        return list.get(0);
    }

    private static List<String> axisTypes(JsonNode tensor) {
        List<String> out = new ArrayList<>();
        tensor.path("axes").forEach(a -> out.add(a.path("type").asText()));
        return out;
    }

    private static List<String> texts(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(n -> out.add(n.asText()));
        return out;
    }
}
