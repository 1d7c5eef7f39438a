package org.deepspt.jvm.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.deepspt.api.inference.EngineGate;
import org.deepspt.api.inference.InferenceEngine;
import org.deepspt.api.inference.InferenceException;

/**
 * The {@code jvm} engine: a compiled {@link Program} plus a pool of {@link Arena}s, one lent to each run in
 * flight, so any number of threads can share the engine and a thread's later runs allocate no activation
 * buffers. With {@code intraOpThreads > 1} a batch is split into that many parts run in parallel (parallel
 * over tracks). {@link #close()} waits for runs in flight; runs after it throw {@link InferenceException}.
 */
public final class JvmEngine implements InferenceEngine {
    private final Program program;
    private final int threads;
    private final ConcurrentLinkedQueue<Arena> arenas = new ConcurrentLinkedQueue<>();
    private final EngineGate gate;
    private final ExecutorService pool;

    /**
     * @param program compiled model
     * @param intraOpThreads threads one run may use, ≥ 1
     */
    public JvmEngine(Program program, int intraOpThreads) {
        this.program = program;
        this.threads = Math.max(1, intraOpThreads);
        this.gate = new EngineGate("model '" + program.model() + "': the jvm engine is closed");
        this.pool = threads > 1 ? Executors.newFixedThreadPool(threads - 1, r -> {
            Thread t = new Thread(r, "deepspt-jvm-" + program.model());
            t.setDaemon(true);
            return t;
        }) : null;
    }

    @Override
    public java.util.Optional<String> inputName() {
        return java.util.Optional.of(program.inputName());
    }

    @Override
    public String backend() {
        return "jvm";
    }

    @Override
    public int dimension() {
        return program.dimension();
    }

    /** @return the compiled program (for diagnostics and benchmarks) */
    public Program program() {
        return program;
    }

    @Override
    public void run(float[] input, int batch, int length, float[] output) {
        InferenceEngine.checkRun(this, program.model(), input, batch, length, output);
        gate.enter();
        try {
            int parts = pool == null ? 1 : Math.min(threads, batch);
            if (parts == 1) {
                runPart(input, 0, batch, length, output);
                return;
            }
            List<Future<?>> futures = new ArrayList<>();
            int per = (batch + parts - 1) / parts;
            for (int b0 = per; b0 < batch; b0 += per) {
                int start = b0;
                int n = Math.min(per, batch - b0);
                futures.add(pool.submit(() -> runPart(input, start, n, length, output)));
            }
            runPart(input, 0, per, length, output);
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InferenceException("model '" + program.model() + "': interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof InferenceException) {
                throw (InferenceException) c;
            }
            throw new InferenceException("model '" + program.model() + "': " + c, c);
        } finally {
            gate.exit();
        }
    }

    private void runPart(float[] input, int b0, int batch, int length, float[] output) {
        int dim = program.dimension();
        Arena arena = arenas.poll();
        if (arena == null) {
            arena = new Arena();
        }
        float[] x = null;
        try {
            Tensor in;
            if (b0 == 0) {
                in = Tensor.of(new int[] {batch, length, dim}, input);
            } else {
                x = arena.take(batch * length * dim);
                System.arraycopy(input, b0 * length * dim, x, 0, batch * length * dim);
                in = Tensor.of(new int[] {batch, length, dim}, x);
            }
            Tensor out = program.run(in, arena);
            System.arraycopy(out.floats(), 0, output, b0 * length * 4, batch * length * 4);
            out.release(arena);
        } catch (Program.NodeFailure e) {
            throw new InferenceException("model '" + program.model() + "', batch of " + batch + " tracks of length "
                    + length + ": " + e.getMessage(), e);
        } catch (OutOfMemoryError e) {
            throw new InferenceException("model '" + program.model() + "', batch of " + batch + " tracks of length "
                    + length + ": out of memory", e);
        } finally {
            if (x != null) {
                arena.give(x);
            }
            arenas.offer(arena);
        }
    }

    @Override
    public void close() {
        gate.close(() -> {
            if (pool != null) {
                pool.shutdownNow();
            }
            arenas.clear();
        });
    }
}
