package org.deepspt.api;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Which model a {@link Segmenter} runs, as recorded when it was opened ({@link Segmenter#provenance()}): the
 * model's name, the manifest and model file it was read from with the model file's SHA-256, and the inference
 * backend that runs it; for a method without a model (the rolling-MSD baseline), the method in words. A report or
 * a trained classifier records it so that a result can be traced to the exact model bytes.
 *
 * <p>Locations are as the opener read them: a file path, or {@code classpath:org/deepspt/models/…} for a bundled
 * model. Immutable and thread-safe; build one with {@link #of}, {@link #withoutModel} or {@link #ofModel} and the
 * {@code with…} copies.
 */
public final class SegmenterProvenance {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final String name;
    private final @Nullable String method;
    private final @Nullable String backend;
    private final @Nullable String manifest;
    private final @Nullable String modelFile;
    private final @Nullable String sha256;

    private SegmenterProvenance(String name, @Nullable String method, @Nullable String backend,
            @Nullable String manifest, @Nullable String modelFile, @Nullable String sha256) {
        this.name = Objects.requireNonNull(name, "name");
        this.method = method;
        this.backend = backend;
        this.manifest = manifest;
        this.modelFile = modelFile;
        this.sha256 = sha256;
    }

    /**
     * @param name the segmenter's name
     * @return a provenance that records nothing but the name (the default of {@link Segmenter#provenance()})
     */
    public static SegmenterProvenance of(String name) {
        return new SegmenterProvenance(name, null, null, null, null, null);
    }

    /**
     * @param name the segmenter's name, e.g. {@code rolling-msd}
     * @param method what it computes instead of running a model, in words, e.g. {@code rolling-MSD baseline}
     * @return the provenance of a segmenter without a model
     */
    public static SegmenterProvenance withoutModel(String name, String method) {
        return new SegmenterProvenance(name, requireText(method, "method"), null, null, null, null);
    }

    /**
     * @param name the model's name, e.g. {@code deepspt-unet-2d-int8}
     * @param backend the inference backend that runs it, e.g. {@code onnx} or {@code jvm}
     * @return the provenance of a model whose file is not known (add it with {@link #withModelFile} and
     *     {@link #withSha256})
     */
    public static SegmenterProvenance ofModel(String name, String backend) {
        return new SegmenterProvenance(name, null, requireText(backend, "backend"), null, null, null);
    }

    /**
     * @param file where the model file was read from (a path, or {@code classpath:…})
     * @return a copy with that model file
     */
    public SegmenterProvenance withModelFile(String file) {
        return new SegmenterProvenance(name, method, backend, manifest, requireText(file, "file"), sha256);
    }

    /**
     * @param sha256Hex SHA-256 of the model file's bytes, 64 lower-case hex digits
     * @return a copy with that digest
     * @throws IllegalArgumentException when the digest is not 64 lower-case hex digits
     */
    public SegmenterProvenance withSha256(String sha256Hex) {
        Objects.requireNonNull(sha256Hex, "sha256");
        if (!SHA256.matcher(sha256Hex).matches()) {
            throw new IllegalArgumentException("model '" + name + "': SHA-256 must be 64 lower-case hex digits, got '"
                    + sha256Hex + "'");
        }
        return new SegmenterProvenance(name, method, backend, manifest, modelFile, sha256Hex);
    }

    /**
     * @param manifestLocation where the model's manifest was read from (a path, or {@code classpath:…})
     * @return a copy with that manifest
     */
    public SegmenterProvenance withManifest(String manifestLocation) {
        return new SegmenterProvenance(name, method, backend, requireText(manifestLocation, "manifest"), modelFile,
                sha256);
    }

    private static String requireText(String s, String what) {
        Objects.requireNonNull(s, what);
        if (s.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        return s;
    }

    /** @return the model's (or method's) name */
    public String name() {
        return name;
    }

    /** @return whether the segmenter runs a model on an inference backend */
    public boolean usesModel() {
        return backend != null;
    }

    /** @return what a segmenter without a model computes, in words; empty for a model or when not recorded */
    public Optional<String> method() {
        return Optional.ofNullable(method);
    }

    /** @return the inference backend that runs the model ({@code onnx}, {@code jvm}, …); empty without a model */
    public Optional<String> backend() {
        return Optional.ofNullable(backend);
    }

    /** @return where the model's manifest was read from; empty when the model did not come with one */
    public Optional<String> manifest() {
        return Optional.ofNullable(manifest);
    }

    /** @return where the model file was read from; empty when not loaded from a file */
    public Optional<String> modelFile() {
        return Optional.ofNullable(modelFile);
    }

    /** @return SHA-256 of the model file's bytes, 64 lower-case hex digits; empty when not loaded from a file */
    public Optional<String> sha256() {
        return Optional.ofNullable(sha256);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof SegmenterProvenance p && name.equals(p.name) && Objects.equals(method, p.method)
                && Objects.equals(backend, p.backend) && Objects.equals(manifest, p.manifest)
                && Objects.equals(modelFile, p.modelFile) && Objects.equals(sha256, p.sha256);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, method, backend, manifest, modelFile, sha256);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("SegmenterProvenance[").append(name);
        if (method != null) {
            sb.append(", ").append(method);
        }
        if (backend != null) {
            sb.append(", backend ").append(backend);
        }
        if (modelFile != null) {
            sb.append(", ").append(modelFile);
        }
        if (sha256 != null) {
            sb.append(", sha256 ").append(sha256);
        }
        return sb.append(']').toString();
    }
}
