package org.deepspt.jvm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Test helpers: bundled model bytes and little-endian float32 {@code .npy} files from the classpath. */
public final class TestResources {
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private TestResources() {
    }

    /** A float32 array with its shape. */
    public static final class Npy {
        /** Shape. */
        public final int[] shape;
        /** Data, row-major. */
        public final float[] data;

        Npy(int[] shape, float[] data) {
            this.shape = shape;
            this.data = data;
        }
    }

    /** @param name e.g. {@code deepspt-unet-2d} @return the model file's bytes */
    public static byte[] model(String name) {
        return bytes("org/deepspt/models/" + name + "/" + name + ".onnx");
    }

    /** @return the classpath resource's bytes */
    public static byte[] bytes(String path) {
        try (InputStream in = TestResources.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a C-order {@code <f4} npy file (version 1 or 2 header). */
    public static Npy npy(String path) {
        byte[] b = bytes(path);
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int major = b[6];
        int headerLen = major == 1 ? bb.getShort(8) & 0xffff : bb.getInt(8);
        int start = major == 1 ? 10 : 12;
        String header = new String(b, start, headerLen, StandardCharsets.ISO_8859_1);
        if (!header.contains("'<f4'") || header.contains("'fortran_order': True")) {
            throw new IllegalArgumentException(path + ": expected C-order <f4, header " + header);
        }
        Matcher m = SHAPE.matcher(header);
        if (!m.find()) {
            throw new IllegalArgumentException(path + ": no shape in " + header);
        }
        String[] parts = m.group(1).split(",");
        int n = 0;
        int[] shape = new int[parts.length];
        for (String p : parts) {
            if (!p.isBlank()) {
                shape[n++] = Integer.parseInt(p.trim());
            }
        }
        shape = java.util.Arrays.copyOf(shape, n);
        int size = 1;
        for (int d : shape) {
            size *= d;
        }
        float[] data = new float[size];
        bb.position(start + headerLen);
        bb.asFloatBuffer().get(data);
        return new Npy(shape, data);
    }
}
