package org.deepspt.onnx;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Loads segmentation models with their manifests, verifying the SHA-256 of every file the manifest lists
 * before the model is used.
 *
 * <ul>
 *   <li>Bundled models (artifact {@code org.deepspt:deepspt-models}) are classpath resources
 *       {@code org/deepspt/models/<name>/<name>.manifest.json} plus the files it lists;
 *       {@link #bundled(int, OnnxOptions)} picks the default model of a dimension.</li>
 *   <li>User models: {@link #fromManifest(Path, OnnxOptions)} with the files in the manifest's folder.</li>
 * </ul>
 * A missing file, a SHA-256 mismatch or an off-contract manifest throws {@link ModelLoadException} naming the
 * model, file and field.
 */
public final class SegmentationModels {
    /** Name of the default 2D model. */
    public static final String DEFAULT_2D = "deepspt-unet-2d";
    /** Name of the default 3D model. */
    public static final String DEFAULT_3D = "deepspt-unet-3d";

    private static final String ROOT = "org/deepspt/models/";

    private SegmentationModels() {
    }

    /** Reads a named file of a model. */
    @FunctionalInterface
    private interface FileSource {
        byte[] read(String fileName) throws IOException;
    }

    /**
     * @param dimension 2 or 3
     * @return the default model's name for that dimension
     */
    public static String defaultName(int dimension) {
        return switch (dimension) {
            case 2 -> DEFAULT_2D;
            case 3 -> DEFAULT_3D;
            default -> throw new IllegalArgumentException("dimension must be 2 or 3, got " + dimension);
        };
    }

    /**
     * @param name a model name
     * @return true when a bundled model of that name is on the classpath
     */
    public static boolean isBundled(String name) {
        return SegmentationModels.class.getClassLoader().getResource(manifestResource(name)) != null;
    }

    /**
     * The default bundled model of a dimension.
     *
     * @param dimension 2 or 3
     * @param options runtime options
     * @return the segmenter (close it when done)
     */
    public static OnnxSegmenter bundled(int dimension, OnnxOptions options) {
        return bundled(defaultName(dimension), options);
    }

    /**
     * A bundled model by name.
     *
     * @param name model name, e.g. {@link #DEFAULT_2D}
     * @param options runtime options
     * @return the segmenter (close it when done)
     */
    public static OnnxSegmenter bundled(String name, OnnxOptions options) {
        ClassLoader cl = SegmentationModels.class.getClassLoader();
        String resource = manifestResource(name);
        ModelManifest manifest;
        try (InputStream in = cl.getResourceAsStream(resource)) {
            if (in == null) {
                throw new ModelLoadException("no bundled model '" + name + "' (resource " + resource
                        + " not on the classpath; is org.deepspt:deepspt-models a dependency?)");
            }
            manifest = ModelManifest.read(in, "classpath:" + resource);
        } catch (IOException e) {
            throw new ModelLoadException("cannot read " + resource + ": " + e.getMessage(), e);
        }
        return load(manifest, classpath(name), options);
    }

    private static FileSource classpath(String name) {
        ClassLoader cl = SegmentationModels.class.getClassLoader();
        return fileName -> {
            try (InputStream in = cl.getResourceAsStream(ROOT + name + "/" + fileName)) {
                if (in == null) {
                    throw new NoSuchFileException("classpath:" + ROOT + name + "/" + fileName);
                }
                return in.readAllBytes();
            }
        };
    }

    /**
     * A model from a manifest file; the files it lists are read from the manifest's folder.
     *
     * @param manifestFile path of {@code <name>.manifest.json}
     * @param options runtime options
     * @return the segmenter (close it when done)
     */
    public static OnnxSegmenter fromManifest(Path manifestFile, OnnxOptions options) {
        ModelManifest manifest;
        try (InputStream in = Files.newInputStream(manifestFile)) {
            manifest = ModelManifest.read(in, manifestFile.toString());
        } catch (IOException e) {
            throw new ModelLoadException("cannot read manifest " + manifestFile + ": " + e.getMessage(), e);
        }
        Path dir = manifestFile.toAbsolutePath().getParent();
        return load(manifest, fileName -> Files.readAllBytes(dir.resolve(fileName)), options);
    }

    /**
     * Reads every file the manifest lists and checks its SHA-256.
     *
     * @return file bytes by role
     */
    private static Map<String, byte[]> verifiedFiles(ModelManifest manifest, FileSource source) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, ModelManifest.FileEntry> e : manifest.files().entrySet()) {
            out.put(e.getKey(), verifiedFile(manifest, e.getKey(), e.getValue(), source));
        }
        return out;
    }

    private static byte[] verifiedFile(ModelManifest manifest, String role, ModelManifest.FileEntry f,
            FileSource source) {
        byte[] bytes;
        try {
            bytes = source.read(f.name());
        } catch (IOException ex) {
            throw new ModelLoadException("model '" + manifest.name() + "': file '" + f.name() + "' (" + role
                    + ") cannot be read: " + ex.getMessage(), ex);
        }
        String actual = sha256(bytes);
        if (!actual.equals(f.sha256())) {
            throw new ModelLoadException("model '" + manifest.name() + "': file '" + f.name()
                    + "' is corrupted or replaced: sha256 " + actual + " does not match the manifest's "
                    + f.sha256());
        }
        return bytes;
    }

    private static OnnxSegmenter load(ModelManifest manifest, FileSource source, OnnxOptions options) {
        Objects.requireNonNull(options, "options");
        Map<String, byte[]> files = verifiedFiles(manifest, source);
        return OnnxSegmenter.load(files.get("onnx"), manifest.name(), manifest.dimension(), options);
    }

    /**
     * Reads a bundled model's manifest without loading the model.
     *
     * @param name model name
     * @return its manifest
     */
    public static ModelManifest bundledManifest(String name) {
        String resource = manifestResource(name);
        try (InputStream in = SegmentationModels.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new ModelLoadException("no bundled model '" + name + "'");
            }
            return ModelManifest.read(in, "classpath:" + resource);
        } catch (IOException e) {
            throw new ModelLoadException("cannot read " + resource + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param name bundled model name
     * @param fileName a file listed in its manifest
     * @return the file's bytes after SHA-256 verification against the manifest
     */
    public static byte[] bundledFile(String name, String fileName) {
        ModelManifest m = bundledManifest(name);
        for (Map.Entry<String, ModelManifest.FileEntry> e : m.files().entrySet()) {
            if (e.getValue().name().equals(fileName)) {
                return verifiedFile(m, e.getKey(), e.getValue(), classpath(name));
            }
        }
        throw new ModelLoadException("model '" + name + "': manifest lists no file '" + fileName + "'");
    }

    private static String manifestResource(String name) {
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("invalid model name '" + name + "'");
        }
        return ROOT + name + "/" + name + ".manifest.json";
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
