package org.deepspt.jvm.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.deepspt.api.inference.EngineGate;
import org.deepspt.api.inference.InferenceException;
import org.deepspt.api.inference.StreamingEngine;
import org.deepspt.jvm.impl.onnx.GraphProto;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code jvm} engine of a streaming model. A graph of the streaming TCN architecture (any channels,
 * dilations, heads and feature count; {@link StreamingTcn}) runs as one fused step, its state carried in a ring
 * in place by {@link #stepSlots}, the batch split in tiles over up to {@code threads} threads (the caller's and
 * {@code threads − 1} daemon workers of this engine); any other streaming graph runs on the interpreter
 * ({@link Program}, a pool of {@link Arena}s, one lent to each step, on the caller's thread). Thread-safe.
 */
public final class JvmStreamingEngine implements StreamingEngine {
    private static final Logger LOG = LoggerFactory.getLogger(JvmStreamingEngine.class);
    /** Fewest batch rows per thread worth handing to a worker. */
    private static final int ROWS_PER_THREAD = StreamingTcn.TILE;

    private final Program program;
    private final StreamingTcn tcn;
    private final int features;
    private final int state;
    private final int heads;
    private final int threads;
    private final ExecutorService workers;
    private final ConcurrentLinkedQueue<Arena> arenas = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<StreamingTcn.Scratch> scratch = new ConcurrentLinkedQueue<>();
    private final EngineGate gate;

    private JvmStreamingEngine(Program program, StreamingTcn tcn, int features, int state, int heads, int threads) {
        this.program = program;
        this.tcn = tcn;
        this.features = features;
        this.state = state;
        this.heads = heads;
        this.threads = tcn == null ? 1 : threads;
        this.gate = new EngineGate("model '" + program.model() + "': the jvm engine is closed");
        if (this.threads > 1) {
            AtomicInteger n = new AtomicInteger();
            String prefix = "deepspt-stream-" + program.model() + "-";
            this.workers = Executors.newFixedThreadPool(this.threads - 1, r -> {
                Thread t = new Thread(r, prefix + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        } else {
            this.workers = null;
        }
    }

    /**
     * @param bytes ONNX protobuf of a streaming model
     * @param name model name for messages
     * @return the engine, one thread per step
     * @throws org.deepspt.api.inference.ModelLoadException when the graph is off-contract or not runnable
     */
    public static JvmStreamingEngine load(byte[] bytes, String name) {
        return load(bytes, name, 1);
    }

    /**
     * @param bytes ONNX protobuf of a streaming model
     * @param name model name for messages
     * @param threads threads one step may use, ≥ 1 (the fused TCN only; the interpreter uses one)
     * @return the engine; {@link #close()} stops its worker threads
     * @throws org.deepspt.api.inference.ModelLoadException when the graph is off-contract or not runnable
     * @throws IllegalArgumentException when threads is below 1
     */
    public static JvmStreamingEngine load(byte[] bytes, String name, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        Program p = ModelCompiler.compileStreaming(bytes, name, Kernels.conv1d());
        ModelCompiler.StreamSizes z;
        GraphProto g;
        try {
            g = org.deepspt.jvm.impl.onnx.ModelProto.parseFrom(bytes).getGraph();
            z = ModelCompiler.streamSizes("model '" + name + "': ", g, p);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new org.deepspt.api.inference.ModelLoadException("model '" + name + "': " + e.getMessage(), e);
        }
        StreamingTcn tcn = StreamingTcn.recognise(g, z.state());
        if (tcn != null && !agrees(p, tcn, z)) {
            LOG.warn("streaming model '{}': the fused TCN step disagrees with the graph on a trial step; the "
                    + "interpreter runs it", name);
            tcn = null;
        }
        if (tcn == null && p.usesConv1dKernel()) {
            Kernels.warnIfScalarFallback(); // the interpreter runs the graph's convolutions (the fused step has none)
        }
        LOG.debug("streaming model '{}': {}", name, tcn == null ? "interpreted" : "fused TCN, dilations "
                + java.util.Arrays.toString(tcn.dilations()));
        return new JvmStreamingEngine(p, tcn, z.features(), z.state(), z.heads(), threads);
    }

    /** Whether the fused step equals the interpreted graph (bit for bit but signed zeros) on a trial batch. */
    private static boolean agrees(Program p, StreamingTcn tcn, ModelCompiler.StreamSizes z) {
        int batch = 3;
        float[] f = new float[batch * z.features()];
        float[] s = new float[batch * z.state()];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) Math.sin(0.37 * i + 0.1);
        }
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) Math.cos(0.11 * i);
        }
        if (tcn.features() != z.features() || tcn.stateSize() != z.state()) {
            return false;
        }
        Tensor[] out = p.runAll(new Tensor[] {Tensor.of(new int[] {batch, z.features()}, f.clone()),
            Tensor.of(new int[] {batch, z.state()}, s.clone())}, new Arena());
        float[] probs = new float[batch * z.heads() * 4];
        float[] next = new float[batch * z.state()];
        if (out[0].size() != probs.length) {
            return false;
        }
        tcn.stepShift(f, s, probs, next, 0, batch, tcn.scratch());
        return close(out[0].floats(), probs) && close(out[1].floats(), next);
    }

    private static boolean close(float[] a, float[] b) {
        for (int i = 0; i < b.length; i++) {
            if (!(Math.abs(a[i] - b[i]) <= 1e-6f * Math.max(1f, Math.abs(a[i])))) {
                return false;
            }
        }
        return true;
    }

    /** @return whether the fused TCN step runs this model (else the interpreter) */
    public boolean fused() {
        return tcn != null;
    }

    @Override
    public String backend() {
        return "jvm";
    }

    @Override
    public int featureCount() {
        return features;
    }

    @Override
    public int stateSize() {
        return state;
    }

    @Override
    public int maxLag() {
        return heads - 1;
    }

    @Override
    public void step(float[] featuresIn, float[] stateIn, int batch, float[] probabilities, float[] nextState) {
        StreamingEngine.checkStep(this, program.model(), featuresIn, stateIn, batch, probabilities, nextState);
        gate.enter();
        Arena arena = arenas.poll();
        if (arena == null) {
            arena = new Arena();
        }
        try {
            if (tcn != null) {
                parallel(batch, (from, to, sc) -> tcn.stepShift(featuresIn, stateIn, probabilities, nextState, from,
                        to, sc));
                return;
            }
            float[] f = arena.take(batch * features);
            float[] s = arena.take(batch * state);
            System.arraycopy(featuresIn, 0, f, 0, batch * features);
            System.arraycopy(stateIn, 0, s, 0, batch * state);
            Tensor[] out = program.runAll(new Tensor[] {Tensor.of(new int[] {batch, features}, f),
                Tensor.of(new int[] {batch, state}, s)}, arena);
            System.arraycopy(out[0].floats(), 0, probabilities, 0, batch * heads * 4);
            System.arraycopy(out[1].floats(), 0, nextState, 0, batch * state);
            out[0].release(arena);
            out[1].release(arena);
            arena.give(f);
            arena.give(s);
        } catch (Program.NodeFailure e) {
            throw new InferenceException("model '" + program.model() + "', step of " + batch + " particles: "
                    + e.getMessage(), e);
        } catch (OutOfMemoryError e) {
            throw new InferenceException("model '" + program.model() + "', step of " + batch + " particles: out of "
                    + "memory", e);
        } finally {
            arenas.offer(arena);
            gate.exit();
        }
    }

    @Override
    public void stepSlots(float[] featuresIn, int batch, float[] states, int[] slots, long[] index, float[] headsOut) {
        if (tcn == null) {
            StreamingEngine.super.stepSlots(featuresIn, batch, states, slots, index, headsOut);
            return;
        }
        StreamingEngine.checkSlots(this, program.model(), featuresIn, batch, states, slots, index, headsOut);
        gate.enter();
        try {
            parallel(batch, (from, to, sc) -> tcn.stepRing(featuresIn, states, slots, index, headsOut, from, to, sc));
        } catch (OutOfMemoryError e) {
            throw new InferenceException("model '" + program.model() + "', step of " + batch + " particles: out of "
                    + "memory", e);
        } finally {
            gate.exit();
        }
    }

    /** Rows [from, to) of a fused step with a scratch. */
    private interface Rows {
        void run(int from, int to, StreamingTcn.Scratch scratch);
    }

    /** Splits the batch in tile-aligned parts, the first on the caller's thread, the others on the workers. */
    private void parallel(int batch, Rows rows) {
        int parts = (int) Math.max(1, Math.min(threads, (long) batch / ROWS_PER_THREAD));
        int tiles = (batch + StreamingTcn.TILE - 1) / StreamingTcn.TILE;
        List<Future<?>> pending = new ArrayList<>(parts - 1);
        for (int p = 1; p < parts; p++) {
            int from = Math.min(batch, tiles * p / parts * StreamingTcn.TILE);
            int to = Math.min(batch, tiles * (p + 1) / parts * StreamingTcn.TILE);
            pending.add(workers.submit(() -> withScratch(rows, from, to)));
        }
        try {
            withScratch(rows, 0, Math.min(batch, tiles / parts * StreamingTcn.TILE));
        } finally {
            for (Future<?> f : pending) {
                try {
                    f.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InferenceException("model '" + program.model() + "': interrupted during a step", e);
                } catch (ExecutionException e) {
                    throw new InferenceException("model '" + program.model() + "', step of " + batch
                            + " particles: " + e.getCause(), e.getCause());
                }
            }
        }
    }

    private void withScratch(Rows rows, int from, int to) {
        StreamingTcn.Scratch s = scratch.poll();
        if (s == null) {
            s = tcn.scratch();
        }
        try {
            rows.run(from, to, s);
        } finally {
            scratch.offer(s);
        }
    }

    @Override
    public void close() {
        gate.close(() -> {
            arenas.clear();
            scratch.clear();
            if (workers != null) {
                workers.shutdownNow();
            }
        });
    }
}
