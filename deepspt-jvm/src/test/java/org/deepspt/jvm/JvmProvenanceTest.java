package org.deepspt.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import org.deepspt.api.Segmenter;
import org.deepspt.api.SegmenterOptions;
import org.deepspt.api.SegmenterProvenance;
import org.deepspt.api.Segmenters;
import org.deepspt.model.ModelManifest;
import org.deepspt.model.SegmentationModels;
import org.junit.jupiter.api.Test;

/** A bundled model opened on the jvm backend says which file it runs, with a digest of that file's bytes. */
class JvmProvenanceTest {

    static String sha256OfResource(String resource) throws Exception {
        try (InputStream in = JvmProvenanceTest.class.getClassLoader().getResourceAsStream(resource)) {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
        }
    }

    @Test
    void unetOnTheJvmBackendRecordsTheFloatModelItsFileAndDigest() throws Exception {
        try (Segmenter s = Segmenters.open("unet", 2, SegmenterOptions.defaults().withBackend("jvm"))) {
            SegmenterProvenance p = s.provenance();
            String dir = "org/deepspt/models/deepspt-unet-2d-fast/";
            assertEquals("deepspt-unet-2d-fast", p.name());
            assertEquals(Optional.of("jvm"), p.backend());
            assertTrue(p.usesModel());
            assertEquals(Optional.of("classpath:" + dir + "deepspt-unet-2d-fast.manifest.json"), p.manifest());
            ModelManifest m = SegmentationModels.manifestOf(p).orElseThrow();
            assertEquals("deepspt-unet-2d-fast", m.name());
            assertEquals(Optional.of("classpath:" + dir + m.onnxFile().name()), p.modelFile());
            assertEquals(Optional.of(sha256OfResource(dir + m.onnxFile().name())), p.sha256());
        }
    }
}
