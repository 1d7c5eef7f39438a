package org.deepspt.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.deepspt.api.SegmenterOptions;
import org.deepspt.api.inference.ModelLoadException;
import org.deepspt.api.inference.OnnxModelRules;
import org.deepspt.model.SegmentationModels;
import org.deepspt.neural.NeuralSegmenter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user model's folder is read as little as possible (issue 21, item 3): only the ONNX file, only when it
 * is a regular file inside the folder and within the memory budget (checked from the file system before it
 * is opened). Before, a link to /dev/zero read 793 MB and ended in an OutOfMemoryError, a FIFO hung, and a
 * 3 GB file that the manifest merely listed was read whole.
 */
class ManifestFilesTest {
    private static final SegmenterOptions ONNX = SegmenterOptions.defaults().withBackend("onnx");
    private static final String NAME = "smoke-2d";
    private static final Duration QUICK = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @AfterEach
    void resetBudget() {
        System.clearProperty(OnnxModelRules.BUDGET_PROPERTY);
    }

    private Path copyUserModel() throws Exception {
        Path src = Path.of(getClass().getResource("/usermodel/" + NAME + ".manifest.json").toURI()).getParent();
        try (var files = Files.list(src)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.copy(p, dir.resolve(p.getFileName()));
            }
        }
        return dir.resolve(NAME + ".manifest.json");
    }

    private static ModelLoadException refused(Path manifest) {
        return assertTimeoutPreemptively(QUICK, () -> assertThrows(ModelLoadException.class,
                () -> SegmentationModels.fromManifest(manifest, 2, ONNX)));
    }

    private static boolean isPosix() {
        return Files.exists(Path.of("/dev/zero"));
    }

    @Test
    void aLinkToADeviceIsRefusedWithoutReadingIt() throws Exception {
        Assumptions.assumeTrue(isPosix(), "no /dev/zero here");
        Path manifest = copyUserModel();
        Path onnx = dir.resolve(NAME + ".onnx");
        Files.delete(onnx);
        Files.createSymbolicLink(onnx, Path.of("/dev/zero"));
        ModelLoadException e = refused(manifest);
        assertEquals("model 'smoke-2d': file 'smoke-2d.onnx' (onnx) cannot be read: it is a symbolic link to "
                + "/dev/zero, outside the model's folder", e.getMessage());
    }

    @Test
    void aFifoIsRefusedWithoutOpeningIt() throws Exception {
        Assumptions.assumeTrue(isPosix(), "no FIFOs here");
        Path manifest = copyUserModel();
        Path onnx = dir.resolve(NAME + ".onnx");
        Files.delete(onnx);
        Process p = new ProcessBuilder("mkfifo", onnx.toString()).start();
        Assumptions.assumeTrue(p.waitFor() == 0 && Files.exists(onnx), "mkfifo failed");
        ModelLoadException e = refused(manifest);
        assertEquals("model 'smoke-2d': file 'smoke-2d.onnx' (onnx) cannot be read: it is not a regular file (a "
                + "device, FIFO or socket)", e.getMessage());
    }

    @Test
    void aManifestThatIsAFifoIsRefused() throws Exception {
        Assumptions.assumeTrue(isPosix(), "no FIFOs here");
        Path fifo = dir.resolve("fifo.manifest.json");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        Assumptions.assumeTrue(p.waitFor() == 0 && Files.exists(fifo), "mkfifo failed");
        ModelLoadException e = refused(fifo);
        assertTrue(e.getMessage().endsWith("fifo.manifest.json is not a regular file (a device, FIFO or socket)"),
                e.getMessage());
    }

    @Test
    void aLinkInsideTheFolderIsFollowed() throws Exception {
        Path manifest = copyUserModel();
        Path onnx = dir.resolve(NAME + ".onnx");
        Files.move(onnx, dir.resolve("weights.bin"));
        Files.createSymbolicLink(onnx, Path.of("weights.bin"));
        try (NeuralSegmenter s = SegmentationModels.fromManifest(manifest, 2, ONNX)) {
            assertEquals(NAME, s.name());
        }
    }

    @Test
    void filesTheBackendDoesNotUseAreNotRead() throws Exception {
        Path manifest = copyUserModel();
        // A 3 GB (sparse) file that the manifest lists with a digest it does not have, and a listed file that
        // is missing: neither is opened to load the model.
        try (RandomAccessFile big = new RandomAccessFile(dir.resolve("big.bin").toFile(), "rw")) {
            big.setLength(3L << 30);
        }
        String json = Files.readString(manifest);
        String more = json.replaceFirst("\"files\": \\{", "\"files\": {\"extra\": {\"name\": \"big.bin\", \"sha256\": \""
                + "0".repeat(64) + "\"}, \"gone\": {\"name\": \"missing.npy\", \"sha256\": \"" + "1".repeat(64) + "\"},");
        assertTrue(!more.equals(json));
        Files.writeString(manifest, more);
        try (NeuralSegmenter s = assertTimeoutPreemptively(QUICK, () -> SegmentationModels.fromManifest(manifest, 2,
                ONNX))) {
            assertEquals(NAME, s.name());
        }
    }

    @Test
    void aModelFileLargerThanTheBudgetIsRefusedBeforeReading() throws Exception {
        Path manifest = copyUserModel();
        System.setProperty(OnnxModelRules.BUDGET_PROPERTY, "64k");
        ModelLoadException e = refused(manifest);
        assertEquals("model 'smoke-2d': file 'smoke-2d.onnx' (onnx) cannot be read: it holds 531.1 KiB, more than "
                + "the model's memory budget of 64 KiB; raise it with java -Ddeepspt.model.budget=SIZE (e.g. 2g)",
                e.getMessage());
    }

    @Test
    void aMissingModelFileIsNamed() throws Exception {
        Path manifest = copyUserModel();
        Files.delete(dir.resolve(NAME + ".onnx"));
        ModelLoadException e = refused(manifest);
        assertEquals("model 'smoke-2d': file 'smoke-2d.onnx' (onnx) cannot be read: no such file", e.getMessage());
    }
}
