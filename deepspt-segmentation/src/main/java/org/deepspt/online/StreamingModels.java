package org.deepspt.online;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.deepspt.api.inference.EngineOptions;
import org.deepspt.api.inference.InferenceBackend;
import org.deepspt.api.inference.ModelLoadException;
import org.deepspt.api.inference.StreamingEngine;
import org.deepspt.core.Sha256;
import org.deepspt.neural.InferenceBackends;

/**
 * Loads streaming models: the bundled ones (class-path resources of {@code org.deepspt:deepspt-models}, next to
 * the U-Nets) or a manifest on disk. A manifest of kind {@value #KIND} names the ONNX file and its SHA-256,
 * which is checked before the engine sees a byte.
 */
public final class StreamingModels {
    /** The manifest kind of a streaming model. */
    public static final String KIND = "deepspt-streaming-segmentation";
    /** The bundled 2D streaming model. */
    public static final String DEFAULT_2D = "deepspt-stream-2d";
    /** The bundled 3D streaming model. */
    public static final String DEFAULT_3D = "deepspt-stream-3d";
    private static final String ROOT = "org/deepspt/models/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private StreamingModels() {
    }

    /** @param dimension 2 or 3 @return the bundled streaming model's name */
    public static String defaultName(int dimension) {
        if (dimension != 2 && dimension != 3) {
            throw new IllegalArgumentException("dimension must be 2 or 3, got " + dimension);
        }
        return dimension == 2 ? DEFAULT_2D : DEFAULT_3D;
    }

    /**
     * The maximum lag of the bundled streaming model of a dimension, as its manifest declares it ({@code max_lag}),
     * read without loading the model: for checking a lag before the input arrives (the loaded model's
     * {@link StreamingModel#maxLag()} stays the authority).
     *
     * @param dimension 2 or 3
     * @return the declared maximum lag, frames
     * @throws ModelLoadException when the model is missing or its manifest declares no valid maximum lag
     */
    public static int bundledMaxLag(int dimension) {
        String name = defaultName(dimension);
        JsonNode m = readJson(ROOT + name + "/" + name + ".manifest.json", name);
        check(m, name, dimension);
        JsonNode lag = m.path("max_lag");
        if (!lag.canConvertToInt() || !lag.isIntegralNumber() || lag.asInt() < 0) {
            throw new ModelLoadException("streaming model '" + name + "': max_lag must be an integer >= 0, is '"
                    + lag + "'");
        }
        return lag.asInt();
    }

    /**
     * @param dimension 2 or 3
     * @param backend {@code auto} (the available backend of highest {@link InferenceBackend#streamingPriority()
     *     streaming priority}: {@code jvm}, else {@code onnx}), {@code onnx} or {@code jvm}
     * @return the bundled streaming model of that dimension; close it
     * @throws ModelLoadException when it is missing, corrupted or refused by the backend
     */
    public static StreamingModel bundled(int dimension, String backend) {
        return bundled(dimension, backend, EngineOptions.defaults());
    }

    /**
     * @param dimension 2 or 3
     * @param backend {@code auto} (the available backend of highest {@link InferenceBackend#streamingPriority()
     *     streaming priority}: {@code jvm}, else {@code onnx}), {@code onnx} or {@code jvm}
     * @param options engine options; {@link EngineOptions#intraOpThreads()} threads may share one step (the
     *     batch of a frame)
     * @return the bundled streaming model of that dimension; close it
     * @throws ModelLoadException when it is missing, corrupted or refused by the backend
     */
    public static StreamingModel bundled(int dimension, String backend, EngineOptions options) {
        Objects.requireNonNull(options, "options");
        String name = defaultName(dimension);
        String base = ROOT + name + "/";
        JsonNode m = readJson(base + name + ".manifest.json", name);
        String file = check(m, name, dimension);
        byte[] onnx;
        try (InputStream in = StreamingModels.class.getClassLoader().getResourceAsStream(base + file)) {
            if (in == null) {
                throw new ModelLoadException("streaming model '" + name + "': no resource " + base + file);
            }
            onnx = in.readAllBytes();
        } catch (IOException e) {
            throw new ModelLoadException("streaming model '" + name + "': " + e.getMessage(), e);
        }
        return load(m, name, dimension, onnx, backend, options);
    }

    /**
     * @param manifest a streaming model's manifest; its ONNX file is next to it
     * @param dimension 2 or 3 (must match the manifest)
     * @param backend {@code auto} (the available backend of highest {@link InferenceBackend#streamingPriority()
     *     streaming priority}: {@code jvm}, else {@code onnx}), {@code onnx} or {@code jvm}
     * @return the model; close it
     * @throws ModelLoadException naming the file or field at fault
     */
    public static StreamingModel fromManifest(Path manifest, int dimension, String backend) {
        return fromManifest(manifest, dimension, backend, EngineOptions.defaults());
    }

    /**
     * @param manifest a streaming model's manifest; its ONNX file is next to it
     * @param dimension 2 or 3 (must match the manifest)
     * @param backend {@code auto} (the available backend of highest {@link InferenceBackend#streamingPriority()
     *     streaming priority}: {@code jvm}, else {@code onnx}), {@code onnx} or {@code jvm}
     * @param options engine options (threads per step)
     * @return the model; close it
     * @throws ModelLoadException naming the file or field at fault
     */
    public static StreamingModel fromManifest(Path manifest, int dimension, String backend, EngineOptions options) {
        Objects.requireNonNull(options, "options");
        JsonNode m;
        try {
            m = JSON.readTree(Files.readAllBytes(manifest));
        } catch (IOException e) {
            throw new ModelLoadException(manifest + ": cannot read the manifest: " + e.getMessage(), e);
        }
        String name = m.path("name").asText(manifest.getFileName().toString());
        String file = check(m, name, dimension);
        byte[] onnx;
        try {
            onnx = Files.readAllBytes(manifest.toAbsolutePath().getParent().resolve(file));
        } catch (IOException e) {
            throw new ModelLoadException("streaming model '" + name + "': cannot read " + file + ": "
                    + e.getMessage(), e);
        }
        return load(m, name, dimension, onnx, backend, options);
    }

    private static JsonNode readJson(String resource, String name) {
        try (InputStream in = StreamingModels.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new ModelLoadException("no bundled streaming model '" + name + "' (resource " + resource
                        + "; add org.deepspt:deepspt-models)");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new ModelLoadException(resource + ": " + e.getMessage(), e);
        }
    }

    /** @return the ONNX file name after checking kind, dimension and the files entry */
    private static String check(JsonNode m, String name, int dimension) {
        if (!KIND.equals(m.path("kind").asText())) {
            throw new ModelLoadException("streaming model '" + name + "': manifest kind must be '" + KIND + "', is '"
                    + m.path("kind").asText() + "'");
        }
        if (m.path("dimension").asInt() != dimension) {
            throw new ModelLoadException("streaming model '" + name + "' is " + m.path("dimension").asInt()
                    + "D but the tracks are " + dimension + "D");
        }
        String file = m.path("files").path("onnx").path("name").asText("");
        if (!file.matches("[A-Za-z0-9._-]+")) {
            throw new ModelLoadException("streaming model '" + name + "': files.onnx.name must be a plain file name, "
                    + "is '" + file + "'");
        }
        return file;
    }

    private static StreamingModel load(JsonNode m, String name, int dimension, byte[] onnx, String backend,
            EngineOptions options) {
        Objects.requireNonNull(backend, "backend");
        String sha = m.path("files").path("onnx").path("sha256").asText("");
        String actual = Sha256.of(onnx);
        if (!actual.equals(sha)) {
            throw new ModelLoadException("streaming model '" + name + "': file is corrupted or replaced: sha256 "
                    + actual + " does not match the manifest's " + sha);
        }
        InferenceBackend b = InferenceBackends.selectStreaming(backend);
        StreamingEngine engine = b.loadStreaming(onnx, name, options);
        try {
            return StreamingModel.of(engine, name, dimension);
        } catch (IllegalArgumentException e) {
            engine.close();
            throw new ModelLoadException(e.getMessage(), e);
        }
    }
}
