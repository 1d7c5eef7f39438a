package org.deepspt.onnx;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The ONNX file of a bundled model, from the class path (artifact deepspt-models, test scope). */
final class BundledBytes {
    private BundledBytes() {
    }

    /**
     * @param name a bundled model, e.g. {@code deepspt-unet-2d-fast}
     * @return its {@code NAME.onnx} bytes
     */
    static byte[] onnx(String name) {
        String path = "org/deepspt/models/" + name + "/" + name + ".onnx";
        try (InputStream in = BundledBytes.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
