package org.deepspt.neural;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.ToIntFunction;
import org.deepspt.api.inference.InferenceBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds execution backends on the class path ({@link ServiceLoader}) and picks one by name.
 *
 * <p>{@code auto} picks the available backend of highest {@link InferenceBackend#priority() priority}
 * ({@code onnx} before {@code jvm}); for a streaming model ({@link #selectStreaming}), of highest
 * {@link InferenceBackend#streamingPriority() streaming priority} ({@code jvm} before {@code onnx}). When a
 * backend ranked higher is present but cannot run (for example ONNX Runtime's native library does not load on
 * this platform), one warning is logged with the reason. Naming a backend that is absent or unavailable is an
 * error that lists the alternatives.
 */
public final class InferenceBackends {
    /** The choice that picks the available backend of highest priority. */
    public static final String AUTO = "auto";
    private static final Logger LOG = LoggerFactory.getLogger(InferenceBackends.class);
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private InferenceBackends() {
    }

    /** @return the backends on the class path, highest priority first */
    public static List<InferenceBackend> all() {
        List<InferenceBackend> out = new ArrayList<>();
        ServiceLoader.load(InferenceBackend.class, InferenceBackends.class.getClassLoader()).forEach(out::add);
        out.sort(Comparator.comparingInt(InferenceBackend::priority).reversed());
        return out;
    }

    /**
     * The vocabulary of a {@code --backend} option, for help texts, choice lists and its check.
     *
     * @return {@code auto}, then the names of the backends on the class path, highest priority first
     */
    public static List<String> choices() {
        List<String> names = new ArrayList<>(List.of(AUTO));
        all().forEach(b -> names.add(b.name()));
        return List.copyOf(names);
    }

    /**
     * @param name {@code auto} or a backend's name
     * @return the backend
     * @throws IllegalArgumentException when no such backend can run here (the message says why and lists
     *     the backends found)
     */
    public static InferenceBackend select(String name) {
        return pick(all(), name, InferenceBackend::priority);
    }

    /**
     * As {@link #select}, for a streaming model: {@code auto} ranks by {@link InferenceBackend#streamingPriority()}.
     *
     * @param name {@code auto} or a backend's name
     * @return the backend
     * @throws IllegalArgumentException when no such backend can run here
     */
    public static InferenceBackend selectStreaming(String name) {
        return pick(all(), name, InferenceBackend::streamingPriority);
    }

    /**
     * @param all the backends, in {@link InferenceBackend#priority()} order
     * @param name {@code auto} or a backend's name
     * @param rank what {@code auto} ranks by, highest first (ties keep the order of {@code all})
     * @return the named backend, or for {@code auto} the available one of highest rank
     */
    static InferenceBackend pick(List<InferenceBackend> all, String name, ToIntFunction<InferenceBackend> rank) {
        Objects.requireNonNull(name, "name");
        if (all.isEmpty()) {
            throw new IllegalArgumentException("no inference backend on the class path: add "
                    + "org.deepspt:deepspt-jvm (pure Java) or org.deepspt:deepspt-onnx (ONNX Runtime)");
        }
        if (name.equals(AUTO)) {
            List<InferenceBackend> ranked = new ArrayList<>(all);
            ranked.sort(Comparator.comparingInt(rank).reversed());
            List<String> skipped = new ArrayList<>();
            for (InferenceBackend b : ranked) {
                if (b.isAvailable()) {
                    if (!skipped.isEmpty() && WARNED.compareAndSet(false, true)) {
                        LOG.warn("inference backend {} unavailable; using '{}'", skipped, b.name());
                    }
                    return b;
                }
                skipped.add(b.name() + " (" + b.unavailableReason() + ")");
            }
            throw new IllegalArgumentException("no inference backend can run here: " + skipped);
        }
        for (InferenceBackend b : all) {
            if (b.name().equals(name)) {
                if (!b.isAvailable()) {
                    throw new IllegalArgumentException("inference backend '" + name + "' cannot run here: "
                            + b.unavailableReason());
                }
                return b;
            }
        }
        List<String> names = new ArrayList<>();
        all.forEach(b -> names.add(b.name()));
        throw new IllegalArgumentException("unknown inference backend '" + name + "'; use auto or one of " + names);
    }
}
