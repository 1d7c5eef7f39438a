package org.deepspt.npy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deepspt.api.InputFormatException;

/**
 * Reads {@code .npy} files written by NumPy or {@link NpyWriter}: format versions 1.0, 2.0 and 3.0, C order,
 * the little-endian types of {@link NpyDtype}. Anything else (Fortran order, big-endian or object arrays,
 * truncated data, a bad magic string) raises {@link InputFormatException} naming the file and the header
 * field ({@code magic}, {@code version}, {@code header}, {@code descr}, {@code fortran_order}, {@code shape},
 * {@code data}). Arrays must have fewer than 2<sup>31</sup> data bytes. Stateless and thread-safe.
 */
public final class NpyReader {
    private static final Pattern DESCR = Pattern.compile("['\"]descr['\"]\\s*:\\s*['\"]([^'\"]*)['\"]");
    private static final Pattern FORTRAN = Pattern.compile("['\"]fortran_order['\"]\\s*:\\s*(\\w+)");
    private static final Pattern SHAPE = Pattern.compile("['\"]shape['\"]\\s*:\\s*\\(([^)]*)\\)");

    private NpyReader() {
    }

    /**
     * Reads only the header.
     *
     * @param path the file
     * @return type and shape
     * @throws InputFormatException when the header is malformed or unsupported
     * @throws UncheckedIOException when the file cannot be read
     */
    public static NpyHeader readHeader(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            return parseHeader(path.toString(), in);
        } catch (NoSuchFileException e) {
            throw new InputFormatException(path.toString(), 0, null, "file not found", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /**
     * Reads a whole array.
     *
     * @param path the file
     * @return the array
     * @throws InputFormatException when the file is malformed, unsupported or truncated
     * @throws UncheckedIOException when the file cannot be read
     */
    public static NpyArray read(Path path) {
        String source = path.toString();
        try (InputStream in = Files.newInputStream(path)) {
            NpyHeader header = parseHeader(source, in);
            long bytes = header.dataBytes();
            if (bytes > Integer.MAX_VALUE - 16) {
                throw new InputFormatException(source, 0, "shape", "array of " + bytes
                        + " bytes is too large to read into memory");
            }
            byte[] data = in.readNBytes((int) bytes);
            if (data.length != bytes) {
                throw new InputFormatException(source, 0, "data", "truncated: header promises " + bytes
                        + " data bytes, file has " + data.length);
            }
            if (in.read() != -1) {
                throw new InputFormatException(source, 0, "data", "trailing bytes after the " + bytes
                        + " data bytes the header promises");
            }
            return NpyArray.wrap(header, data);
        } catch (NoSuchFileException e) {
            throw new InputFormatException(source, 0, null, "file not found", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    static NpyHeader parseHeader(String source, InputStream in) throws IOException {
        byte[] prefix = in.readNBytes(8);
        if (prefix.length < 8) {
            throw new InputFormatException(source, 0, "magic", "file too short for an .npy header");
        }
        for (int i = 0; i < NpyHeader.MAGIC.length; i++) {
            if (prefix[i] != NpyHeader.MAGIC[i]) {
                throw new InputFormatException(source, 0, "magic", "not an .npy file (magic string \\x93NUMPY missing)");
            }
        }
        int major = prefix[6] & 0xFF;
        int minor = prefix[7] & 0xFF;
        int lengthBytes;
        if (major == 1) {
            lengthBytes = 2;
        } else if (major == 2 || major == 3) {
            lengthBytes = 4;
        } else {
            throw new InputFormatException(source, 0, "version", "unsupported format version " + major + "." + minor);
        }
        byte[] len = in.readNBytes(lengthBytes);
        if (len.length < lengthBytes) {
            throw new InputFormatException(source, 0, "header", "file ends inside the header length");
        }
        ByteBuffer lb = ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN);
        long headerLen = lengthBytes == 2 ? lb.getShort() & 0xFFFF : lb.getInt() & 0xFFFFFFFFL;
        if (headerLen > 1 << 20) {
            throw new InputFormatException(source, 0, "header", "header length " + headerLen + " is implausible");
        }
        byte[] dictBytes = in.readNBytes((int) headerLen);
        if (dictBytes.length < headerLen) {
            throw new InputFormatException(source, 0, "header", "file ends inside the header");
        }
        String dict = new String(dictBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        return parseDict(source, dict);
    }

    static NpyHeader parseDict(String source, String dict) {
        Matcher d = DESCR.matcher(dict);
        if (!d.find()) {
            throw new InputFormatException(source, 0, "descr", "missing or not a simple type string in " + dict.trim());
        }
        NpyDtype dtype;
        try {
            dtype = NpyDtype.ofDescr(d.group(1));
        } catch (IllegalArgumentException e) {
            throw new InputFormatException(source, 0, "descr", String.valueOf(e.getMessage()), e);
        }
        Matcher f = FORTRAN.matcher(dict);
        if (!f.find()) {
            throw new InputFormatException(source, 0, "fortran_order", "missing in " + dict.trim());
        }
        if (f.group(1).equals("True")) {
            throw new InputFormatException(source, 0, "fortran_order", "Fortran-order arrays are not supported");
        } else if (!f.group(1).equals("False")) {
            throw new InputFormatException(source, 0, "fortran_order", "expected True or False, got " + f.group(1));
        }
        Matcher s = SHAPE.matcher(dict);
        if (!s.find()) {
            throw new InputFormatException(source, 0, "shape", "missing or not a tuple in " + dict.trim());
        }
        String[] parts = s.group(1).split(",");
        long[] shape = new long[parts.length];
        int n = 0;
        for (String p : parts) {
            String t = p.trim();
            if (t.endsWith("L")) {
                t = t.substring(0, t.length() - 1);
            }
            if (t.isEmpty()) {
                continue;
            }
            try {
                shape[n] = Long.parseLong(t);
            } catch (NumberFormatException e) {
                throw new InputFormatException(source, 0, "shape", "not an integer dimension: '" + t + "'", e);
            }
            if (shape[n] < 0) {
                throw new InputFormatException(source, 0, "shape", "negative dimension " + shape[n]);
            }
            n++;
        }
        long[] dims = java.util.Arrays.copyOf(shape, n);
        try {
            NpyHeader h = NpyHeader.of(dtype, dims);
            h.dataBytes();
            return h;
        } catch (ArithmeticException e) {
            throw new InputFormatException(source, 0, "shape", "element count overflows", e);
        }
    }
}
