package org.deepspt.onnx;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Files of the bundled models, from the class path (artifact deepspt-models, test scope). */
final class BundledBytes {
    private BundledBytes() {
    }

    /**
     * @param name a bundled model, e.g. {@code deepspt-unet-2d-fast}
     * @return its {@code NAME.onnx} bytes
     */
    static byte[] onnx(String name) {
        return file(name, name + ".onnx");
    }

    /**
     * @param name a bundled model
     * @param file a file of its folder, e.g. {@code rdf.yaml}
     * @return the file's bytes
     * @throws IllegalStateException when it is not on the class path
     */
    static byte[] file(String name, String file) {
        String path = "org/deepspt/models/" + name + "/" + file;
        try (InputStream in = BundledBytes.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is not on the class path (rerun models/training/rdf.py, "
                        + "rebuild models)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
