package org.deepspt.spark;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.deepspt.api.Classifier;
import org.deepspt.api.Segmenter;
import org.deepspt.api.SegmenterOptions;
import org.deepspt.api.Segmenters;
import org.deepspt.classify.TrackClassifiers;
import org.deepspt.core.Sha256;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one executor JVM shares between its tasks: one segmenter per (model, dimension, segmenter options),
 * opened lazily on first use and closed at JVM exit, and one parsed classifier per JSON text. A model given
 * as a manifest path is keyed by the SHA-256 of the manifest (which lists the SHA-256 of each model file), so
 * the same model under two paths is opened once and a changed file under the same path is opened again.
 * Segmenters and classifiers are thread-safe, as their interfaces require, so concurrent tasks share them.
 */
final class ExecutorResources {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutorResources.class);
    private static final Map<String, Segmenter> SEGMENTERS = new ConcurrentHashMap<>();
    private static final Map<String, Classifier> CLASSIFIERS = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ExecutorResources::closeAll, "deepspt-close-segmenters"));
    }

    private ExecutorResources() {
    }

    /**
     * @param spec model spec ({@code unet}, {@code rolling-msd}, bundled name, manifest path)
     * @param dimension 2 or 3
     * @param options how to open it
     * @return the JVM's shared segmenter for these arguments (do not close it)
     */
    static Segmenter segmenter(String spec, int dimension, SegmenterOptions options) {
        String key = modelKey(spec) + "|" + dimension + "|" + options;
        return SEGMENTERS.computeIfAbsent(key, k -> {
            Segmenter s = Segmenters.open(spec, dimension, options);
            LOG.info("opened segmenter {} ({}D) for this JVM", s.name(), dimension);
            return s;
        });
    }

    /**
     * @param json classifier JSON
     * @return the JVM's parsed classifier for this text
     */
    static Classifier classifier(String json) {
        String key = Sha256.of(json.getBytes(StandardCharsets.UTF_8));
        return CLASSIFIERS.computeIfAbsent(key, k -> TrackClassifiers.fromJson(json, "classifier " + k));
    }

    private static String modelKey(String spec) {
        if (spec.endsWith(".json")) {
            Path p = Path.of(spec);
            if (Files.isRegularFile(p)) {
                return "sha256:" + Sha256.of(p);
            }
        }
        return spec;
    }

    private static void closeAll() {
        for (Segmenter s : SEGMENTERS.values()) {
            try {
                s.close();
            } catch (RuntimeException e) {
                LOG.debug("closing segmenter {} at exit failed", s.name(), e);
            }
        }
        SEGMENTERS.clear();
    }
}
