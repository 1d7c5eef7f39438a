package org.deepspt.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.deepspt.api.Messages;
import org.deepspt.api.ReliabilityThresholds;
import org.deepspt.api.SegmenterOptions;
import org.deepspt.api.SegmenterProvenance;
import org.deepspt.api.inference.InferenceBackend;
import org.deepspt.api.inference.InferenceEngine;
import org.deepspt.api.inference.ModelLoadException;
import org.deepspt.api.inference.OnnxModelRules;
import org.deepspt.core.IoReason;
import org.deepspt.core.Sha256;
import org.deepspt.neural.InferenceBackends;
import org.deepspt.neural.NeuralSegmenter;
import org.deepspt.smoothing.BoundaryRefiner;
import org.deepspt.smoothing.DiffusivityChangeDetector;

/**
 * Loads segmentation models with their manifests, verifying the SHA-256 of every file the manifest lists
 * before the model is used, and runs them on the backend the options name.
 *
 * <ul>
 *   <li>Bundled models (artifact {@code org.deepspt:deepspt-models}) are class-path resources
 *       {@code org/deepspt/models/<name>/<name>.manifest.json} plus the files it lists;
 *       {@link #bundled(int, SegmenterOptions)} picks the default model of a dimension.</li>
 *   <li>User models: {@link #fromManifest(Path, SegmenterOptions)} with the files in the manifest's folder;
 *       {@code deepspt-models} is not needed for them.</li>
 * </ul>
 * The segmenters smooth with the options' {@link SegmenterOptions#switchPenalty()}, recalibrate their output with
 * the manifest's {@code output_calibration} ({@link ModelManifest#outputCalibration()}), move each change of state
 * of the smoothed path when {@link SegmenterOptions#refineBoundaries()} ({@link BoundaryRefiner#defaults()}), split
 * segments where D changes within a class when {@link SegmenterOptions#diffusivityChanges()}
 * ({@link DiffusivityChangeDetector#defaults()}), and judge every track
 * against the manifest's {@code reliability} thresholds, or {@link ReliabilityThresholds#defaults(int)} when it
 * has none. A missing file, a SHA-256 mismatch or an off-contract manifest throws {@link ModelLoadException} naming
 * the model, file and field. The segmenters returned record the verified SHA-256 of their ONNX file
 * ({@link NeuralSegmenter#modelSha256()}) and, in their {@link NeuralSegmenter#provenance() provenance}, where the
 * manifest and ONNX file were read from.
 *
 * <p>A user model's folder is read as little as possible: loading reads only the ONNX file (the test
 * tensors and other files a manifest lists are not the backend's business), and a file is read only when it
 * is a regular file inside the manifest's folder (a symbolic link may point elsewhere in that folder, never
 * out of it; a device, FIFO or folder is refused before it is opened) of at most the model's memory budget
 * ({@link OnnxModelRules#budgetBytes()}, checked from the file system before reading), then hashed.
 * The manifest itself must be a regular file of at most {@value #MAX_MANIFEST_BYTES} bytes.
 */
public final class SegmentationModels {
    /**
     * Name of the 2D ensemble: three members trained on the published protocol only (round 3); the most accurate
     * model on protocol-like tracks, but it reads a drop of D as confinement (issue 20), so it is no longer the
     * default.
     */
    public static final String ENSEMBLE_2D = "deepspt-unet-2d";
    /** Name of the 3D ensemble (round 3, protocol only). */
    public static final String ENSEMBLE_3D = "deepspt-unet-3d";
    /** Suffix of the single-member model. */
    private static final String FAST_SUFFIX = "-fast";
    /**
     * Name of the single-member 2D model, trained on the widened population (org.deepspt.sim.WideSimulator): a
     * third of the ensemble's arithmetic per frame.
     */
    public static final String FAST_2D = ENSEMBLE_2D + FAST_SUFFIX;
    /** Name of the single-member 3D model. */
    public static final String FAST_3D = ENSEMBLE_3D + FAST_SUFFIX;
    /** Suffix of the int8 model: the single-member model, quantised. */
    private static final String INT8_SUFFIX = "-int8";
    /** Name of the int8 2D model (the fast model with int8 convolutions, models/training/quantize_int8.py). */
    public static final String INT8_2D = ENSEMBLE_2D + INT8_SUFFIX;
    /** Name of the int8 3D model. */
    public static final String INT8_3D = ENSEMBLE_3D + INT8_SUFFIX;
    /**
     * Name of the default 2D model: the fastest model within 0.3 points of the best on the held-out sets
     * (issue 20), the int8 model (models/README.md, "Default model").
     */
    public static final String DEFAULT_2D = INT8_2D;
    /** Name of the default 3D model (the int8 model). */
    public static final String DEFAULT_3D = INT8_3D;

    private static final String ROOT = "org/deepspt/models/";
    /** Prefix of the locations of bundled models' files in their provenance. */
    private static final String CLASSPATH = "classpath:";

    /** Largest manifest read, in bytes (the bundled ones hold about 60 KB of metrics). */
    public static final int MAX_MANIFEST_BYTES = 4 << 20;

    private SegmentationModels() {
    }

    /** Reads the named files of a model, and says where they are (for provenance). */
    private interface FileSource {
        byte[] read(String fileName) throws IOException;

        /** @return where the file of that name is: {@code classpath:…} or an absolute path */
        String location(String fileName);

        /** @return where the model's manifest is */
        String manifestLocation();
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
     * @param dimension 2 or 3
     * @return the single-member (fast) model's name for that dimension
     */
    public static String fastName(int dimension) {
        return ensembleName(dimension) + FAST_SUFFIX;
    }

    /**
     * @param dimension 2 or 3
     * @return the int8 model's name for that dimension
     */
    public static String int8Name(int dimension) {
        return ensembleName(dimension) + INT8_SUFFIX;
    }

    /**
     * @param dimension 2 or 3
     * @return the protocol-only ensemble's name for that dimension
     */
    public static String ensembleName(int dimension) {
        return switch (dimension) {
            case 2 -> ENSEMBLE_2D;
            case 3 -> ENSEMBLE_3D;
            default -> throw new IllegalArgumentException("dimension must be 2 or 3, got " + dimension);
        };
    }

    /**
     * @param name a model name
     * @return true when a bundled model of that name is on the class path
     */
    public static boolean isBundled(String name) {
        return name.matches("[A-Za-z0-9._-]+")
                && SegmentationModels.class.getClassLoader().getResource(manifestResource(name)) != null;
    }

    /**
     * @param dimension 2 or 3
     * @param options backend and batching
     * @return the default bundled model of that dimension (close it when done)
     */
    public static NeuralSegmenter bundled(int dimension, SegmenterOptions options) {
        return bundled(defaultName(dimension), options);
    }

    /**
     * @param name model name, e.g. {@link #DEFAULT_2D}
     * @param options backend and batching
     * @return the segmenter (close it when done)
     */
    public static NeuralSegmenter bundled(String name, SegmenterOptions options) {
        return load(bundledManifest(name), classpath(name), options, 0);
    }

    /**
     * @param name model name
     * @param dimension 2 or 3: the tracks' dimension, checked against the manifest before any file is read
     * @param options backend and batching
     * @return the segmenter (close it when done)
     * @throws ModelLoadException when the model is of another dimension
     */
    public static NeuralSegmenter bundled(String name, int dimension, SegmenterOptions options) {
        return load(bundledManifest(name), classpath(name), options, dimension);
    }

    /**
     * As {@link #bundled(String, int, SegmenterOptions)} on a backend already selected for these options (no
     * second scan of the backends).
     *
     * @param name model name
     * @param dimension 2 or 3
     * @param options batching, engine options (the backend named there is not looked up again)
     * @param backend the backend selected for {@code options.backend()}
     * @return the segmenter (close it when done)
     */
    static NeuralSegmenter bundled(String name, int dimension, SegmenterOptions options, InferenceBackend backend) {
        Objects.requireNonNull(backend, "backend");
        return load(bundledManifest(name), classpath(name), options, dimension, () -> backend);
    }

    /**
     * @param manifestFile path of {@code <name>.manifest.json}; the files it lists are read from its folder
     * @param options backend and batching
     * @return the segmenter (close it when done)
     */
    public static NeuralSegmenter fromManifest(Path manifestFile, SegmenterOptions options) {
        return load(readManifest(manifestFile), folder(manifestFile), options, 0);
    }

    /**
     * @param manifestFile path of {@code <name>.manifest.json}
     * @param dimension 2 or 3: the tracks' dimension, checked against the manifest before any file is read
     * @param options backend and batching
     * @return the segmenter (close it when done)
     * @throws ModelLoadException when the model is of another dimension
     */
    public static NeuralSegmenter fromManifest(Path manifestFile, int dimension, SegmenterOptions options) {
        return load(readManifest(manifestFile), folder(manifestFile), options, dimension);
    }

    /**
     * @param manifestFile path of {@code <name>.manifest.json}
     * @return the manifest, checked against the contract
     */
    public static ModelManifest readManifest(Path manifestFile) {
        try {
            BasicFileAttributes a = Files.readAttributes(manifestFile, BasicFileAttributes.class);
            if (!a.isRegularFile()) {
                throw new ModelLoadException("manifest " + Messages.escape(manifestFile.toString())
                        + " is not a regular file (" + kind(a) + ")");
            }
            if (a.size() > MAX_MANIFEST_BYTES) {
                throw new ModelLoadException("manifest " + Messages.escape(manifestFile.toString()) + " holds "
                        + a.size() + " bytes, more than a manifest may (" + MAX_MANIFEST_BYTES + ")");
            }
        } catch (NoSuchFileException e) {
            throw new ModelLoadException("no such manifest file " + Messages.escape(manifestFile.toString()), e);
        } catch (IOException e) {
            throw new ModelLoadException("cannot read manifest " + Messages.escape(manifestFile.toString()) + ": "
                    + IoReason.of(e), e);
        }
        try (InputStream in = Files.newInputStream(manifestFile)) {
            return ModelManifest.read(in, manifestFile.toString());
        } catch (NoSuchFileException e) {
            throw new ModelLoadException("no such manifest file " + manifestFile, e);
        } catch (IOException e) {
            throw new ModelLoadException("cannot read manifest " + manifestFile + ": " + e.getMessage(), e);
        }
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
                throw new ModelLoadException("no bundled model '" + name + "' (resource " + resource
                        + " not on the class path; is org.deepspt:deepspt-models a dependency?)");
            }
            return ModelManifest.read(in, "classpath:" + resource);
        } catch (IOException e) {
            throw new ModelLoadException("cannot read " + resource + ": " + e.getMessage(), e);
        }
    }

    /**
     * The manifest of the model a segmenter runs, read from where its {@link SegmenterProvenance#manifest()} says
     * it was loaded from (a bundled resource or a file); for what a report shows of the model (test accuracy by
     * length) without looking the model's name up again.
     *
     * @param provenance a segmenter's provenance
     * @return its manifest; empty for a segmenter whose model came without one (or without a model)
     */
    public static Optional<ModelManifest> manifestOf(SegmenterProvenance provenance) {
        Optional<String> location = provenance.manifest();
        if (location.isEmpty()) {
            return Optional.empty();
        }
        String where = location.get();
        if (!where.startsWith(CLASSPATH)) {
            return Optional.of(readManifest(Path.of(where)));
        }
        String resource = where.substring(CLASSPATH.length());
        try (InputStream in = SegmentationModels.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new ModelLoadException("no bundled manifest " + resource + " on the class path");
            }
            return Optional.of(ModelManifest.read(in, where));
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

    /**
     * @param manifestFile a manifest
     * @param role a role of its {@code files} ({@code onnx}, {@code test-input}, ...)
     * @return the file's bytes after SHA-256 verification
     */
    public static byte[] manifestFile(Path manifestFile, String role) {
        ModelManifest m = readManifest(manifestFile);
        ModelManifest.FileEntry f = m.files().get(role);
        if (f == null) {
            throw new ModelLoadException("model '" + m.name() + "': manifest lists no file of role '" + role + "'");
        }
        return verifiedFile(m, role, f, folder(manifestFile));
    }

    private static FileSource classpath(String name) {
        ClassLoader cl = SegmentationModels.class.getClassLoader();
        return new FileSource() {
            @Override
            public byte[] read(String fileName) throws IOException {
                try (InputStream in = cl.getResourceAsStream(ROOT + name + "/" + fileName)) {
                    if (in == null) {
                        throw new NoSuchFileException(location(fileName));
                    }
                    return in.readAllBytes();
                }
            }

            @Override
            public String location(String fileName) {
                return CLASSPATH + ROOT + name + "/" + fileName;
            }

            @Override
            public String manifestLocation() {
                return CLASSPATH + manifestResource(name);
            }
        };
    }

    private static FileSource folder(Path manifestFile) {
        Path manifest = manifestFile.toAbsolutePath().normalize();
        Path dir = manifest.getParent();
        return new FileSource() {
            @Override
            public byte[] read(String fileName) throws IOException {
                return readModelFile(dir, fileName);
            }

            @Override
            public String location(String fileName) {
                return dir.resolve(fileName).toString();
            }

            @Override
            public String manifestLocation() {
                return manifest.toString();
            }
        };
    }

    /** A model file that is refused before it is opened; the message says why in words. */
    private static final class NotReadable extends IOException {
        private static final long serialVersionUID = 1L;

        NotReadable(String why) {
            super(why);
        }
    }

    /** @return what a non-regular file is, in words */
    private static String kind(BasicFileAttributes a) {
        return a.isDirectory() ? "a folder" : a.isSymbolicLink() ? "a symbolic link" : a.isOther()
                ? "a device, FIFO or socket" : "not a regular file";
    }

    /**
     * Reads {@code dir/fileName} after checking, from the file system and before opening it, that it is a
     * regular file within {@code dir} (following a symbolic link only when its target stays in {@code dir})
     * and no larger than the model's memory budget.
     */
    private static byte[] readModelFile(Path dir, String fileName) throws IOException {
        Path file = dir.resolve(fileName);
        BasicFileAttributes link = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (link.isSymbolicLink()) {
            Path target = file.toRealPath();
            if (!target.startsWith(dir.toRealPath())) {
                throw new NotReadable("it is a symbolic link to " + Messages.escape(target.toString())
                        + ", outside the model's folder");
            }
            file = target;
        }
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!a.isRegularFile()) {
            throw new NotReadable("it is not a regular file (" + kind(a) + ")");
        }
        long budget = OnnxModelRules.budgetBytes();
        if (a.size() > budget) {
            throw new NotReadable("it holds " + OnnxModelRules.describeBytes(a.size()) + ", more than the model's "
                    + "memory budget of " + OnnxModelRules.describeBytes(budget) + "; "
                    + OnnxModelRules.howToRaiseBudget());
        }
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] bytes = in.readNBytes((int) a.size());
            if (bytes.length != a.size() || in.read() >= 0) {
                throw new NotReadable("it changed while it was read (" + a.size() + " bytes when opened)");
            }
            return bytes;
        }
    }

    private static byte[] verifiedFile(ModelManifest manifest, String role, ModelManifest.FileEntry f,
            FileSource source) {
        byte[] bytes;
        try {
            bytes = source.read(f.name());
        } catch (NoSuchFileException ex) {
            throw new ModelLoadException("model '" + manifest.name() + "': file '" + f.name() + "' (" + role
                    + ") cannot be read: no such file", ex);
        } catch (IOException ex) {
            throw new ModelLoadException("model '" + manifest.name() + "': file '" + f.name() + "' (" + role
                    + ") cannot be read: " + (ex instanceof NotReadable ? ex.getMessage() : IoReason.of(ex)), ex);
        }
        String actual = Sha256.of(bytes);
        if (!actual.equals(f.sha256())) {
            throw new ModelLoadException("model '" + manifest.name() + "': file '" + f.name()
                    + "' is corrupted or replaced: sha256 " + actual + " does not match the manifest's "
                    + f.sha256());
        }
        return bytes;
    }

    private static NeuralSegmenter load(ModelManifest manifest, FileSource source, SegmenterOptions options,
            int dimension) {
        Objects.requireNonNull(options, "options");
        return load(manifest, source, options, dimension, () -> InferenceBackends.select(options.backend()));
    }

    /** @param selectBackend selects the backend, called once the model's file has been read and verified */
    private static NeuralSegmenter load(ModelManifest manifest, FileSource source, SegmenterOptions options,
            int dimension, java.util.function.Supplier<InferenceBackend> selectBackend) {
        if (dimension != 0 && manifest.dimension() != dimension) {
            throw new ModelLoadException("model '" + manifest.name() + "' is " + manifest.dimension()
                    + "D but the tracks are " + dimension + "D");
        }
        // Only the ONNX file: the test tensors and whatever else the manifest lists are not read to run it.
        byte[] onnx = verifiedFile(manifest, "onnx", manifest.onnxFile(), source);
        InferenceBackend backend = selectBackend.get();
        InferenceEngine engine = backend.load(onnx, manifest.name(), manifest.dimension(), options.engine());
        String graphInput = engine.inputName().orElse(manifest.inputName());
        if (!graphInput.equals(manifest.inputName())) {
            engine.close();
            throw new ModelLoadException("model '" + manifest.name() + "': the manifest's input.name is '"
                    + manifest.inputName() + "' but the ONNX graph's input is '" + graphInput + "'");
        }
        // The ONNX bytes were hashed by verifiedFiles and found equal to the manifest's digest.
        SegmenterProvenance provenance = SegmenterProvenance.ofModel(manifest.name(), engine.backend())
                .withManifest(source.manifestLocation()).withModelFile(source.location(manifest.onnxFile().name()))
                .withSha256(manifest.onnxFile().sha256());
        return NeuralSegmenter.of(provenance, engine, options.maxBatchSize(), options.minimumLength(),
                options.switchPenalty(), manifest.reliability().orElse(ReliabilityThresholds.defaults(
                        manifest.dimension())),
                options.diffusivityChanges() ? DiffusivityChangeDetector.defaults() : null,
                manifest.outputCalibration(), options.refineBoundaries() ? BoundaryRefiner.defaults() : null);
    }

    private static String manifestResource(String name) {
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("invalid model name '" + name + "'");
        }
        return ROOT + name + "/" + name + ".manifest.json";
    }
}
