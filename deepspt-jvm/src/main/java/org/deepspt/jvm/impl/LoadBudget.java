package org.deepspt.jvm.impl;

import org.deepspt.api.inference.OnnxModelRules;

/**
 * The memory budget of one model load on the current thread: while {@link ModelCompiler} decodes
 * initializers, folds constants and runs its trial, every fresh array the engine allocates is charged here
 * first, and a request that would pass the budget fails with an {@link Exceeded} (naming the bytes asked
 * for and the budget) before the array exists. Outside a load (the engine's runs) nothing is charged.
 *
 * <p>The budget counts bytes of Java arrays: 4 per float, 8 per int64 (and per int8/uint8 value, which the
 * engine holds as a long), 1 per bool. Thread-confined.
 */
final class LoadBudget implements AutoCloseable {
    private static final ThreadLocal<LoadBudget> CURRENT = new ThreadLocal<>();

    /** A load asked for more memory than its budget leaves. */
    static final class Exceeded extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        Exceeded(String message) {
            super(message);
        }
    }

    private final long limit;
    private final LoadBudget outer;
    private long used;

    private LoadBudget(long limit, LoadBudget outer) {
        this.limit = limit;
        this.outer = outer;
    }

    /**
     * @param limitBytes the budget of this load
     * @return the budget, in force on this thread until closed
     */
    static LoadBudget open(long limitBytes) {
        LoadBudget b = new LoadBudget(limitBytes, CURRENT.get());
        CURRENT.set(b);
        return b;
    }

    /**
     * Charges an allocation to the current thread's load, if any.
     *
     * @param elements array elements about to be allocated
     * @param bytesPerElement their size
     * @throws Exceeded when the load's budget does not leave room for them
     */
    static void charge(long elements, int bytesPerElement) {
        LoadBudget b = CURRENT.get();
        if (b == null) {
            return;
        }
        long bytes = elements > Long.MAX_VALUE / bytesPerElement ? Long.MAX_VALUE : elements * bytesPerElement;
        if (bytes > b.limit - b.used) {
            throw new Exceeded("needs " + OnnxModelRules.describeBytes(bytes) + " more, beyond the model's memory "
                    + "budget of " + OnnxModelRules.describeBytes(b.limit) + " (" + OnnxModelRules.describeBytes(b.used)
                    + " in use); " + OnnxModelRules.howToRaiseBudget());
        }
        b.used += bytes;
    }

    /** @return bytes charged so far */
    long used() {
        return used;
    }

    @Override
    public void close() {
        if (outer == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(outer);
        }
    }
}
