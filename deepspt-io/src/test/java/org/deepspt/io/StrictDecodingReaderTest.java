package org.deepspt.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StrictDecodingReaderTest {

    private static String readAll(byte[] bytes, Charset cs) throws IOException {
        StringWriter w = new StringWriter();
        try (Reader r = new StrictDecodingReader(new ByteArrayInputStream(bytes), cs)) {
            r.transferTo(w);
        }
        return w.toString();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void validTextIsDecodedWholeAcrossChunkBoundaries() throws IOException {
        // 3- and 4-byte sequences straddle the 8192-byte chunks somewhere in 60000 bytes.
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 6000; i++) {
            sb.append(i % 7 == 0 ? "µ€\uD83D\uDE00" : "x").append(i % 50 == 0 ? "\r\n" : ",");
        }
        String text = sb.toString();
        assertEquals(text, readAll(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
        assertEquals(text, readAll(text.getBytes(StandardCharsets.UTF_16LE), StandardCharsets.UTF_16LE));
        assertEquals("", readAll(new byte[0], StandardCharsets.UTF_8));
    }

    @Test
    void theFirstBadByteIsLocatedAfterEveryCharacterBeforeIt() {
        // 30000 bytes of good lines first (LF, CRLF and CR ends), so the bad byte is in a later chunk.
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            sb.append("line,").append(i).append(i % 3 == 0 ? "\n" : i % 3 == 1 ? "\r\n" : "\r");
        }
        byte[] good = (sb + "caf").getBytes(StandardCharsets.UTF_8);
        byte[] bytes = concat(good, new byte[] {(byte) 0xe9, ',', '1', '\n'});
        StrictDecodingReader.Undecodable u = assertThrows(StrictDecodingReader.Undecodable.class,
                () -> readAll(bytes, StandardCharsets.UTF_8));
        assertEquals(1001, u.line());
        assertEquals(4, u.column());
        assertEquals("a malformed sequence of 1 byte", u.what());
        assertEquals("line 1001, column 4: not UTF-8 text (a malformed sequence of 1 byte)", u.getMessage());
    }

    @Test
    void aSequenceCutByTheEndOfTheFileIsMalformed() {
        byte[] bytes = concat("a\nb".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xe2, (byte) 0x82});
        StrictDecodingReader.Undecodable u = assertThrows(StrictDecodingReader.Undecodable.class,
                () -> readAll(bytes, StandardCharsets.UTF_8));
        assertEquals(2, u.line());
        assertEquals(2, u.column());
    }

    @Test
    void unmappableBytesAreNamedAsSuch() {
        StrictDecodingReader.Undecodable u = assertThrows(StrictDecodingReader.Undecodable.class,
                () -> readAll(new byte[] {'o', 'k', (byte) 0x80}, StandardCharsets.US_ASCII));
        assertEquals(3, u.column());
        assertEquals("US-ASCII", u.charset());
    }
}
