package org.deepspt.jvm.impl;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.deepspt.api.inference.InferenceException;
import org.deepspt.api.inference.StreamingEngine;

/**
 * The {@code jvm} engine of a streaming model: a compiled two-input, two-output {@link Program} plus a pool of
 * {@link Arena}s, one lent to each step. Thread-safe; one step runs on the caller's thread.
 */
public final class JvmStreamingEngine implements StreamingEngine {
    private final Program program;
    private final int features;
    private final int state;
    private final int heads;
    private final ConcurrentLinkedQueue<Arena> arenas = new ConcurrentLinkedQueue<>();
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed;

    private JvmStreamingEngine(Program program, int features, int state, int heads) {
        this.program = program;
        this.features = features;
        this.state = state;
        this.heads = heads;
    }

    /**
     * @param bytes ONNX protobuf of a streaming model
     * @param name model name for messages
     * @return the engine
     * @throws org.deepspt.api.inference.ModelLoadException when the graph is off-contract or not runnable
     */
    public static JvmStreamingEngine load(byte[] bytes, String name) {
        Program p = ModelCompiler.compileStreaming(bytes, name, Kernels.conv1d());
        ModelCompiler.StreamSizes z;
        try {
            z = ModelCompiler.streamSizes("model '" + name + "': ",
                    org.deepspt.jvm.impl.onnx.ModelProto.parseFrom(bytes).getGraph(), p);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new org.deepspt.api.inference.ModelLoadException("model '" + name + "': " + e.getMessage(), e);
        }
        return new JvmStreamingEngine(p, z.features(), z.state(), z.heads());
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
        lock.readLock().lock();
        Arena arena = arenas.poll();
        if (arena == null) {
            arena = new Arena();
        }
        try {
            if (closed) {
                throw new InferenceException("model '" + program.model() + "': the jvm engine is closed");
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
            lock.readLock().unlock();
        }
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            closed = true;
            arenas.clear();
        } finally {
            lock.writeLock().unlock();
        }
    }
}
