package org.deepspt.npy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Writes {@code .npy} files (format 1.0, little-endian, C order), either a whole {@link NpyArray} at once
 * ({@link #write(Path, NpyArray)}) or streamed row by row when the number of rows is not known in advance:
 *
 * <pre>{@code
 * try (NpyWriter w = NpyWriter.open(path, NpyDtype.FLOAT32, 2)) {   // shape (?, 2)
 *     w.write(new float[] {x0, y0, x1, y1});
 * }                                                                 // header now says (2, 2)
 * }</pre>
 *
 * <p>The streaming header is written first with a first dimension of 0 and rewritten in place on
 * {@link #close()}; NumPy's growth padding keeps its length fixed (see {@link NpyHeader}). Not thread-safe.
 * I/O errors surface as {@link UncheckedIOException}.
 */
public final class NpyWriter implements AutoCloseable {
    private static final int BUFFER_BYTES = 1 << 16;

    private final Path path;
    private final NpyDtype dtype;
    private final long[] trailing;
    private final long rowElements;
    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private final int headerLength;
    private long elements;
    private boolean closed;

    private NpyWriter(Path path, NpyDtype dtype, long[] trailing) throws IOException {
        this.path = path;
        this.dtype = dtype;
        this.trailing = trailing.clone();
        long r = 1;
        for (long t : trailing) {
            if (t <= 0) {
                throw new IllegalArgumentException("trailing dimensions must be positive: " + Arrays.toString(trailing));
            }
            r = Math.multiplyExact(r, t);
        }
        this.rowElements = r;
        this.channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        byte[] header = header(0).encode();
        this.headerLength = header.length;
        channel.write(ByteBuffer.wrap(header));
    }

    /**
     * Opens a streaming writer for an array of shape {@code (rows, trailingShape...)}.
     *
     * @param path file to create or overwrite
     * @param dtype element type
     * @param trailingShape dimensions after the first, each ≥ 1 (none for a vector)
     * @return the writer; close it to finalise the header
     * @throws UncheckedIOException when the file cannot be created
     */
    public static NpyWriter open(Path path, NpyDtype dtype, long... trailingShape) {
        try {
            return new NpyWriter(path, dtype, trailingShape);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + path, e);
        }
    }

    /**
     * Writes a whole array.
     *
     * @param path file to create or overwrite
     * @param array the array
     */
    public static void write(Path path, NpyArray array) {
        long[] shape = array.shape();
        try (NpyWriter w = open(path, array.dtype(), shape.length == 0 ? new long[0]
                : Arrays.copyOfRange(shape, 1, shape.length))) {
            if (shape.length == 0) {
                throw new IllegalArgumentException("0-d arrays are not supported by the writer");
            }
            w.putRaw(array.view());
        }
    }

    private NpyHeader header(long rows) {
        long[] shape = new long[trailing.length + 1];
        shape[0] = rows;
        System.arraycopy(trailing, 0, shape, 1, trailing.length);
        return NpyHeader.of(dtype, shape);
    }

    private void check(NpyDtype given) {
        if (closed) {
            throw new IllegalStateException("writer for " + path + " is closed");
        }
        if (given != dtype) {
            throw new IllegalArgumentException(path + " holds " + dtype.descr() + ", cannot write " + given.descr());
        }
    }

    private void ensure(int bytes) {
        if (buffer.remaining() < bytes) {
            flush();
        }
    }

    private void flush() {
        buffer.flip();
        try {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
        buffer.clear();
    }

    private void putRaw(ByteBuffer src) {
        check(dtype);
        long n = src.remaining() / dtype.byteSize();
        while (src.hasRemaining()) {
            ensure(1);
            int chunk = Math.min(buffer.remaining(), src.remaining());
            ByteBuffer slice = src.slice();
            slice.limit(chunk);
            buffer.put(slice);
            src.position(src.position() + chunk);
        }
        elements += n;
    }

    /**
     * Appends float32 elements.
     *
     * @param values elements in C order
     * @return this writer
     */
    public NpyWriter write(float... values) {
        check(NpyDtype.FLOAT32);
        for (float v : values) {
            ensure(4);
            buffer.putFloat(v);
        }
        elements += values.length;
        return this;
    }

    /**
     * Appends float64 elements.
     *
     * @param values elements in C order
     * @return this writer
     */
    public NpyWriter write(double... values) {
        check(NpyDtype.FLOAT64);
        for (double v : values) {
            ensure(8);
            buffer.putDouble(v);
        }
        elements += values.length;
        return this;
    }

    /**
     * Appends int8 elements.
     *
     * @param values elements in C order
     * @return this writer
     */
    public NpyWriter write(byte... values) {
        check(NpyDtype.INT8);
        for (byte v : values) {
            ensure(1);
            buffer.put(v);
        }
        elements += values.length;
        return this;
    }

    /**
     * Appends int32 elements.
     *
     * @param values elements in C order
     * @return this writer
     */
    public NpyWriter write(int... values) {
        check(NpyDtype.INT32);
        for (int v : values) {
            ensure(4);
            buffer.putInt(v);
        }
        elements += values.length;
        return this;
    }

    /**
     * Appends int64 elements.
     *
     * @param values elements in C order
     * @return this writer
     */
    public NpyWriter write(long... values) {
        check(NpyDtype.INT64);
        for (long v : values) {
            ensure(8);
            buffer.putLong(v);
        }
        elements += values.length;
        return this;
    }

    /** @return elements written so far */
    public long elementsWritten() {
        return elements;
    }

    /**
     * Flushes, rewrites the header with the final first dimension {@code elements / prod(trailingShape)} and
     * closes the file. Idempotent.
     *
     * @throws IllegalStateException when the elements written do not fill whole rows
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            flush();
            closed = true;
            if (elements % rowElements != 0) {
                throw new IllegalStateException(path + ": " + elements + " elements do not fill rows of "
                        + rowElements);
            }
            byte[] header = header(elements / rowElements).encode();
            if (header.length != headerLength) {
                throw new IllegalStateException(path + ": header length changed from " + headerLength + " to "
                        + header.length);
            }
            channel.write(ByteBuffer.wrap(header), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        } finally {
            try {
                channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close " + path, e);
            }
        }
    }
}
