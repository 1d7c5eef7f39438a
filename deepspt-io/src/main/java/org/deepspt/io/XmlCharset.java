package org.deepspt.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deepspt.api.InputFormatException;
import org.deepspt.api.Messages;

/**
 * Decodes XML bytes to characters before the parser sees them, so that a malformed byte sequence is a
 * typed error of ours and never the JDK parser's stray {@code [Fatal Error]} line on stderr (which its
 * byte-level decoder prints whatever error handler is installed).
 *
 * <p>The encoding is, in order: a UTF-8 byte-order mark → UTF-8; a UTF-16 byte-order mark or the zero bytes
 * of ASCII markup in UTF-16 → UTF-16BE/LE; the {@code encoding} of the XML declaration
 * ({@code <?xml version="1.0" encoding="ISO-8859-1"?>}); otherwise UTF-8 (XML 1.0 §4.3.3). Decoding
 * reports malformed and unmappable input instead of replacing it. A leading byte-order mark is consumed.
 */
final class XmlCharset {
    private static final int HEAD = 1024;
    private static final int[] UTF8_BOM = {0xEF, 0xBB, 0xBF};
    private static final int[] UTF16BE_BOM = {0xFE, 0xFF};
    private static final int[] UTF16LE_BOM = {0xFF, 0xFE};
    private static final Pattern ENCODING = Pattern.compile(
            "^<\\?xml[^>]*?\\sencoding\\s*=\\s*[\"']([A-Za-z][A-Za-z0-9._-]*)[\"']");

    private XmlCharset() {
    }

    /**
     * @param in the XML bytes, positioned at the start of the document
     * @param source name used in messages
     * @return a strictly decoding reader positioned after any byte-order mark
     * @throws InputFormatException when the declared encoding is unknown to this Java runtime
     * @throws IOException when the first bytes cannot be read
     */
    static Reader reader(InputStream in, String source) throws IOException {
        BufferedInputStream bin = in instanceof BufferedInputStream b ? b : new BufferedInputStream(in, 1 << 16);
        bin.mark(HEAD);
        byte[] head = bin.readNBytes(HEAD);
        bin.reset();
        Charset cs = detect(head, source);
        int bom = bomLength(head, cs);
        if (bom > 0 && bin.skip(bom) != bom) {
            throw new IOException("cannot skip the byte-order mark");
        }
        return new StrictDecodingReader(bin, cs);
    }

    /**
     * @param head the first bytes of the document
     * @param source name used in messages
     * @return the encoding to decode with
     */
    static Charset detect(byte[] head, String source) {
        if (startsWith(head, UTF8_BOM)) {
            return StandardCharsets.UTF_8;
        }
        Charset utf16 = TrackReaders.utf16(head);
        if (utf16 != null) {
            return utf16;
        }
        Matcher m = ENCODING.matcher(new String(head, StandardCharsets.ISO_8859_1));
        if (!m.find()) {
            return StandardCharsets.UTF_8;
        }
        String name = m.group(1);
        try {
            Charset cs = Charset.forName(name);
            // A UTF-16 declaration without a byte-order mark in 1-byte markup contradicts itself.
            return cs.name().startsWith("UTF-16") || cs.name().startsWith("UTF-32") ? StandardCharsets.UTF_8 : cs;
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new InputFormatException(source, 1, null, "the XML declaration names the encoding '"
                    + Messages.abbreviate(name) + "', which this Java runtime does not support; save the file as UTF-8");
        }
    }

    private static int bomLength(byte[] head, Charset cs) {
        int[] bom = cs.equals(StandardCharsets.UTF_8) ? UTF8_BOM : cs.equals(StandardCharsets.UTF_16BE) ? UTF16BE_BOM
                : cs.equals(StandardCharsets.UTF_16LE) ? UTF16LE_BOM : null;
        return bom != null && startsWith(head, bom) ? bom.length : 0;
    }

    private static boolean startsWith(byte[] head, int[] prefix) {
        if (head.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((head[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
