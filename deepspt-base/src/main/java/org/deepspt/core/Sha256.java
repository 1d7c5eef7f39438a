package org.deepspt.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests as 64 lower-case hex digits: the one place the library computes them. */
public final class Sha256 {
    private Sha256() {
    }

    /** @return a fresh SHA-256 digest (every JVM has one) */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** @param md a digest fed by the caller @return its digest as lower-case hex */
    public static String hex(MessageDigest md) {
        return HexFormat.of().formatHex(md.digest());
    }

    /** @param bytes data @return its SHA-256 as lower-case hex */
    public static String of(byte[] bytes) {
        MessageDigest md = newDigest();
        md.update(bytes);
        return hex(md);
    }

    /**
     * @param file a file, read in 64 KiB blocks
     * @return its SHA-256 as lower-case hex
     * @throws UncheckedIOException naming the file when it cannot be read
     */
    public static String of(Path file) {
        MessageDigest md = newDigest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int r = in.read(buf); r > 0; r = in.read(buf)) {
                md.update(buf, 0, r);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return hex(md);
    }
}
