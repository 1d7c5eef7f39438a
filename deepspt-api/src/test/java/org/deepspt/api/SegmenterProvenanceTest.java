package org.deepspt.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SegmenterProvenanceTest {
    private static final String SHA = "0123456789abcdef".repeat(4);

    @Test
    void aModelRecordsItsFilesDigestAndBackend() {
        SegmenterProvenance p = SegmenterProvenance.ofModel("deepspt-unet-2d-int8", "onnx")
                .withManifest("classpath:m/m.manifest.json").withModelFile("classpath:m/m.onnx").withSha256(SHA);
        assertEquals("deepspt-unet-2d-int8", p.name());
        assertTrue(p.usesModel());
        assertEquals(Optional.of("onnx"), p.backend());
        assertEquals(Optional.of("classpath:m/m.manifest.json"), p.manifest());
        assertEquals(Optional.of("classpath:m/m.onnx"), p.modelFile());
        assertEquals(Optional.of(SHA), p.sha256());
        assertTrue(p.method().isEmpty());
        assertEquals(p, SegmenterProvenance.ofModel("deepspt-unet-2d-int8", "onnx").withSha256(SHA)
                .withModelFile("classpath:m/m.onnx").withManifest("classpath:m/m.manifest.json"));
        assertNotEquals(p, p.withSha256("f".repeat(64)));
        assertTrue(p.toString().contains(SHA), p.toString());
    }

    @Test
    void aMethodWithoutModelAndTheDefaultRecordNoFile() {
        SegmenterProvenance baseline = SegmenterProvenance.withoutModel("rolling-msd", "rolling-MSD baseline");
        assertFalse(baseline.usesModel());
        assertEquals(Optional.of("rolling-MSD baseline"), baseline.method());
        assertTrue(baseline.modelFile().isEmpty() && baseline.sha256().isEmpty() && baseline.backend().isEmpty());
        SegmenterProvenance bare = SegmenterProvenance.of("custom");
        assertTrue(bare.method().isEmpty() && bare.manifest().isEmpty() && !bare.usesModel());
        Segmenter custom = new Segmenter() {
            @Override
            public Segmentation segment(Trajectory trajectory) {
                throw new UnsupportedOperationException();
            }

            @Override
            public String name() {
                return "custom";
            }
        };
        assertEquals(bare, custom.provenance());
    }

    @Test
    void badDigestsAndBlankTextAreRefused() {
        SegmenterProvenance p = SegmenterProvenance.ofModel("m", "jvm");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> p.withSha256(SHA.toUpperCase(java.util.Locale.ROOT)));
        assertTrue(e.getMessage().contains("model 'm'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> p.withSha256("abc"));
        assertThrows(IllegalArgumentException.class, () -> p.withModelFile(" "));
        assertThrows(IllegalArgumentException.class, () -> SegmenterProvenance.ofModel("m", ""));
        assertThrows(NullPointerException.class, () -> SegmenterProvenance.of(null));
    }
}
