package org.deepspt.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.deepspt.api.InputFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyRoundTripTest {
    @TempDir
    Path dir;

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = NpyRoundTripTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name);
            }
            return in.readAllBytes();
        }
    }

    private Path copyResource(String name) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, resource(name));
        return p;
    }

    /** Golden files were written by NumPy 1.24 {@code np.save}; our bytes must be identical. */
    @Test
    void writerMatchesNumpyBytes() throws IOException {
        Path f = dir.resolve("a.npy");
        NpyWriter.write(f, NpyArray.ofFloats(new float[] {0f, 1.5f, -2f, 3.25f, 1e-3f, 7f}, 3, 2));
        assertArrayEquals(resource("golden_f4_3x2.npy"), Files.readAllBytes(f));

        NpyWriter.write(f, NpyArray.ofBytes(new byte[] {0, 1, 2, 3, -1}));
        assertArrayEquals(resource("golden_i1_5.npy"), Files.readAllBytes(f));

        NpyWriter.write(f, NpyArray.ofLongs(new long[] {0, 5, 12, 1L << 40}));
        assertArrayEquals(resource("golden_i8_4.npy"), Files.readAllBytes(f));

        NpyWriter.write(f, NpyArray.ofDoubles(new double[] {1.0, -2.0, 3.5, Math.PI}, 2, 2, 1));
        assertArrayEquals(resource("golden_f8_2x2x1.npy"), Files.readAllBytes(f));

        NpyWriter.write(f, NpyArray.ofInts(new int[0], 0, 3));
        assertArrayEquals(resource("golden_i4_empty.npy"), Files.readAllBytes(f));
    }

    @Test
    void readerReadsNumpyFiles() throws IOException {
        NpyArray a = NpyReader.read(copyResource("golden_f4_3x2.npy"));
        assertArrayEquals(new long[] {3, 2}, a.shape());
        assertArrayEquals(new float[] {0f, 1.5f, -2f, 3.25f, 1e-3f, 7f}, a.toFloatArray());
        assertArrayEquals(new byte[] {0, 1, 2, 3, -1}, NpyReader.read(copyResource("golden_i1_5.npy")).toByteArray());
        NpyArray l = NpyReader.read(copyResource("golden_i8_4.npy"));
        assertArrayEquals(new long[] {0, 5, 12, 1L << 40}, l.toLongArray());
        assertArrayEquals(new long[] {0, 5, 12, 1L << 40}, l.toLongArrayWidening());
        NpyArray d = NpyReader.read(copyResource("golden_f8_2x2x1.npy"));
        assertArrayEquals(new long[] {2, 2, 1}, d.shape());
        assertArrayEquals(new double[] {1.0, -2.0, 3.5, Math.PI}, d.toDoubleArray());
        NpyArray e = NpyReader.read(copyResource("golden_i4_empty.npy"));
        assertArrayEquals(new long[] {0, 3}, e.shape());
        assertEquals(0, e.toIntArray().length);
        assertThrows(IllegalStateException.class, a::toIntArray);
    }

    @Test
    void randomRoundTrip() {
        SplittableRandom r = new SplittableRandom(42);
        float[] f = new float[50_000];
        int[] i = new int[777];
        for (int k = 0; k < f.length; k++) {
            f[k] = (float) r.nextGaussian();
        }
        for (int k = 0; k < i.length; k++) {
            i[k] = r.nextInt();
        }
        Path p = dir.resolve("f.npy");
        NpyWriter.write(p, NpyArray.ofFloats(f, 10_000, 5));
        NpyArray back = NpyReader.read(p);
        assertEquals(NpyArray.ofFloats(f, 10_000, 5), back);
        assertEquals(NpyHeader.of(NpyDtype.FLOAT32, 10_000, 5), NpyReader.readHeader(p));
        NpyWriter.write(p, NpyArray.ofInts(i, 7, 111));
        assertArrayEquals(i, NpyReader.read(p).toIntArray());
    }

    @Test
    void streamingWriterFillsInRows() {
        Path p = dir.resolve("s.npy");
        try (NpyWriter w = NpyWriter.open(p, NpyDtype.FLOAT32, 3)) {
            for (int k = 0; k < 40_000; k++) {
                w.write(k, k + 0.5f, -k);
            }
            assertEquals(120_000, w.elementsWritten());
        }
        NpyArray a = NpyReader.read(p);
        assertArrayEquals(new long[] {40_000, 3}, a.shape());
        float[] v = a.toFloatArray();
        assertEquals(39_999f, v[3 * 39_999]);
        assertEquals(-39_999f, v[3 * 39_999 + 2]);
    }

    @Test
    void streamingWriterRejectsPartialRowsAndWrongType() {
        Path p = dir.resolve("bad.npy");
        NpyWriter w = NpyWriter.open(p, NpyDtype.INT32, 2);
        assertThrows(IllegalArgumentException.class, () -> w.write(1.0f));
        w.write(1, 2, 3);
        IllegalStateException e = assertThrows(IllegalStateException.class, w::close);
        assertTrue(e.getMessage().contains("bad.npy"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> w.write(4));
    }

    @Test
    void readerErrorsNameFileAndField() throws IOException {
        assertField("fortran_order", NpyReader::read, copyResource("fortran_f4.npy"));
        assertField("descr", NpyReader::read, copyResource("bigendian_f4.npy"));

        Path notNpy = dir.resolve("x.npy");
        Files.writeString(notNpy, "hello, this is not numpy at all");
        assertField("magic", NpyReader::read, notNpy);

        byte[] good = resource("golden_f4_3x2.npy");
        Path truncated = dir.resolve("trunc.npy");
        Files.write(truncated, Arrays.copyOf(good, good.length - 3));
        assertField("data", NpyReader::read, truncated);

        Path version = dir.resolve("v9.npy");
        byte[] v9 = good.clone();
        v9[6] = 9;
        Files.write(version, v9);
        assertField("version", NpyReader::read, version);

        Path badShape = dir.resolve("shape.npy");
        Files.write(badShape, new String(good, java.nio.charset.StandardCharsets.ISO_8859_1)
                .replace("(3, 2)", "(3, x)").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertField("shape", NpyReader::read, badShape);

        assertThrows(InputFormatException.class, () -> NpyReader.read(dir.resolve("missing.npy")));
    }

    private static void assertField(String field, java.util.function.Function<Path, ?> reader, Path file) {
        InputFormatException e = assertThrows(InputFormatException.class, () -> reader.apply(file));
        assertEquals(field, e.field().orElse("<none>"), e.getMessage());
        assertTrue(e.getMessage().contains(file.getFileName().toString()), e.getMessage());
    }
}
