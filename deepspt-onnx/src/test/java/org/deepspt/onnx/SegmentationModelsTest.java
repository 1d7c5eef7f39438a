package org.deepspt.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.deepspt.api.Segmenter;
import org.deepspt.api.SegmenterOptions;
import org.deepspt.api.SegmenterProvenance;
import org.deepspt.api.Segmenters;
import org.deepspt.api.inference.ModelLoadException;
import org.deepspt.model.ModelManifest;
import org.deepspt.model.SegmentationModels;
import org.deepspt.neural.NeuralSegmenter;
import org.deepspt.npy.NpyReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Manifest loading and verification with a small user model (a 3-member ensemble from the training
 * pipeline's smoke run, {@code src/test/resources/usermodel/}).
 */
class SegmentationModelsTest {
    private static final SegmenterOptions ONNX = SegmenterOptions.defaults().withBackend("onnx").withoutSmoothing();
    private static final String NAME = "smoke-2d";

    @TempDir
    Path dir;

    private Path copyUserModel() throws Exception {
        Path src = Path.of(getClass().getResource("/usermodel/" + NAME + ".manifest.json").toURI()).getParent();
        try (var files = Files.list(src)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.copy(p, dir.resolve(p.getFileName()));
            }
        }
        return dir.resolve(NAME + ".manifest.json");
    }

    @Test
    void userModelReproducesItsExpectedOutputs() throws Exception {
        Path manifestFile = copyUserModel();
        ModelManifest m;
        try (var in = Files.newInputStream(manifestFile)) {
            m = ModelManifest.read(in, manifestFile.toString());
        }
        assertEquals(2, m.dimension());
        assertEquals("positions", m.inputName());
        assertTrue(m.temperature().isPresent());
        try (NeuralSegmenter s = SegmentationModels.fromManifest(manifestFile, ONNX.withMinimumLength(1))) {
            assertEquals(NAME, s.name());
            for (Map.Entry<String, String> pair : ExpectedOutputs.PAIRS.entrySet()) {
                double dev = ExpectedOutputs.maxDeviation(s,
                        NpyReader.read(dir.resolve(m.files().get(pair.getKey()).name())),
                        NpyReader.read(dir.resolve(m.files().get(pair.getValue()).name())));
                assertTrue(dev < 1e-4, pair.getKey() + ": max deviation " + dev);
            }
        }
    }

    @Test
    void aUserModelRecordsItsManifestFileDigestAndBackend() throws Exception {
        Path manifestFile = copyUserModel();
        ModelManifest m = SegmentationModels.readManifest(manifestFile);
        byte[] onnx = Files.readAllBytes(dir.resolve(m.onnxFile().name()));
        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(onnx));
        try (Segmenter s = Segmenters.open(manifestFile.toString(), 2, ONNX)) {
            SegmenterProvenance p = s.provenance();
            assertEquals(NAME, p.name());
            assertEquals(Optional.of("onnx"), p.backend());
            assertEquals(Optional.of(manifestFile.toAbsolutePath().normalize().toString()), p.manifest());
            assertEquals(Optional.of(dir.toAbsolutePath().normalize().resolve(m.onnxFile().name()).toString()),
                    p.modelFile());
            assertEquals(Optional.of(sha), p.sha256());
            assertEquals(m.name(), SegmentationModels.manifestOf(p).orElseThrow().name());
            assertEquals(m.testMetricsByLength(), SegmentationModels.manifestOf(p).orElseThrow().testMetricsByLength());
        }
    }

    @Test
    void theDefaultModelOnOnnxRecordsTheBundledInt8File() throws Exception {
        try (Segmenter s = Segmenters.open("unet", 3, ONNX)) {
            SegmenterProvenance p = s.provenance();
            String dir = "org/deepspt/models/deepspt-unet-3d-int8/";
            assertEquals("deepspt-unet-3d-int8", p.name());
            assertEquals(Optional.of("onnx"), p.backend());
            ModelManifest m = SegmentationModels.manifestOf(p).orElseThrow();
            assertEquals(Optional.of("classpath:" + dir + m.onnxFile().name()), p.modelFile());
            byte[] onnx;
            try (var in = getClass().getClassLoader().getResourceAsStream(dir + m.onnxFile().name())) {
                onnx = in.readAllBytes();
            }
            assertEquals(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(onnx)), p.sha256().orElseThrow());
        }
        assertTrue(SegmentationModels.manifestOf(Segmenters.open("rolling-msd", 2, ONNX).provenance()).isEmpty());
    }

    @Test
    void unetUnetFastAndUnetInt8NameTheBundledModelsOfTheTracksDimension() {
        String[][] expected = {{"unet", "2", "deepspt-unet-2d-int8"}, {"unet", "3", "deepspt-unet-3d-int8"},
                {"unet-fast", "2", "deepspt-unet-2d-fast"}, {"unet-fast", "3", "deepspt-unet-3d-fast"},
                {"unet-int8", "2", "deepspt-unet-2d-int8"}, {"unet-int8", "3", "deepspt-unet-3d-int8"},
                {"unet-ensemble", "2", "deepspt-unet-2d"}, {"unet-ensemble", "3", "deepspt-unet-3d"}};
        for (String[] e : expected) {
            try (Segmenter s = Segmenters.open(e[0], Integer.parseInt(e[1]), ONNX)) {
                assertEquals(e[2], s.name(), e[0] + " " + e[1] + "D");
            }
        }
        assertTrue(Segmenters.names().containsAll(List.of("unet-fast", "unet-int8", "unet-ensemble")),
                Segmenters.names().toString());
    }

    /** The jvm engine has no integer kernels: there {@code unet} is the float model beside the int8 default. */
    @Test
    void unetOnTheJvmBackendIsTheFloatTwin() {
        assertEquals("deepspt-unet-2d-fast", org.deepspt.model.ModelSegmenterProvider.bundledName("unet", 2, "jvm"));
        assertEquals("deepspt-unet-3d-int8", org.deepspt.model.ModelSegmenterProvider.bundledName("unet", 3, "onnx"));
        assertEquals("deepspt-unet-3d-int8", org.deepspt.model.ModelSegmenterProvider.bundledName("unet", 3, "auto"));
    }

    /** Hardening issue, item 9: the manifest's input name is checked against the graph when the model loads. */
    @Test
    void aManifestNamingAnotherInputThanTheGraphIsRefused() throws Exception {
        Path manifestFile = copyUserModel();
        String json = Files.readString(manifestFile);
        String renamed = json.replaceFirst("\"name\"\\s*:\\s*\"positions\"", "\"name\": \"coords\"");
        assertTrue(!renamed.equals(json), "the manifest names its input 'positions'");
        Files.writeString(manifestFile, renamed);
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> SegmentationModels.fromManifest(manifestFile, 2, ONNX));
        assertTrue(e.getMessage().contains("input.name is 'coords' but the ONNX graph's input is 'positions'"),
                e.getMessage());
    }

    @Test
    void aModelOfAnotherDimensionIsRefusedUpFront() throws Exception {
        Path manifestFile = copyUserModel();
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> SegmentationModels.fromManifest(manifestFile, 3, ONNX));
        assertTrue(e.getMessage().contains("is 2D but the tracks are 3D"), e.getMessage());
    }

    @Test
    void corruptedFileIsRefusedBeforeUse() throws Exception {
        Path manifestFile = copyUserModel();
        Path onnx = dir.resolve(NAME + ".onnx");
        byte[] bytes = Files.readAllBytes(onnx);
        bytes[bytes.length / 2] ^= 0x5A;
        Files.write(onnx, bytes);
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> SegmentationModels.fromManifest(manifestFile, ONNX));
        assertTrue(e.getMessage().contains(NAME + ".onnx") && e.getMessage().contains("sha256"), e.getMessage());
    }

    @Test
    void missingFileIsNamed() throws Exception {
        Path manifestFile = copyUserModel();
        Files.delete(dir.resolve(NAME + ".expected-output.npy"));
        // Loading reads only the ONNX file (issue 21); asking for the test tensor names it.
        SegmentationModels.fromManifest(manifestFile, ONNX).close();
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> SegmentationModels.manifestFile(manifestFile, "expected-output"));
        assertTrue(e.getMessage().contains(NAME + ".expected-output.npy"), e.getMessage());
    }

    @Test
    void offContractManifestsNameTheField() {
        String[][] cases = {
            {"{\"kind\":\"other\"}", "'kind'"},
            {"{\"kind\":\"deepspt-segmentation-ensemble\",\"name\":\"x\",\"dimension\":4}", "'dimension'"},
            {"{\"kind\":\"deepspt-segmentation-ensemble\",\"name\":\"x\",\"dimension\":2,"
                + "\"input\":{\"name\":\"positions\"},\"output\":{\"name\":\"p\",\"class_order\":"
                + "[\"directed\",\"normal\",\"confined\",\"subdiffusive\"]}}", "'output.class_order'"},
            {"{\"kind\":\"deepspt-segmentation-ensemble\",\"name\":\"x\",\"dimension\":2,"
                + "\"input\":{\"name\":\"positions\"},\"output\":{\"name\":\"p\",\"class_order\":"
                + "[\"normal\",\"directed\",\"confined\",\"subdiffusive\"]},\"files\":{\"onnx\":{\"name\":"
                + "\"../evil.onnx\",\"sha256\":\"" + "0".repeat(64) + "\"}}}", "'files.onnx.name'"},
            {"not json", "not valid JSON"},
        };
        for (String[] c : cases) {
            ModelLoadException e = assertThrows(ModelLoadException.class, () -> ModelManifest.read(
                    new ByteArrayInputStream(c[0].getBytes(StandardCharsets.UTF_8)), "m.json"));
            assertTrue(e.getMessage().startsWith("m.json") && e.getMessage().contains(c[1]), e.getMessage());
        }
    }

    @Test
    void unknownBundledModelIsAClearError() {
        assertTrue(!SegmentationModels.isBundled("no-such-model"));
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> SegmentationModels.bundled("no-such-model", ONNX));
        assertTrue(e.getMessage().contains("no bundled model 'no-such-model'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SegmentationModels.defaultName(4));
    }
}
