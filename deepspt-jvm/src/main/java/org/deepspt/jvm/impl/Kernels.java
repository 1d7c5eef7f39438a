package org.deepspt.jvm.impl;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the Conv1d kernel once per JVM, after Lucene's {@code VectorizationProvider}: the JDK Vector API
 * when the incubator module {@code jdk.incubator.vector} is readable (started with
 * {@code --add-modules jdk.incubator.vector}), otherwise {@link ScalarConv1dKernel}. How to enable the fast
 * path is logged once, by {@link #warnIfScalarFallback()}, when a model whose graph has convolutions is loaded
 * (the U-Nets); a model without them (the streaming TCN, whose step is dense layers) never sees the warning.
 *
 * <p>Among the vector kernels, JDK 21 and later get the register-blocked one; JDK 17–20 the
 * memory-accumulating one (JDK 17 boxes the register-blocked kernel's loop-carried vectors; the measurement
 * is in BENCHMARKS.md). The system property {@code deepspt.jvm.kernel} ({@code scalar},
 * {@code vector-blocked}, {@code vector-blocked-4}, {@code vector-blocked-8}, {@code vector-accumulate})
 * overrides the choice for benchmarks.
 */
public final class Kernels {
    private static final Logger LOG = LoggerFactory.getLogger(Kernels.class);
    private static final String VECTOR_MODULE = "jdk.incubator.vector";
    private static final String PKG = "org.deepspt.jvm.impl.vector.";
    /** Kernel class names by variant. */
    private static final String BLOCKED = PKG + "BlockedVectorConv1dKernel";
    private static final String ACCUMULATE = PKG + "AccumulatingVectorConv1dKernel";

    private static final Conv1dKernel SCALAR = new ScalarConv1dKernel();
    private static final Conv1dKernel DEFAULT = select();
    /** Whether {@link #DEFAULT} is the scalar kernel for want of the Vector API (not forced by the property). */
    private static final boolean FELL_BACK = DEFAULT == SCALAR && !forced().equals("scalar") && !vectorApiAvailable();
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private Kernels() {
    }

    /** @return the kernel chosen for this JVM */
    public static Conv1dKernel conv1d() {
        return DEFAULT;
    }

    /** @return the scalar kernel */
    public static Conv1dKernel scalar() {
        return SCALAR;
    }

    /**
     * Logs once per JVM, at WARN, that convolutions run on scalar loops and how to enable the Vector API, when
     * {@link #conv1d()} fell back to the scalar kernel because the Vector API is not readable; nothing when the
     * Vector API kernel runs or {@code -Ddeepspt.jvm.kernel=scalar} chose the scalar one (a Vector API kernel that
     * does not load is logged when the kernel is chosen). Called by the engines that load a graph with
     * convolutions ({@link Program#usesConv1dKernel()}).
     *
     * @return whether this call logged the warning
     */
    public static boolean warnIfScalarFallback() {
        if (!FELL_BACK || !WARNED.compareAndSet(false, true)) {
            return false;
        }
        LOG.warn("deepspt-jvm: the Java Vector API is not enabled, so pure-JVM inference uses scalar loops "
                + "(several times slower). Start the JVM with --add-modules " + VECTOR_MODULE
                + " to enable the fast path.");
        return true;
    }

    /** @return whether the Vector API module is readable here */
    public static boolean vectorApiAvailable() {
        return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
    }

    /**
     * @param variant {@code vector-blocked} (8 or 4 channels per block by vector width),
     *     {@code vector-blocked-4}, {@code vector-blocked-8} or {@code vector-accumulate}
     * @return that Vector API kernel
     * @throws IllegalStateException when the Vector API is not readable or the kernel does not load
     */
    public static Conv1dKernel vector(String variant) {
        if (!vectorApiAvailable()) {
            throw new IllegalStateException("the Vector API is not enabled: start the JVM with --add-modules "
                    + VECTOR_MODULE);
        }
        String cls;
        Integer block = null;
        switch (variant) {
            case "vector-blocked":
                cls = BLOCKED;
                break;
            case "vector-blocked-4":
            case "vector-blocked-8":
                cls = BLOCKED;
                block = variant.endsWith("4") ? 4 : 8;
                break;
            case "vector-accumulate":
                cls = ACCUMULATE;
                break;
            default:
                throw new IllegalArgumentException("unknown kernel variant '" + variant + "'");
        }
        try {
            Class<?> c = Class.forName(cls);
            return (Conv1dKernel) (block == null ? c.getDeclaredConstructor().newInstance()
                    : c.getDeclaredConstructor(int.class).newInstance(block));
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("cannot load " + cls + ": " + e, e);
        }
    }

    /** @return the default vector variant for this JDK's feature version */
    public static String defaultVectorVariant() {
        return Runtime.version().feature() >= 21 ? "vector-blocked" : "vector-accumulate";
    }

    private static String forced() {
        return System.getProperty("deepspt.jvm.kernel", "auto").toLowerCase(Locale.ROOT);
    }

    private static Conv1dKernel select() {
        String forced = forced();
        if (forced.equals("scalar")) {
            LOG.info("deepspt-jvm: Conv1d kernel 'scalar' (forced by -Ddeepspt.jvm.kernel)");
            return SCALAR;
        }
        if (!vectorApiAvailable()) {
            LOG.debug("deepspt-jvm: Conv1d kernel 'scalar' (the Vector API is not enabled)");
            return SCALAR;
        }
        String variant = forced.equals("auto") ? defaultVectorVariant() : forced;
        try {
            Conv1dKernel k = vector(variant);
            LOG.info("deepspt-jvm: Conv1d kernel '{}' (Java {})", k.name(), Runtime.version().feature());
            return k;
        } catch (RuntimeException e) {
            LOG.warn("deepspt-jvm: the Vector API kernel did not load ({}); using scalar loops", e.toString());
            return SCALAR;
        }
    }
}
