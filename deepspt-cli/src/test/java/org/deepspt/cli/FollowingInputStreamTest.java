package org.deepspt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link FollowingInputStream} notices a followed file that shrinks, is replaced or is deleted. */
class FollowingInputStreamTest {
    @TempDir
    Path dir;

    private static FollowingInputStream follow(Path file) throws Exception {
        Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        return new FollowingInputStream(Files.newInputStream(file), file, key, 5_000, 5);
    }

    private static int readAll(InputStream in, byte[] b) throws Exception {
        int total = 0;
        int n;
        while (total < b.length && (n = in.read(b, total, b.length - total)) > 0) {
            total += n;
        }
        return total;
    }

    @Test
    void aTruncatedFileFailsTheReadNamingTheFile() throws Exception {
        Path f = dir.resolve("live.csv");
        Files.writeString(f, "particle,frame,x,y\na,0,0,0\na,1,0,0\n");
        try (FollowingInputStream in = follow(f)) {
            assertEquals(35, readAll(in, new byte[35]));
            Files.writeString(f, "particle,frame,x,y\n"); // truncated in place, same file
            FollowedFileChangedException e = assertThrows(FollowedFileChangedException.class,
                    () -> in.read(new byte[10], 0, 10));
            assertTrue(e.getMessage().startsWith(f.toString()) && e.getMessage().contains("truncated"),
                    e.getMessage());
        }
    }

    @Test
    void aReplacedFileFailsTheRead() throws Exception {
        Path f = dir.resolve("live.csv");
        Files.writeString(f, "particle,frame,x,y\na,0,0,0\n");
        Object key = Files.readAttributes(f, BasicFileAttributes.class).fileKey();
        try (FollowingInputStream in = follow(f)) {
            assertEquals(27, readAll(in, new byte[27]));
            Path other = dir.resolve("other.csv");
            Files.writeString(other, "particle,frame,x,y\nb,0,0,0\nb,1,0,0\nb,2,0,0\n");
            Files.move(other, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            FollowedFileChangedException e = assertThrows(FollowedFileChangedException.class,
                    () -> in.read(new byte[10], 0, 10));
            // where the file system has no identity, the replacement is noticed only when it is smaller
            assertTrue(key == null || e.getMessage().contains("replaced"), e.getMessage());
        }
    }

    @Test
    void aDeletedFileFailsTheRead() throws Exception {
        Path f = dir.resolve("live.csv");
        Files.writeString(f, "particle,frame,x,y\n", StandardCharsets.UTF_8);
        try (FollowingInputStream in = follow(f)) {
            assertEquals(19, readAll(in, new byte[19]));
            Files.delete(f);
            FollowedFileChangedException e = assertThrows(FollowedFileChangedException.class,
                    () -> in.read(new byte[10], 0, 10));
            assertTrue(e.getMessage().contains("deleted"), e.getMessage());
        }
    }
}
