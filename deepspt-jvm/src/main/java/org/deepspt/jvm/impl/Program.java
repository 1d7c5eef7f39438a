package org.deepspt.jvm.impl;

/**
 * A compiled graph: the nodes left after constant folding and Conv+ReLU fusion, in topological order, with
 * their inputs and outputs as value slots, and for each step the slots whose last reader it is (their float
 * buffers go back to the run's {@link Arena} right after it). Immutable and thread-safe; each run brings its
 * own arena.
 */
public final class Program {

    /** One node to execute. */
    static final class Step {
        final Op op;
        final int[] in;
        final int[] out;
        final int[] release;
        final String node;
        final String opType;

        Step(Op op, int[] in, int[] out, int[] release, String node, String opType) {
            this.op = op;
            this.in = in;
            this.out = out;
            this.release = release;
            this.node = node;
            this.opType = opType;
        }
    }

    /** A node failed at run time; the message names it and its operator. */
    public static final class NodeFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NodeFailure(String node, String opType, Throwable cause) {
            super("node '" + node + "' (" + opType + "): " + cause.getMessage(), cause);
        }
    }

    private final String model;
    private final int slots;
    private final Tensor[] constants;
    private final Step[] steps;
    private final int[] inputSlots;
    private final int[] outputSlots;
    private final int dimension;
    private final long macsPerStep;
    private final String inputName;

    Program(String model, int slots, Tensor[] constants, Step[] steps, int inputSlot, int outputSlot, int dimension,
            long macsPerStep, String inputName) {
        this(model, slots, constants, steps, new int[] {inputSlot}, new int[] {outputSlot}, dimension, macsPerStep,
                inputName);
    }

    Program(String model, int slots, Tensor[] constants, Step[] steps, int[] inputSlots, int[] outputSlots,
            int dimension, long macsPerStep, String inputName) {
        this.inputName = inputName;
        this.model = model;
        this.slots = slots;
        this.constants = constants;
        this.steps = steps;
        this.inputSlots = inputSlots;
        this.outputSlots = outputSlots;
        this.dimension = dimension;
        this.macsPerStep = macsPerStep;
    }

    /** @return the name of the graph's input (e.g. {@code positions}) */
    public String inputName() {
        return inputName;
    }

    /** @return model name */
    public String model() {
        return model;
    }

    /** @return the last axis of the input, 2 or 3 */
    public int dimension() {
        return dimension;
    }

    /** @return number of steps executed per run */
    public int stepCount() {
        return steps.length;
    }

    /**
     * @return Conv multiply-adds per time step at full resolution summed over all Conv steps, each counted at
     *     its own resolution ignoring padding: a lower bound of the work per time step
     */
    public long convMacsPerStep() {
        return macsPerStep;
    }

    /**
     * @return whether a step runs a {@link Conv1dKernel} (a {@code Conv}, fused or not): the Vector API matters to
     *     this graph's speed
     */
    public boolean usesConv1dKernel() {
        for (Step s : steps) {
            if (s.op instanceof NnOps.Conv) {
                return true;
            }
        }
        return false;
    }

    /** @return node names of the steps in order */
    public String[] stepNames() {
        String[] s = new String[steps.length];
        for (int i = 0; i < steps.length; i++) {
            s[i] = steps[i].node;
        }
        return s;
    }

    /** @return operator types of the steps in order (fused convolutions as {@code Conv+Relu}) */
    public String[] stepOps() {
        String[] s = new String[steps.length];
        for (int i = 0; i < steps.length; i++) {
            s[i] = steps[i].opType;
        }
        return s;
    }

    /**
     * Runs the graph.
     *
     * @param input float32 {@code [batch, length, dimension]}
     * @param arena float buffers of this run
     * @return the graph output; its buffer belongs to {@code arena} (give it back once copied)
     * @throws NodeFailure naming the node whose operator failed
     */
    public Tensor run(Tensor input, Arena arena) {
        return run(input, arena, null, null);
    }

    /**
     * As {@link #run(Tensor, Arena)}, adding each step's time to {@code nanos[step]} when not null (a
     * profiling aid; the time source is {@code clock}, e.g. the thread's CPU time).
     */
    public Tensor run(Tensor input, Arena arena, long[] nanos, java.util.function.LongSupplier clock) {
        return execute(new Tensor[] {input}, arena, nanos, clock)[0];
    }

    /**
     * Runs a graph with several inputs and outputs (a streaming model: features and state in, probabilities and
     * next state out).
     *
     * @param inputs one tensor per graph input, in the compiler's order
     * @param arena float buffers of this run
     * @return one tensor per graph output, in the compiler's order; their buffers belong to {@code arena}
     * @throws NodeFailure naming the node whose operator failed
     */
    public Tensor[] runAll(Tensor[] inputs, Arena arena) {
        if (inputs.length != inputSlots.length) {
            throw new IllegalArgumentException("model '" + model + "' has " + inputSlots.length + " inputs, got "
                    + inputs.length);
        }
        return execute(inputs, arena, null, null);
    }

    private Tensor[] execute(Tensor[] inputs, Arena arena, long[] nanos, java.util.function.LongSupplier clock) {
        Tensor[] values = new Tensor[slots];
        System.arraycopy(constants, 0, values, 0, slots);
        for (int i = 0; i < inputSlots.length; i++) {
            values[inputSlots[i]] = inputs[i];
        }
        int step = 0;
        for (Step s : steps) {
                Tensor[] in = new Tensor[s.in.length];
                for (int i = 0; i < in.length; i++) {
                    in[i] = s.in[i] < 0 ? null : values[s.in[i]];
                }
                Tensor[] out = new Tensor[s.out.length];
                long t0 = nanos == null ? 0 : clock.getAsLong();
                try {
                    s.op.run(in, out, arena);
                } catch (NodeFailure e) {
                    throw e;
                } catch (RuntimeException e) {
                    throw new NodeFailure(s.node, s.opType, e);
                }
                if (nanos != null) {
                    nanos[step] += clock.getAsLong() - t0;
                }
                step++;
                for (int i = 0; i < out.length; i++) {
                    if (s.out[i] >= 0) {
                        values[s.out[i]] = out[i];
                    } else if (out[i] != null) {
                        out[i].release(arena);
                    }
                }
                for (int r : s.release) {
                    Tensor t = values[r];
                    if (t != null) {
                        t.release(arena);
                    }
                    values[r] = null;
                }
        }
        Tensor[] outs = new Tensor[outputSlots.length];
        for (int i = 0; i < outs.length; i++) {
            outs[i] = values[outputSlots[i]];
        }
        return outs;
    }
}
