package org.deepspt.jvm.impl;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deepspt.api.inference.ModelLoadException;
import org.deepspt.api.inference.OnnxModelRules;
import org.deepspt.jvm.impl.onnx.GraphProto;
import org.deepspt.jvm.impl.onnx.ModelProto;
import org.deepspt.jvm.impl.onnx.NodeProto;
import org.deepspt.jvm.impl.onnx.OperatorSetIdProto;
import org.deepspt.jvm.impl.onnx.TensorProto;
import org.deepspt.jvm.impl.onnx.TensorShapeProto;
import org.deepspt.jvm.impl.onnx.ValueInfoProto;

/**
 * Turns ONNX model bytes into a {@link Program}, refusing at load time anything the interpreter cannot run:
 * an operator outside {@link #SUPPORTED}, a domain other than the default one, an opset outside 13–21, an
 * attribute or attribute value not implemented, a non-constant weight, an input of the wrong shape, an
 * element type other than float32/int64/bool/int8/uint8. Messages name the model, the node and the operator.
 *
 * <p>Load-time work: decode initializers, fold every node whose inputs are all constant (Constant nodes,
 * shape arithmetic on constants), fuse Conv→Relu when the Conv output has no other reader, fuse the
 * GroupNorm chains, elementwise or through InstanceNormalization ({@link GroupNormFusion}, with a following
 * Relu), run each QuantizeLinear→DequantizeLinear pair as one float step ({@link QuantizeOps}; DequantizeLinear
 * of int8 weights is folded like any node on constants), pack Conv
 * weights for the chosen kernel, compute each value's last reader, and run the program once on small
 * inputs (lengths 1 and 17) so that a shape the operators refuse is reported now, not on the first track.
 */
public final class ModelCompiler {

    /** Operators the interpreter runs. */
    public static final List<String> SUPPORTED = OnnxModelRules.OPERATORS;

    /** Lowest default-domain opset accepted. */
    public static final int MIN_OPSET = OnnxModelRules.MIN_OPSET;
    /** Highest default-domain opset accepted. */
    public static final int MAX_OPSET = OnnxModelRules.MAX_OPSET;

    /** A step before its release list is known. */
    private record Pending(Op op, int[] in, int[] out, String node, String opType) {
    }

    private ModelCompiler() {
    }

    /**
     * @param bytes ONNX protobuf
     * @param model model name for messages
     * @param dimension expected last input axis, 2 or 3
     * @param kernel Conv1d kernel to pack weights for
     * @return the compiled program
     * @throws ModelLoadException when the model cannot be run, naming node and operator
     */
    public static Program compile(byte[] bytes, String model, int dimension, Conv1dKernel kernel) {
        OnnxModelRules.check(bytes, model);
        ModelProto proto;
        try {
            proto = ModelProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new ModelLoadException("model '" + model + "': not an ONNX protobuf: " + e.getMessage(), e);
        }
        return compile(proto, model, dimension, kernel);
    }

    /**
     * @param proto parsed model
     * @param model model name for messages
     * @param dimension expected last input axis, 2 or 3
     * @param kernel Conv1d kernel to pack weights for
     * @return the compiled program
     * @throws ModelLoadException when the model cannot be run, naming node and operator
     */
    public static Program compile(ModelProto proto, String model, int dimension, Conv1dKernel kernel) {
        try (LoadBudget budget = LoadBudget.open(OnnxModelRules.budgetBytes())) {
            return compileWithin(proto, model, dimension, kernel);
        }
    }

    private static Program compileWithin(ModelProto proto, String model, int dimension, Conv1dKernel kernel) {
        String where = "model '" + model + "': ";
        if (dimension != 2 && dimension != 3) {
            throw new ModelLoadException("model '" + model + "': dimension must be 2 or 3, got " + dimension);
        }
        return build(proto, model, dimension, kernel, false);
    }

    /**
     * Compiles a streaming model (see {@link org.deepspt.api.inference.StreamingEngine} for the contract):
     * inputs {@code features} [batch, F] and {@code state} [batch, S], outputs {@code probabilities}
     * [batch, K + 1, 4] and {@code next_state} [batch, S]; {@link Program#runAll} runs it.
     *
     * @param bytes ONNX protobuf
     * @param model model name for messages
     * @param kernel Conv1d kernel to pack weights for
     * @return the compiled program; its {@link Program#dimension()} is 0
     * @throws ModelLoadException when the model cannot be run or is off-contract, naming node and operator
     */
    public static Program compileStreaming(byte[] bytes, String model, Conv1dKernel kernel) {
        OnnxModelRules.checkStreaming(bytes, model);
        ModelProto proto;
        try {
            proto = ModelProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new ModelLoadException("model '" + model + "': not an ONNX protobuf: " + e.getMessage(), e);
        }
        return build(proto, model, 0, kernel, true);
    }

    /** Input and output names of a streaming graph, in {@link Program#runAll} order. */
    static final List<String> STREAM_INPUTS = List.of("features", "state");
    static final List<String> STREAM_OUTPUTS = List.of("probabilities", "next_state");

    private static Program build(ModelProto proto, String model, int dimension, Conv1dKernel kernel,
            boolean streaming) {
        String where = "model '" + model + "': ";
        int opset = -1;
        for (OperatorSetIdProto o : proto.getOpsetImportList()) {
            if (o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx")) {
                opset = (int) o.getVersion();
            }
        }
        if (opset < MIN_OPSET || opset > MAX_OPSET) {
            throw new ModelLoadException(where + "opset " + opset + " of the default domain is not supported ("
                    + MIN_OPSET + "–" + MAX_OPSET + ")");
        }
        GraphProto g = proto.getGraph();
        Map<String, Integer> slots = new HashMap<>();
        List<Tensor> constants = new ArrayList<>();
        for (TensorProto t : g.getInitializerList()) {
            try {
                slot(slots, constants, t.getName());
                constants.set(slots.get(t.getName()), TensorDecoder.decode(t));
            } catch (IllegalArgumentException e) {
                throw new ModelLoadException(where + "initializer '" + t.getName() + "': " + e.getMessage(), e);
            }
        }
        List<ValueInfoProto> inputs = new ArrayList<>();
        for (ValueInfoProto v : g.getInputList()) {
            if (!slots.containsKey(v.getName())) {
                inputs.add(v);
            }
        }
        List<String> inputNames = new ArrayList<>();
        List<String> outputNames = new ArrayList<>();
        if (streaming) {
            Map<String, ValueInfoProto> byName = new HashMap<>();
            inputs.forEach(v -> byName.put(v.getName(), v));
            List<String> outs = new ArrayList<>();
            g.getOutputList().forEach(v -> outs.add(v.getName()));
            if (!byName.keySet().equals(new HashSet<>(STREAM_INPUTS)) || inputs.size() != 2
                    || !new HashSet<>(outs).equals(new HashSet<>(STREAM_OUTPUTS)) || outs.size() != 2) {
                throw new ModelLoadException(where + "a streaming model has inputs " + STREAM_INPUTS + " and outputs "
                        + STREAM_OUTPUTS + ", found " + byName.keySet() + " and " + outs);
            }
            inputNames.addAll(STREAM_INPUTS);
            outputNames.addAll(STREAM_OUTPUTS);
        } else {
            if (inputs.size() != 1 || g.getOutputCount() != 1) {
                throw new ModelLoadException(where + "expected one input and one output, found " + inputs.size()
                        + " and " + g.getOutputCount());
            }
            checkInput(where, inputs.get(0), dimension);
            inputNames.add(inputs.get(0).getName());
            outputNames.add(g.getOutput(0).getName());
        }
        int[] inputSlots = new int[inputNames.size()];
        for (int i = 0; i < inputSlots.length; i++) {
            inputSlots[i] = slot(slots, constants, inputNames.get(i));
        }
        // The fusions below keep a graph output unfused; streaming graphs have none of them, so checking the
        // first output is enough there.
        String outputName = outputNames.get(0);

        // Readers of each value, for Conv→Relu fusion.
        Map<String, Integer> readers = new HashMap<>();
        for (NodeProto n : g.getNodeList()) {
            for (String i : n.getInputList()) {
                readers.merge(i, 1, Integer::sum);
            }
        }
        Map<String, NodeProto> fusedRelu = new HashMap<>(); // conv output -> relu node
        Set<NodeProto> skipped = new HashSet<>();
        Map<String, NodeProto> producer = new HashMap<>();
        for (NodeProto n : g.getNodeList()) {
            for (String o : n.getOutputList()) {
                producer.put(o, n);
            }
        }
        for (NodeProto n : g.getNodeList()) {
            if (n.getOpType().equals("Relu") && n.getDomain().isEmpty() && n.getInputCount() == 1) {
                NodeProto p = producer.get(n.getInput(0));
                if (p != null && p.getOpType().equals("Conv") && readers.getOrDefault(n.getInput(0), 0) == 1
                        && !n.getInput(0).equals(outputName)) {
                    fusedRelu.put(n.getInput(0), n);
                    skipped.add(n);
                }
            }
        }

        Map<String, Tensor> known = new HashMap<>(); // values known before folding: initializers, Constant nodes
        for (TensorProto t : g.getInitializerList()) {
            known.put(t.getName(), constants.get(slots.get(t.getName())));
        }
        for (NodeProto n : g.getNodeList()) {
            if (n.getOpType().equals("Constant") && n.getDomain().isEmpty() && n.getOutputCount() == 1) {
                try {
                    NodeSpec spec = new NodeSpec(model, n, opset, new Tensor[0]);
                    known.put(n.getOutput(0), ShapeOps.Constant.of(spec).value());
                } catch (ModelLoadException e) {
                    // Not a constant we can decode: the node is refused, with this message, where the graph runs it.
                }
            }
        }
        Map<NodeProto, GroupNormFusion.Match> groupNorms = new HashMap<>(); // last node of a chain -> chain
        for (GroupNormFusion.Match m : GroupNormFusion.find(g.getNodeList(), readers, known, outputName)) {
            groupNorms.put(m.last(), m);
            for (NodeProto c : m.nodes()) {
                if (c != m.last()) {
                    skipped.add(c);
                }
            }
        }

        Map<NodeProto, NodeProto> fakeQuant = QuantizeOps.pairs(g.getNodeList(), readers, outputName);
        skipped.addAll(fakeQuant.values());

        List<Pending> pending = new ArrayList<>();
        long macs = 0;
        Arena foldArena = new Arena();
        for (NodeProto n : g.getNodeList()) {
            if (skipped.contains(n)) {
                continue;
            }
            GroupNormFusion.Match gn = groupNorms.get(n);
            if (gn != null) {
                NodeSpec last = new NodeSpec(model, n, opset, new Tensor[0]);
                int[] in = new int[gn.inputs().length];
                for (int i = 0; i < in.length; i++) {
                    Integer s = slots.get(gn.inputs()[i]);
                    if (s == null) {
                        throw last.refuse("GroupNorm input '" + gn.inputs()[i] + "' is not produced by an earlier node");
                    }
                    in[i] = s;
                }
                if (slots.containsKey(gn.output())) {
                    throw last.refuse("output '" + gn.output() + "' is produced twice");
                }
                int[] out = {slot(slots, constants, gn.output())};
                pending.add(new Pending(new FusedGroupNorm(gn.relu(), gn.epsilon()), in, out, last.name(),
                        gn.relu() ? "GroupNorm+Relu" : "GroupNorm"));
                continue;
            }
            Tensor[] cin = new Tensor[n.getInputCount()];
            int[] in = new int[n.getInputCount()];
            boolean allConstant = true;
            NodeSpec spec = new NodeSpec(model, n, opset, cin);
            if (!n.getDomain().isEmpty() && !n.getDomain().equals("ai.onnx")) {
                throw spec.refuse("domain '" + n.getDomain() + "' is not supported");
            }
            for (int i = 0; i < in.length; i++) {
                String name = n.getInput(i);
                if (name.isEmpty()) {
                    in[i] = -1;
                    continue;
                }
                Integer s = slots.get(name);
                if (s == null) {
                    throw spec.refuse("input '" + name + "' is not produced by an earlier node (graph not in "
                            + "topological order, or unknown value)");
                }
                in[i] = s;
                cin[i] = constants.get(s);
                allConstant &= cin[i] != null;
            }
            Op op = create(spec, kernel);
            String opType = n.getOpType();
            String nodeName = spec.name();
            List<String> outs = new ArrayList<>(n.getOutputList());
            if (op instanceof NnOps.Conv && fusedRelu.containsKey(outs.get(0))) {
                NodeProto relu = fusedRelu.get(outs.get(0));
                op = ((NnOps.Conv) op).withRelu();
                outs.set(0, relu.getOutput(0));
                opType = "Conv+Relu";
            }
            if (fakeQuant.containsKey(n)) {
                op = ((QuantizeOps.QuantizeLinear) op).withDequantize();
                outs.set(0, fakeQuant.get(n).getOutput(0));
                opType = "QuantizeLinear+DequantizeLinear";
            }
            int[] out = new int[outs.size()];
            for (int i = 0; i < out.length; i++) {
                String name = outs.get(i);
                if (name.isEmpty()) {
                    out[i] = -1;
                    continue;
                }
                if (slots.containsKey(name)) {
                    throw spec.refuse("output '" + name + "' is produced twice");
                }
                out[i] = slot(slots, constants, name);
            }
            if (allConstant && !(op instanceof NnOps.Conv)) {
                Tensor[] res = new Tensor[out.length];
                try {
                    op.run(cin, res, foldArena);
                } catch (LoadBudget.Exceeded e) {
                    throw spec.refuse("folding it at load time " + e.getMessage());
                } catch (RuntimeException e) {
                    throw spec.refuse("fails on its constant inputs: " + e.getMessage());
                }
                for (int i = 0; i < out.length; i++) {
                    if (out[i] >= 0) {
                        constants.set(out[i], res[i].detached());
                    }
                }
                continue;
            }
            if (op instanceof NnOps.Conv) {
                macs += ((NnOps.Conv) op).macsPerStep();
            }
            pending.add(new Pending(op, in, out, nodeName, opType));
        }
        int[] outputSlots = new int[outputNames.size()];
        for (int i = 0; i < outputSlots.length; i++) {
            Integer os = slots.get(outputNames.get(i));
            if (os == null) {
                throw new ModelLoadException(where + "graph output '" + outputNames.get(i)
                        + "' is not produced by any node");
            }
            outputSlots[i] = os;
        }
        Set<Integer> pinned = new HashSet<>();
        Arrays.stream(inputSlots).forEach(pinned::add);
        Arrays.stream(outputSlots).forEach(pinned::add);

        // Last reader of every runtime value; values never read are released by their producer.
        int nSlots = constants.size();
        int[] last = new int[nSlots];
        Arrays.fill(last, -1);
        for (int i = 0; i < pending.size(); i++) {
            for (int s : pending.get(i).in()) {
                if (s >= 0) {
                    last[s] = i;
                }
            }
            for (int s : pending.get(i).out()) {
                if (s >= 0 && last[s] < i) {
                    last[s] = i;
                }
            }
        }
        List<List<Integer>> release = new ArrayList<>();
        for (int i = 0; i < pending.size(); i++) {
            release.add(new ArrayList<>());
        }
        for (int s = 0; s < nSlots; s++) {
            if (last[s] >= 0 && constants.get(s) == null && !pinned.contains(s)) {
                release.get(last[s]).add(s);
            }
        }
        Program.Step[] steps = new Program.Step[pending.size()];
        for (int i = 0; i < steps.length; i++) {
            Pending p = pending.get(i);
            int[] rel = release.get(i).stream().mapToInt(Integer::intValue).toArray();
            steps[i] = new Program.Step(p.op(), p.in(), p.out(), rel, p.node(), p.opType());
        }
        Program program = new Program(model, nSlots, constants.toArray(new Tensor[0]), steps, inputSlots,
                outputSlots, dimension, macs, inputNames.get(0));
        if (streaming) {
            streamingTrial(program, where, g);
        } else {
            trial(program, where, dimension);
        }
        return program;
    }

    /** Static sizes F, S, K + 1 of a streaming graph, from its declared input and output shapes. */
    record StreamSizes(int features, int state, int heads) {
    }

    /**
     * @return F and S from the declared input shapes, K + 1 from a trial step (exporters often leave output
     *     shapes symbolic)
     */
    static StreamSizes streamSizes(String where, GraphProto g, Program program) {
        int f = -1;
        int st = -1;
        for (ValueInfoProto v : g.getInputList()) {
            if (v.getName().equals("features")) {
                f = staticDim(where, v, 1, 2);
            } else if (v.getName().equals("state")) {
                st = staticDim(where, v, 1, 2);
            }
        }
        Tensor[] outs = program.runAll(new Tensor[] {Tensor.of(new int[] {1, f}, new float[f]),
            Tensor.of(new int[] {1, st}, new float[st])}, new Arena());
        if (outs[0] == null || outs[0].rank() != 3 || outs[0].dim(2) != 4) {
            throw new ModelLoadException(where + "output 'probabilities' must be [batch, K + 1, 4], is " + outs[0]);
        }
        return new StreamSizes(f, st, outs[0].dim(1));
    }

    private static int staticDim(String where, ValueInfoProto v, int axis, int rank) {
        TensorShapeProto shape = v.getType().getTensorType().getShape();
        if (shape.getDimCount() != rank || !shape.getDim(axis).hasDimValue() || shape.getDim(axis).getDimValue() < 1
                || shape.getDim(axis).getDimValue() > 1 << 20) {
            throw new ModelLoadException(where + "'" + v.getName() + "' must have rank " + rank + " and a static size "
                    + "1..2^20 on axis " + axis + " (only the batch axis is dynamic)");
        }
        return (int) shape.getDim(axis).getDimValue();
    }

    private static void streamingTrial(Program program, String where, GraphProto g) {
        StreamSizes z;
        try {
            z = streamSizes(where, g, program);
        } catch (Program.NodeFailure e) {
            throw new ModelLoadException(where + "a trial step on batch 1 failed at " + e.getMessage(), e);
        }
        Arena arena = new Arena();
        for (int batch : new int[] {1, 3}) {
            float[] f = new float[batch * z.features()];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) Math.sin(0.7 * i);
            }
            Tensor[] outs;
            try {
                outs = program.runAll(new Tensor[] {Tensor.of(new int[] {batch, z.features()}, f),
                    Tensor.of(new int[] {batch, z.state()}, new float[batch * z.state()])}, arena);
            } catch (Program.NodeFailure e) {
                throw new ModelLoadException(where + "a trial step on batch " + batch + " failed at " + e.getMessage(),
                        e);
            }
            if (outs[0] == null || !Arrays.equals(outs[0].shape(), new int[] {batch, z.heads(), 4})
                    || outs[1] == null || !Arrays.equals(outs[1].shape(), new int[] {batch, z.state()})) {
                throw new ModelLoadException(where + "outputs of a trial step are " + outs[0] + " and " + outs[1]
                        + ", expected FLOAT[" + batch + ", " + z.heads() + ", 4] and FLOAT[" + batch + ", " + z.state()
                        + "]");
            }
        }
    }

    private static void trial(Program program, String where, int dimension) {
        Arena arena = new Arena();
        int[][] cases = {{1, 1}, {2, 17}};
        for (int[] c : cases) {
            int batch = c[0];
            int length = c[1];
            float[] x = new float[batch * length * dimension];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) Math.sin(0.7 * i) * (1 + i % 5);
            }
            Tensor out;
            try {
                out = program.run(Tensor.of(new int[] {batch, length, dimension}, x), arena);
            } catch (Program.NodeFailure e) {
                throw new ModelLoadException(where + "a trial run on batch " + batch + ", length " + length
                        + " failed at " + e.getMessage(), e);
            }
            if (out == null || out.type() != Tensor.Type.FLOAT
                    || !Arrays.equals(out.shape(), new int[] {batch, length, 4})) {
                throw new ModelLoadException(where + "output of a trial run is " + out + ", expected FLOAT["
                        + batch + ", " + length + ", 4]");
            }
        }
    }

    private static void checkInput(String where, ValueInfoProto v, int dimension) {
        if (!v.getType().hasTensorType() || v.getType().getTensorType().getElemType() != 1) {
            throw new ModelLoadException(where + "input '" + v.getName() + "' must be a float32 tensor");
        }
        TensorShapeProto shape = v.getType().getTensorType().getShape();
        if (v.getType().getTensorType().hasShape()) {
            if (shape.getDimCount() != 3) {
                throw new ModelLoadException(where + "input '" + v.getName() + "' must have rank 3 [batch, length, "
                        + "dim], has rank " + shape.getDimCount());
            }
            TensorShapeProto.Dimension d = shape.getDim(2);
            if (d.hasDimValue() && d.getDimValue() != dimension) {
                throw new ModelLoadException(where + "input '" + v.getName() + "' has last dimension "
                        + d.getDimValue() + ", tracks have dimension " + dimension);
            }
        }
    }

    private static int slot(Map<String, Integer> slots, List<Tensor> constants, String name) {
        Integer s = slots.get(name);
        if (s != null) {
            return s;
        }
        slots.put(name, constants.size());
        constants.add(null);
        return constants.size() - 1;
    }

    /** @return the compiled operator for one node, or a refusal naming it */
    static Op create(NodeSpec n, Conv1dKernel kernel) {
        switch (n.opType()) {
            case "Add":
                return ElementwiseOps.Binary.of(n, ElementwiseOps.Kind.ADD);
            case "Sub":
                return ElementwiseOps.Binary.of(n, ElementwiseOps.Kind.SUB);
            case "Mul":
                return ElementwiseOps.Binary.of(n, ElementwiseOps.Kind.MUL);
            case "Div":
                return ElementwiseOps.Binary.of(n, ElementwiseOps.Kind.DIV);
            case "Mod":
                return ElementwiseOps.Binary.of(n, ElementwiseOps.Kind.MOD);
            case "Equal":
                return ElementwiseOps.Binary.of(n, ElementwiseOps.Kind.EQUAL);
            case "Relu":
                return ElementwiseOps.Unary.of(n, ElementwiseOps.Unary.Function.RELU);
            case "Sqrt":
                return ElementwiseOps.Unary.of(n, ElementwiseOps.Unary.Function.SQRT);
            case "Log":
                return ElementwiseOps.Unary.of(n, ElementwiseOps.Unary.Function.LOG);
            case "Exp":
                return ElementwiseOps.Unary.of(n, ElementwiseOps.Unary.Function.EXP);
            case "Clip":
                return ElementwiseOps.Clip.of(n);
            case "Where":
                return ElementwiseOps.Where.of(n);
            case "Cast":
                return ElementwiseOps.Cast.of(n);
            case "Constant":
                return ShapeOps.Constant.of(n);
            case "ConstantOfShape":
                return ShapeOps.ConstantOfShape.of(n);
            case "Shape":
                return ShapeOps.Shape.of(n);
            case "Reshape":
                return ShapeOps.Reshape.of(n);
            case "Unsqueeze":
                return ShapeOps.Unsqueeze.of(n);
            case "Transpose":
                return ShapeOps.Transpose.of(n);
            case "Concat":
                return ShapeOps.Concat.of(n);
            case "Slice":
                return ShapeOps.Slice.of(n);
            case "Gather":
                return ShapeOps.Gather.of(n);
            case "Expand":
                return ShapeOps.Expand.of(n);
            case "ReduceSum":
                return ReduceOps.ReduceSum.of(n);
            case "ReduceMean":
                return ReduceOps.ReduceSum.mean(n);
            case "TopK":
                return ReduceOps.TopK.of(n);
            case "Softmax":
                return ReduceOps.Softmax.of(n);
            case "Conv":
                return NnOps.Conv.of(n, kernel);
            case "Gemm":
                return LinearOps.Gemm.of(n);
            case "MatMul":
                return LinearOps.MatMul.of(n);
            case "MaxPool":
                return NnOps.MaxPool.of(n);
            case "InstanceNormalization":
                return NnOps.InstanceNormalization.of(n);
            case "Resize":
                return NnOps.Resize.of(n);
            case "Upsample":
                return NnOps.Resize.upsample(n);
            case "QuantizeLinear":
                return QuantizeOps.QuantizeLinear.of(n);
            case "DequantizeLinear":
                return QuantizeOps.DequantizeLinear.of(n);
            default:
                throw n.refuse("operator is not supported by the jvm backend (supported: "
                        + String.join(", ", SUPPORTED) + ")");
        }
    }
}
