package org.deepspt.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outputs get the permissions any program's files get (the process umask: 0644 under 022; before, 0600 from
 * {@code Files.createTempFile} whatever the umask), and a temporary file that a killed run left beside a
 * target is removed the next time that target is written.
 */
class OutputTransactionTest {

    @TempDir
    Path dir;

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    /** @return the permissions the operating system gives a new file here, i.e. 0666 less the umask */
    private Set<PosixFilePermission> umaskPermissions() throws IOException {
        Path probe = Files.createFile(dir.resolve("probe"));
        Set<PosixFilePermission> p = Files.getPosixFilePermissions(probe);
        Files.delete(probe);
        return p;
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void outputsFollowTheUmask() throws Exception {
        Assumptions.assumeTrue(posix(), "no POSIX permissions here");
        Path out = dir.resolve("report.html");
        try (OutputTransaction tx = OutputTransaction.begin()) {
            Path tmp = tx.stage(out);
            assertEquals(umaskPermissions(), Files.getPosixFilePermissions(tmp));
            Files.writeString(tmp, "<p>ok</p>");
            tx.commit();
        }
        // Under the usual umask 022 that is rw-r--r--: colleagues on a shared server can read the report.
        assertEquals(umaskPermissions(), Files.getPosixFilePermissions(out));
        assertEquals(List.of("report.html"), names(dir));
    }

    @Test
    void aLeftoverOfAKilledRunIsRemovedAndOneOfALiveRunKept() throws Exception {
        Path out = dir.resolve("out.csv");
        // Process ids are below 2^22 on Linux; this one is not alive. The current process is.
        Path dead = Files.createFile(dir.resolve(".out.csv.2147483646-abc.tmp"));
        Path live = Files.createFile(dir.resolve(".out.csv." + ProcessHandle.current().pid() + "-def.tmp"));
        Path other = Files.createFile(dir.resolve(".other.csv.2147483646-abc.tmp"));
        try (OutputTransaction tx = OutputTransaction.begin()) {
            Files.writeString(tx.stage(out), "x\n");
            tx.commit();
        }
        assertFalse(Files.exists(dead), "the leftover of a run that is gone");
        assertTrue(Files.exists(live), "a run that is still writing the same target");
        assertTrue(Files.exists(other), "another target's file");
        assertEquals("x\n", Files.readString(out));
    }

    @Test
    void anUncommittedTransactionLeavesNothing() throws Exception {
        if (posix()) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        try (OutputTransaction tx = OutputTransaction.begin()) {
            Files.writeString(tx.stage(dir.resolve("a.csv")), "partial");
        }
        assertEquals(List.of(), names(dir));
    }

    /**
     * When a later rename fails (here b.csv became a non-empty folder after staging), the target already replaced
     * gets its previous content back and nothing new is left: all or nothing.
     */
    @Test
    void aFailedRenameRestoresTheTargetsAlreadyReplaced() throws Exception {
        Path a = dir.resolve("a.csv");
        Files.writeString(a, "old a");
        Path b = dir.resolve("b.csv");
        Path c = dir.resolve("c.csv");
        org.deepspt.api.DeepSptException e;
        try (OutputTransaction tx = OutputTransaction.begin()) {
            Files.writeString(tx.stage(a), "new a");
            Files.writeString(tx.stage(c), "new c");
            Files.writeString(tx.stage(b), "new b");
            Files.createDirectories(b.resolve("inside"));
            e = org.junit.jupiter.api.Assertions.assertThrows(org.deepspt.api.DeepSptException.class, tx::commit);
            assertFalse(tx.committed());
        }
        assertTrue(e.getMessage().contains("b.csv") && e.getMessage().contains("no output was replaced"),
                e.getMessage());
        assertEquals("old a", Files.readString(a));
        assertFalse(Files.exists(c), "a target that did not exist before is removed again");
        assertEquals(List.of("a.csv", "b.csv"), names(dir));
    }

    @Test
    void aTargetStagedTwiceOrAFolderIsRefusedWhenStaged() throws Exception {
        Path a = dir.resolve("a.csv");
        try (OutputTransaction tx = OutputTransaction.begin()) {
            tx.stage(a);
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> tx.stage(dir.resolve("./a.csv")));
            Path folder = Files.createDirectories(dir.resolve("f.csv"));
            org.deepspt.api.DeepSptException e = org.junit.jupiter.api.Assertions.assertThrows(
                    org.deepspt.api.DeepSptException.class, () -> tx.stage(folder));
            assertTrue(e.getMessage().contains("it is a folder"), e.getMessage());
        }
        assertEquals(List.of("f.csv"), names(dir));
    }

    /**
     * From review: a symbolic link is written through (the link stays, its target gets the content), and a named pipe
     * is written in place (before, both were replaced by a regular file: the pipe's reader got nothing and, as
     * root, {@code --out /dev/null} would have replaced the device).
     */
    @Test
    void linksAreWrittenThroughAndPipesInPlace() throws Exception {
        Assumptions.assumeTrue(posix());
        Path real = Files.createDirectories(dir.resolve("real")).resolve("target.csv");
        Files.writeString(real, "old\n");
        Path link = Files.createSymbolicLink(dir.resolve("link.csv"), Path.of("real/target.csv"));
        try (OutputTransaction t = OutputTransaction.begin()) {
            Files.writeString(t.stage(link), "new\n");
            t.commit();
        }
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("new\n", Files.readString(real));

        Path fifo = dir.resolve("pipe");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        Assumptions.assumeTrue(mk.waitFor() == 0, "mkfifo");
        java.util.concurrent.CompletableFuture<String> reader = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return Files.readString(fifo);
                    } catch (IOException e) {
                        return "failed: " + e;
                    }
                });
        try (OutputTransaction t = OutputTransaction.begin()) {
            Files.writeString(t.stage(fifo), "rows\n");
            t.commit();
        }
        assertEquals("rows\n", reader.get(10, java.util.concurrent.TimeUnit.SECONDS));
        assertFalse(Files.isRegularFile(fifo), "still a pipe");
    }
}
