package org.deepspt.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.Objects;

/**
 * Decodes bytes strictly and says where the first byte that is not text is: every character before it is
 * returned, then {@link Undecodable} gives its line and column (1-based; a column counts UTF-16 characters, a
 * line ends at LF, CR or CRLF). {@link java.io.InputStreamReader} also reports malformed input, but drops the
 * characters decoded in the same chunk and throws where the <em>reader</em> was, so a bad byte on line 14
 * came out as line 2.
 *
 * <p>Not thread-safe (a {@link Reader}).
 */
final class StrictDecodingReader extends Reader {
    private final InputStream in;
    private final CharsetDecoder decoder;
    private final ByteBuffer bytes = ByteBuffer.allocate(8192).flip();
    private final CharBuffer chars = CharBuffer.allocate(8192).flip();
    private boolean endOfBytes;
    private boolean flushing;
    private boolean flushed;
    private CoderResult error;
    private long line = 1;
    private long column = 1;
    private boolean afterCr;

    /**
     * @param in the bytes; closed with this reader
     * @param charset their encoding
     */
    StrictDecodingReader(InputStream in, Charset charset) {
        this.in = Objects.requireNonNull(in, "in");
        this.decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, buf.length);
        if (len == 0) {
            return 0;
        }
        while (!chars.hasRemaining()) {
            if (error != null) {
                throw new Undecodable(line, column, error.length(), error.isMalformed(), decoder.charset());
            }
            if (flushed) {
                return -1;
            }
            fill();
        }
        int n = Math.min(len, chars.remaining());
        chars.get(buf, off, n);
        for (int i = off; i < off + n; i++) {
            char c = buf[i];
            if (c == '\n') {
                if (!afterCr) {
                    line++;
                }
                column = 1;
                afterCr = false;
            } else if (c == '\r') {
                line++;
                column = 1;
                afterCr = true;
            } else {
                column++;
                afterCr = false;
            }
        }
        return n;
    }

    /** Decodes the next characters into {@link #chars}, or records the error or the end of input. */
    private void fill() throws IOException {
        chars.clear();
        try {
            while (chars.position() == 0) {
                if (endOfBytes) {
                    CoderResult r = flushing ? CoderResult.UNDERFLOW : decoder.decode(bytes, chars, true);
                    if (r.isError()) {
                        error = r;
                        return;
                    }
                    if (r.isOverflow()) {
                        continue;
                    }
                    flushing = true;
                    if (decoder.flush(chars).isUnderflow()) {
                        flushed = true;
                        return;
                    }
                    continue;
                }
                CoderResult r = decoder.decode(bytes, chars, false);
                if (r.isError()) {
                    error = r;
                    return;
                }
                if (r.isUnderflow() && chars.position() == 0) {
                    bytes.compact();
                    int got = in.read(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
                    if (got < 0) {
                        endOfBytes = true;
                    } else {
                        bytes.position(bytes.position() + got);
                    }
                    bytes.flip();
                }
            }
        } finally {
            chars.flip();
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Bytes that are not text in the reader's encoding, with the line and column where they start. */
    static final class Undecodable extends CharacterCodingException {
        private static final long serialVersionUID = 1L;

        private final long line;
        private final long column;
        private final int length;
        private final boolean malformed;
        private final String charset;

        Undecodable(long line, long column, int length, boolean malformed, Charset charset) {
            this.line = line;
            this.column = column;
            this.length = length;
            this.malformed = malformed;
            this.charset = charset.name();
        }

        /** @return 1-based line of the first bad byte */
        long line() {
            return line;
        }

        /** @return 1-based column (UTF-16 characters) of the first bad byte */
        long column() {
            return column;
        }

        /** @return what the bytes are, e.g. {@code a malformed sequence of 1 byte} */
        String what() {
            return (malformed ? "a malformed sequence of " : "an unmappable character of ") + length
                    + (length == 1 ? " byte" : " bytes");
        }

        /** @return the encoding the bytes were decoded with */
        String charset() {
            return charset;
        }

        @Override
        public String getMessage() {
            return "line " + line + ", column " + column + ": not " + charset + " text (" + what() + ")";
        }
    }
}
