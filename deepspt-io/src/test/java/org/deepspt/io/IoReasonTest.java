package org.deepspt.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.deepspt.api.DeepSptException;
import org.deepspt.api.Segmentation;
import org.deepspt.core.IoReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Write failures read as plain words: no Java class name, no bare path as the reason. */
class IoReasonTest {
    private static final Pattern CLASS_NAME = Pattern.compile("java\\.|Exception|Error\\b");

    @TempDir
    Path dir;

    @Test
    void commonNioExceptionsMapToPlainWords() {
        assertEquals("permission denied", IoReason.of(new AccessDeniedException("/out/x.csv")));
        assertEquals("no such file or folder", IoReason.of(new NoSuchFileException("/out/x.csv")));
        assertEquals("not a folder", IoReason.of(new NotDirectoryException("/out")));
        assertEquals("folder not empty", IoReason.of(new DirectoryNotEmptyException("/out")));
        assertEquals("already exists", IoReason.of(new FileAlreadyExistsException("/out")));
        assertEquals("no space left on device", IoReason.of(new FileSystemException("/out/x.csv", null,
                "No space left on device")));
        assertEquals("read-only file system", IoReason.of(new FileSystemException("/out/x.csv", null,
                "Read-only file system")));
        assertEquals("not a folder (a part of the path is a file)", IoReason.of(new FileSystemException(
                "/in.csv/x.csv", null, "Not a directory")));
        assertEquals("it is a folder", IoReason.of(new FileSystemException("/a.tmp", "/out", "Is a directory")));
        assertEquals("no space left on device", IoReason.of(new IOException("No space left on device")));
        assertEquals("file system error at /out", IoReason.of(new FileSystemException("/out")));
    }

    @Test
    void otherwiseTheMessageWithoutClassNames() {
        assertEquals("stream closed", IoReason.of(new IOException("java.io.IOException: Stream closed")));
        assertEquals("/x: odd", IoReason.of(new IOException("SomeError: /x: odd")));
        assertEquals("input/output error", IoReason.of(new IOException((String) null)));
        assertEquals("input/output error", IoReason.of(new IOException("java.io.IOException")));
    }

    @Test
    void outputTransactionNamesTheFileAndTheReasonInWords() throws IOException {
        Path file = Files.writeString(dir.resolve("in.csv"), "x");
        try (OutputTransaction tx = OutputTransaction.begin()) {
            DeepSptException e = assertThrows(DeepSptException.class, () -> tx.stage(file.resolve("x.csv")));
            assertEquals("cannot write " + file.resolve("x.csv") + ": " + file + " is a file, not a folder",
                    e.getMessage());
            e = assertThrows(DeepSptException.class, () -> tx.stage(file.resolve("sub/x.csv")));
            assertEquals("cannot write " + file.resolve("sub/x.csv") + ": not a folder (a part of the path is a "
                    + "file)", e.getMessage());
        }
        Path folder = Files.createDirectories(dir.resolve("out.csv"));
        Files.writeString(folder.resolve("keep"), "x");
        try (OutputTransaction tx = OutputTransaction.begin()) {
            // refused when staged, before anything is written
            DeepSptException e = assertThrows(DeepSptException.class, () -> tx.stage(folder));
            assertEquals("cannot write " + folder + ": it is a folder", e.getMessage());
        }
    }

    @Test
    void aFullDiskIsSaidInWords() {
        Path full = Path.of("/dev/full");
        assumeTrue(Files.isWritable(full), "needs /dev/full");
        DeepSptException e = assertThrows(DeepSptException.class, () -> {
            try (SegmentationCsvWriter w = SegmentationCsvWriter.open(full)) {
                w.write(Segmentation.ofFlat("1", new int[] {0}, new double[] {1, 0, 0, 0}));
            }
        });
        assertEquals("cannot close segmentation output: no space left on device", e.getMessage());
        assertFalse(CLASS_NAME.matcher(e.getMessage()).find(), e.getMessage());
    }
}
