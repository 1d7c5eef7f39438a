package org.deepspt.api.inference;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.deepspt.api.Messages;
import org.jspecify.annotations.Nullable;

/**
 * The one check every inference backend runs on an ONNX file before it builds anything from it, so that the
 * backends refuse the same files with the same message: what our segmentation models use, and nothing
 * else.
 *
 * <ul>
 *   <li>Not empty, valid protobuf wire format, a graph, IR version {@value #MIN_IR_VERSION}–{@value
 *       #MAX_IR_VERSION}, default-domain opset {@value #MIN_OPSET}–{@value #MAX_OPSET} and no other domain,
 *       no model-local functions.</li>
 *   <li>Every node: default domain, an operator of {@link #OPERATORS}, attributes of that operator's list
 *       ({@link #attributes(String)}), no subgraph attribute (so {@code Loop}, {@code If}, {@code Scan} are
 *       refused even before their operator name is looked up).</li>
 *   <li>Every initializer and {@code Constant} tensor: no external data, an element type of float32, double,
 *       int32, int64, bool, int8 or uint8, non-negative dimensions, exactly as much data as its shape needs,
 *       int8/uint8 values within their type; all of them together within the model's memory budget
 *       ({@link #budgetBytes()}). A {@code ConstantOfShape} or {@code Expand} whose shape is a constant is
 *       held to the same budget.</li>
 *   <li>{@code QuantizeLinear} / {@code DequantizeLinear} with a constant scale: every scale finite and
 *       &gt; 0; a constant zero point int8 or uint8.</li>
 * </ul>
 * The check walks the protobuf wire format itself (no generated classes, no dependency) and allocates
 * nothing in proportion to what a field claims. Messages start with {@code model 'NAME': } and name the
 * node and operator or the tensor at fault. Thread-safe (stateless).
 */
public final class OnnxModelRules {

    /** Lowest IR version accepted (opset 13 needs IR 7). */
    public static final int MIN_IR_VERSION = 7;
    /** Highest IR version accepted: the newest that the bundled ONNX Runtime (1.28) reads. */
    public static final int MAX_IR_VERSION = 13;
    /** Lowest default-domain opset accepted. */
    public static final int MIN_OPSET = 13;
    /** Highest default-domain opset accepted. */
    public static final int MAX_OPSET = 21;

    /**
     * System property that sets the per-model memory budget in bytes (suffixes {@code k}, {@code m}, {@code g}
     * for KiB, MiB, GiB): {@code java -Ddeepspt.model.budget=2g -jar deepspt.jar ...}.
     */
    public static final String BUDGET_PROPERTY = "deepspt.model.budget";
    /** Default per-model memory budget: 512 MiB (the largest bundled model holds 13 MB of weights). */
    public static final long DEFAULT_BUDGET_BYTES = 512L << 20;

    /** Operators, with the attributes each may carry. */
    private static final Map<String, Set<String>> ALLOWED = allowed();

    /** Operators our models use and both backends run, in alphabetical order. */
    public static final List<String> OPERATORS = ALLOWED.keySet().stream().sorted().toList();

    private static final int FLOAT = 1;
    private static final int UINT8 = 2;
    private static final int INT8 = 3;
    private static final int INT32 = 6;
    private static final int INT64 = 7;
    private static final int BOOL = 9;
    private static final int DOUBLE = 11;

    private OnnxModelRules() {
    }

    private static Map<String, Set<String>> allowed() {
        Map<String, Set<String>> m = new HashMap<>();
        for (String op : List.of("Add", "Sub", "Mul", "Div", "Equal", "Relu", "Sqrt", "Log", "Exp", "Clip", "Where",
                "Unsqueeze", "Slice", "Expand")) {
            m.put(op, Set.of());
        }
        m.put("Mod", Set.of("fmod"));
        m.put("MatMul", Set.of());
        m.put("Gemm", Set.of("alpha", "beta", "transA", "transB"));
        m.put("Cast", Set.of("to", "saturate"));
        m.put("Constant", Set.of("value", "value_float", "value_floats", "value_int", "value_ints"));
        m.put("ConstantOfShape", Set.of("value"));
        m.put("Shape", Set.of("start", "end"));
        m.put("Reshape", Set.of("allowzero"));
        m.put("Transpose", Set.of("perm"));
        m.put("Concat", Set.of("axis"));
        m.put("Gather", Set.of("axis"));
        m.put("ReduceSum", Set.of("keepdims", "noop_with_empty_axes"));
        m.put("ReduceMean", Set.of("keepdims", "noop_with_empty_axes", "axes"));
        m.put("TopK", Set.of("axis", "largest", "sorted"));
        m.put("Softmax", Set.of("axis"));
        m.put("Conv", Set.of("auto_pad", "dilations", "group", "kernel_shape", "pads", "strides"));
        m.put("MaxPool", Set.of("auto_pad", "ceil_mode", "dilations", "kernel_shape", "pads", "storage_order",
                "strides"));
        m.put("InstanceNormalization", Set.of("epsilon"));
        m.put("Resize", Set.of("antialias", "axes", "coordinate_transformation_mode", "cubic_coeff_a",
                "exclude_outside", "extrapolation_value", "keep_aspect_ratio_policy", "mode", "nearest_mode"));
        m.put("Upsample", Set.of("mode"));
        m.put("QuantizeLinear", Set.of("axis", "saturate", "block_size", "output_dtype"));
        m.put("DequantizeLinear", Set.of("axis", "block_size"));
        return Map.copyOf(m);
    }

    /**
     * @param operator an ONNX operator of {@link #OPERATORS}
     * @return the attribute names it may carry (each backend may further refuse values it does not run)
     * @throws IllegalArgumentException for another operator
     */
    public static Set<String> attributes(String operator) {
        Set<String> s = ALLOWED.get(operator);
        if (s == null) {
            throw new IllegalArgumentException("not a supported operator: " + operator);
        }
        return s;
    }

    /**
     * @return the per-model memory budget in bytes: the system property {@value #BUDGET_PROPERTY} when set
     *     ({@code 768m}, {@code 2g}, or plain bytes), else {@value #DEFAULT_BUDGET_BYTES}
     * @throws IllegalArgumentException naming the property when its value is not a positive size
     */
    public static long budgetBytes() {
        String v = System.getProperty(BUDGET_PROPERTY);
        return v == null || v.isBlank() ? DEFAULT_BUDGET_BYTES : parseSize(v.strip());
    }

    private static long parseSize(String v) {
        String s = v.toLowerCase(Locale.ROOT);
        int shift = 0;
        char last = s.isEmpty() ? ' ' : s.charAt(s.length() - 1);
        if (last == 'k' || last == 'm' || last == 'g') {
            shift = last == 'k' ? 10 : last == 'm' ? 20 : 30;
            s = s.substring(0, s.length() - 1);
        }
        try {
            long n = Long.parseLong(s);
            if (n > 0 && n <= Long.MAX_VALUE >> shift) {
                return n << shift;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("-D" + BUDGET_PROPERTY + "=" + Messages.abbreviate(v)
                + " is not a positive size (bytes, or a number followed by k, m or g)");
    }

    /**
     * @param bytes a size in bytes
     * @return it in words, {@code 512 MiB}, {@code 8.0 GiB}, {@code 284 bytes}
     */
    public static String describeBytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return (v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v)) + " "
                + units[u];
    }

    /** @return how the budget is raised, for messages */
    public static String howToRaiseBudget() {
        return "raise it with java -D" + BUDGET_PROPERTY + "=SIZE (e.g. 2g)";
    }

    /**
     * Checks a model file against the rules, with the budget of {@link #budgetBytes()}.
     *
     * @param model the ONNX protobuf bytes
     * @param name the model's name, for messages
     * @throws ModelLoadException naming the model and the node, operator, tensor or field at fault
     */
    public static void check(byte[] model, String name) {
        check(model, name, budgetBytes());
    }

    /**
     * @param model the ONNX protobuf bytes
     * @param name the model's name, for messages
     * @param budgetBytes the most bytes that the model's constant tensors may declare together
     * @throws ModelLoadException naming the model and the node, operator, tensor or field at fault
     */
    public static void check(byte[] model, String name, long budgetBytes) {
        check(model, name, budgetBytes, false);
    }

    /**
     * Checks a streaming model (the online segmenter's: one step per call, its state carried between calls) against
     * the same rules, except the graph signature: float32 inputs {@code features} and {@code state} and two outputs
     * ({@code probabilities}, {@code next_state}).
     *
     * @param model the ONNX protobuf bytes
     * @param name the model's name, for messages
     * @throws ModelLoadException naming the model and the node, operator, tensor or field at fault
     */
    public static void checkStreaming(byte[] model, String name) {
        check(model, name, budgetBytes(), true);
    }

    private static void check(byte[] model, String name, long budgetBytes, boolean streaming) {
        String where = "model " + Messages.quote(name) + ": ";
        if (model.length == 0) {
            throw new ModelLoadException(where + "the model file is empty (0 bytes), not an ONNX model");
        }
        try {
            new Walk(where, budgetBytes, streaming).model(model);
        } catch (ProtoWire.Malformed e) {
            throw new ModelLoadException(where + "not an ONNX model (protobuf): " + e.getMessage());
        }
    }

    /** A constant tensor as far as the rules need it. */
    private record TensorFacts(String name, int type, long[] dims, long count, float[] smallFloats,
            long[] smallLongs) {
    }

    /** One occurrence of a typed value field of a tensor: packed (a slice) or one unpacked value. */
    private record Slice(int wireType, int from, int length, long value) {
    }

    /** One walk over one file. */
    private static final class Walk {
        private final String where;
        private final long budget;
        private long declared;
        private final Map<String, TensorFacts> constants = new HashMap<>();
        /**
         * Tensors computed from constants only (initializers, Constant outputs, and outputs of nodes whose every
         * input is one of these): their values do not depend on the track, so a shape among them is fixed.
         */
        private final Set<String> constantDerived = new java.util.HashSet<>();
        /** Values of small int64 vectors made by Concat (axis 0) of small int64 constants: shapes the rules can read. */
        private final Map<String, long[]> concatenated = new HashMap<>();
        private final boolean streaming;

        Walk(String where, long budget, boolean streaming) {
            this.where = where;
            this.budget = budget;
            this.streaming = streaming;
        }

        private ModelLoadException refuse(String why) {
            return new ModelLoadException(where + why);
        }

        void model(byte[] bytes) {
            ProtoWire r = ProtoWire.of(bytes, 0, bytes.length);
            long ir = -1;
            long opset = -1;
            ProtoWire graph = null;
            while (r.next()) {
                switch (r.field()) {
                    case 1 -> ir = expect(r, ProtoWire.VARINT, "ir_version").varint();
                    case 8 -> {
                        ProtoWire o = expect(r, ProtoWire.LEN, "opset_import").message();
                        String domain = "";
                        long version = -1;
                        while (o.next()) {
                            if (o.field() == 1) {
                                domain = expect(o, ProtoWire.LEN, "opset_import.domain").string();
                            } else if (o.field() == 2) {
                                version = expect(o, ProtoWire.VARINT, "opset_import.version").varint();
                            }
                        }
                        if (domain.isEmpty() || domain.equals("ai.onnx")) {
                            opset = version;
                        } else {
                            throw refuse("opset import of domain " + Messages.quote(domain)
                                    + " is not supported (only the default ONNX domain)");
                        }
                    }
                    case 7 -> graph = expect(r, ProtoWire.LEN, "graph").message();
                    case 25 -> throw refuse("model-local functions are not supported");
                    default -> {
                        // producer, doc strings, metadata, training info: not used
                    }
                }
            }
            if (graph == null) {
                throw refuse("not an ONNX model: it has no graph");
            }
            if (ir < MIN_IR_VERSION || ir > MAX_IR_VERSION) {
                throw refuse((ir < 0 ? "the IR version is missing" : "IR version " + ir + " is not supported")
                        + " (" + MIN_IR_VERSION + "–" + MAX_IR_VERSION + ")");
            }
            if (opset < MIN_OPSET || opset > MAX_OPSET) {
                throw refuse((opset < 0 ? "no opset of the default domain" : "opset " + opset
                        + " of the default domain is not supported") + " (" + MIN_OPSET + "–" + MAX_OPSET + ")");
            }
            graph(graph);
        }

        private static ProtoWire expect(ProtoWire r, int wireType, String what) {
            if (r.wireType() != wireType) {
                throw new ProtoWire.Malformed(what + " has wire type " + r.wireType() + ", expected " + wireType);
            }
            return r;
        }

        private void graph(ProtoWire g) {
            List<ProtoWire> nodes = new ArrayList<>();
            List<ProtoWire> inputs = new ArrayList<>();
            int outputs = 0;
            while (g.next()) {
                switch (g.field()) {
                    case 1 -> nodes.add(expect(g, ProtoWire.LEN, "node").message());
                    case 11 -> inputs.add(expect(g, ProtoWire.LEN, "graph.input").message());
                    case 12 -> outputs++;
                    case 5 -> {
                        TensorFacts t = tensor(expect(g, ProtoWire.LEN, "initializer").message(), "initializer");
                        constants.put(t.name(), t);
                    }
                    case 15 -> throw refuse("sparse initializers are not supported");
                    default -> {
                        // name, inputs, outputs, value infos, doc string
                    }
                }
            }
            input(inputs, outputs);
            int index = 0;
            for (ProtoWire n : nodes) {
                node(n, index++);
            }
        }

        /**
         * The segmentation contract's graph signature: one input besides the initializers, a float32 tensor of
         * rank 3 when its shape is given, and one output.
         */
        private void input(List<ProtoWire> inputs, int outputs) {
            List<String> names = new ArrayList<>();
            String name = null;
            long elemType = 0;
            int rank = -1;
            for (ProtoWire v : inputs) {
                String n = "";
                long type = 0;
                int r = -1;
                while (v.next()) {
                    if (v.field() == 1) {
                        n = expect(v, ProtoWire.LEN, "input.name").string();
                    } else if (v.field() == 2) {
                        ProtoWire t = expect(v, ProtoWire.LEN, "input.type").message();
                        while (t.next()) {
                            if (t.field() != 1) {
                                continue;
                            }
                            ProtoWire tensor = expect(t, ProtoWire.LEN, "input.type.tensor_type").message();
                            while (tensor.next()) {
                                if (tensor.field() == 1) {
                                    type = expect(tensor, ProtoWire.VARINT, "elem_type").varint();
                                } else if (tensor.field() == 2) {
                                    ProtoWire shape = expect(tensor, ProtoWire.LEN, "shape").message();
                                    r = 0;
                                    while (shape.next()) {
                                        r += shape.field() == 1 ? 1 : 0;
                                    }
                                }
                            }
                        }
                    }
                }
                if (!constants.containsKey(n)) {
                    names.add(n);
                    name = n;
                    elemType = type;
                    rank = r;
                }
            }
            if (streaming) {
                if (!names.equals(List.of("features", "state")) || outputs != 2) {
                    throw refuse("a streaming graph must have the inputs 'features' and 'state' (besides "
                            + "initializers) and two outputs, has " + names + " and " + outputs);
                }
                return;
            }
            if (names.size() != 1 || outputs != 1) {
                throw refuse("the graph must have one input (besides initializers) and one output, has "
                        + names.size() + " and " + outputs);
            }
            if (elemType != FLOAT || rank != -1 && rank != 3) {
                throw refuse("graph input " + Messages.quote(name) + " must be a float32 tensor [batch, length, "
                        + "dimension], is " + (elemType == FLOAT ? "float32" : typeName((int) elemType))
                        + (rank >= 0 ? " of rank " + rank : ""));
            }
        }

        private void node(ProtoWire n, int index) {
            List<String> inputs = new ArrayList<>();
            List<String> outputs = new ArrayList<>();
            List<ProtoWire> attributes = new ArrayList<>();
            String name = "";
            String op = "";
            String domain = "";
            while (n.next()) {
                switch (n.field()) {
                    case 1 -> inputs.add(expect(n, ProtoWire.LEN, "node.input").string());
                    case 2 -> outputs.add(expect(n, ProtoWire.LEN, "node.output").string());
                    case 3 -> name = expect(n, ProtoWire.LEN, "node.name").string();
                    case 4 -> op = expect(n, ProtoWire.LEN, "node.op_type").string();
                    case 5 -> attributes.add(expect(n, ProtoWire.LEN, "node.attribute").message());
                    case 7 -> domain = expect(n, ProtoWire.LEN, "node.domain").string();
                    default -> {
                        // doc string, overload
                    }
                }
            }
            if (!op.equals("Shape") && inputs.stream().allMatch(i -> i.isEmpty() || constantDerived.contains(i)
                    || constants.containsKey(i))) {
                constantDerived.addAll(outputs); // (a Constant node's output is one too: it has no inputs)
                if (op.equals("Concat") && outputs.size() == 1) {
                    long[] joined = joinSmallLongs(inputs);
                    if (joined != null) {
                        concatenated.put(outputs.get(0), joined);
                    }
                }
            }
            String label = name.isEmpty() ? (outputs.isEmpty() ? "#" + index : "<" + outputs.get(0) + ">") : name;
            String at = "node " + Messages.quote(label) + " (" + Messages.abbreviate(op) + "): ";
            if (!domain.isEmpty() && !domain.equals("ai.onnx")) {
                throw refuse(at + "domain " + Messages.quote(domain) + " is not supported");
            }
            Set<String> allowed = ALLOWED.get(op);
            if (allowed == null) {
                throw refuse(at + "operator is not supported (supported: " + String.join(", ", OPERATORS) + ")");
            }
            for (ProtoWire a : attributes) {
                attribute(a, at, allowed, op, outputs);
            }
            if (op.equals("QuantizeLinear") || op.equals("DequantizeLinear")) {
                quantisation(at, inputs);
            } else if (op.equals("ConstantOfShape") || op.equals("Expand")) {
                String shapeName = inputs.size() > (op.equals("Expand") ? 1 : 0)
                        ? inputs.get(op.equals("Expand") ? 1 : 0) : "";
                TensorFacts shape = constants.get(shapeName);
                long[] dims = shape != null ? shape.smallLongs() : concatenated.get(shapeName);
                if (dims == null && constantDerived.contains(shapeName)) {
                    // A fixed shape the rules cannot read: ONNX Runtime would allocate it on every run, whatever
                    // its size (the jvm engine folds and checks it at load time).
                    throw refuse(at + "its shape " + Messages.quote(shapeName) + " is computed from constants in a "
                            + "way these rules cannot evaluate, so its size cannot be checked against the model's "
                            + "memory budget before running; give the shape as a constant initializer");
                }
                if (dims != null) {
                    long count = 1;
                    for (long d : dims) {
                        if (d < 0) {
                            throw refuse(at + "shape has the negative dimension " + d);
                        }
                        count = d == 0 || count == 0 ? 0 : count > Long.MAX_VALUE / d ? Long.MAX_VALUE : count * d;
                    }
                    if (count > budget / 4) {
                        throw refuse(at + "its output of shape " + java.util.Arrays.toString(dims)
                                + " (" + count + " elements) exceeds the model's memory budget of "
                                + describeBytes(budget) + "; " + howToRaiseBudget());
                    }
                }
            }
        }

        /** @return the int64 values of the inputs joined, or null when one is not a small int64 vector known here */
        private long @Nullable [] joinSmallLongs(List<String> inputs) {
            long[] out = new long[0];
            for (String i : inputs) {
                TensorFacts t = constants.get(i);
                long[] v = t != null ? t.smallLongs() : concatenated.get(i);
                if (v == null || (t != null && t.dims().length > 1) || out.length + v.length > 64) {
                    return null;
                }
                long[] joined = java.util.Arrays.copyOf(out, out.length + v.length);
                System.arraycopy(v, 0, joined, out.length, v.length);
                out = joined;
            }
            return out;
        }

        private void attribute(ProtoWire a, String at, Set<String> allowed, String op, List<String> outputs) {
            String name = "";
            ProtoWire tensor = null;
            while (a.next()) {
                switch (a.field()) {
                    case 1 -> name = expect(a, ProtoWire.LEN, "attribute.name").string();
                    case 5 -> tensor = expect(a, ProtoWire.LEN, "attribute.t").message();
                    case 6, 11 -> throw refuse(at + "attribute " + Messages.quote(name)
                            + " holds a subgraph; subgraphs are not supported");
                    case 10, 22, 23 -> throw refuse(at + "attribute " + Messages.quote(name)
                            + " holds tensor lists or sparse tensors, which are not supported");
                    case 21 -> throw refuse(at + "attribute references (functions) are not supported");
                    default -> {
                        // type, scalar and list values: checked by the backend that reads them
                    }
                }
            }
            if (!allowed.contains(name)) {
                throw refuse(at + "attribute " + Messages.quote(name) + " is not supported"
                        + (allowed.isEmpty() ? " (the operator takes none)" : " (supported: "
                        + String.join(", ", allowed.stream().sorted().toList()) + ")"));
            }
            if (tensor != null) {
                TensorFacts t = tensor(tensor, at + "attribute " + Messages.quote(name) + ": tensor");
                if (op.equals("Constant") && !outputs.isEmpty()) {
                    constants.put(outputs.get(0), t);
                }
            }
        }

        private void quantisation(String at, List<String> inputs) {
            TensorFacts scale = inputs.size() > 1 ? constants.get(inputs.get(1)) : null;
            if (scale != null && scale.type() == FLOAT && scale.smallFloats() != null) {
                for (float s : scale.smallFloats()) {
                    if (!(s > 0 && s < Float.POSITIVE_INFINITY)) {
                        throw refuse(at + "scale " + Messages.quote(scale.name()) + " holds " + s
                                + "; a quantisation scale must be finite and > 0");
                    }
                }
            }
            TensorFacts zero = inputs.size() > 2 ? constants.get(inputs.get(2)) : null;
            if (zero != null && zero.type() != INT8 && zero.type() != UINT8) {
                throw refuse(at + "zero point " + Messages.quote(zero.name()) + " has element type "
                        + typeName(zero.type()) + "; it must be int8 or uint8");
            }
        }

        /**
         * Reads one TensorProto, checking it; allocates only for tensors of at most 4096 elements (their
         * values are kept for the quantisation and shape rules).
         */
        private TensorFacts tensor(ProtoWire t, String role) {
            String name = "";
            int type = 0;
            List<Long> dims = new ArrayList<>();
            long raw = -1;
            int rawFrom = 0;
            long typed = 0;
            boolean external = false;
            boolean strings = false;
            int[] typedField = {0};
            List<Slice> slices = new ArrayList<>();
            while (t.next()) {
                switch (t.field()) {
                    case 1 -> {
                        if (t.wireType() == ProtoWire.LEN) {
                            t.packedVarints(dims::add);
                        } else {
                            dims.add(expect(t, ProtoWire.VARINT, "tensor.dims").varint());
                        }
                        if (dims.size() > 64) {
                            throw refuse(role + " has more than 64 dimensions");
                        }
                    }
                    case 2 -> type = (int) expect(t, ProtoWire.VARINT, "tensor.data_type").varint();
                    case 8 -> name = expect(t, ProtoWire.LEN, "tensor.name").string();
                    case 9 -> {
                        raw = expect(t, ProtoWire.LEN, "tensor.raw_data").length();
                        rawFrom = t.sliceFrom();
                    }
                    case 13 -> external = true;
                    case 14 -> external |= t.wireType() == ProtoWire.VARINT && t.varint() == 1;
                    case 4, 5, 7, 10, 11 -> {
                        typedField[0] = t.field();
                        typed += typedCount(t);
                        slices.add(new Slice(t.wireType(), t.sliceFrom(), t.wireType() == ProtoWire.LEN ? t.length() : 0,
                                t.wireType() == ProtoWire.VARINT ? t.varint() : 0));
                    }
                    case 3, 6 -> strings = true;
                    default -> {
                        // doc string, metadata
                    }
                }
            }
            String what = role + " " + Messages.quote(name);
            if (strings) {
                throw refuse(what + " uses segments or string data, which are not supported");
            }
            if (external) {
                throw refuse(what + " uses external data, which is not supported");
            }
            int size = switch (type) {
                case FLOAT, INT32 -> 4;
                case INT64, DOUBLE -> 8;
                case UINT8, INT8, BOOL -> 1;
                default -> throw refuse(what + " has element type " + typeName(type)
                        + " (supported: float32, double, int32, int64, bool, int8, uint8)");
            };
            long count = 1;
            long[] d = new long[dims.size()];
            for (int i = 0; i < d.length; i++) {
                d[i] = dims.get(i);
                if (d[i] < 0) {
                    throw refuse(what + " has the negative dimension " + d[i]);
                }
                count = d[i] == 0 || count == 0 ? 0 : count > Long.MAX_VALUE / d[i] ? Long.MAX_VALUE : count * d[i];
            }
            long bytes = count > Long.MAX_VALUE / size ? Long.MAX_VALUE : count * size;
            String shape = java.util.Arrays.toString(d);
            if (bytes > budget - declared) {
                throw refuse(what + " of shape " + shape + " declares " + describeBytes(bytes)
                        + (declared > 0 ? " (" + describeBytes(declared) + " before it)" : "")
                        + ", more than the model's memory budget of " + describeBytes(budget) + "; "
                        + howToRaiseBudget());
            }
            if (raw >= 0 && typed > 0) {
                throw refuse(what + " has both raw_data and typed values");
            }
            if (raw >= 0 ? raw != bytes : typed != count) {
                throw refuse(what + " of shape " + shape + " needs " + (raw >= 0 ? bytes + " bytes of raw data"
                        : count + " values") + ", the file holds " + (raw >= 0 ? raw + " bytes" : typed + " values"));
            }
            if (raw < 0 && count > 0) {
                int expected = switch (type) {
                    case FLOAT -> 4;
                    case INT64 -> 7;
                    case DOUBLE -> 10;
                    default -> 5;
                };
                if (typedField[0] != expected) {
                    throw refuse(what + " of element type " + typeName(type) + " stores its values in the wrong "
                            + "field");
                }
            }
            declared += bytes;
            float[] floats = null;
            long[] longs = null;
            if (count <= 4096) {
                if (type == FLOAT) {
                    floats = new float[(int) count];
                    if (raw >= 0) {
                        for (int i = 0; i < count; i++) {
                            floats[i] = Float.intBitsToFloat(t.le32(rawFrom + 4 * i));
                        }
                    } else {
                        int i = 0;
                        for (Slice s : slices) {
                            if (s.wireType() == ProtoWire.LEN) {
                                for (int k = 0; k < s.length(); k += 4) {
                                    floats[i++] = Float.intBitsToFloat(t.le32(s.from() + k));
                                }
                            } else {
                                floats[i++] = Float.intBitsToFloat(t.le32(s.from()));
                            }
                        }
                    }
                } else if (type == INT64 || type == INT8 || type == UINT8 || type == INT32) {
                    longs = new long[(int) count];
                    if (raw >= 0) {
                        for (int i = 0; i < count; i++) {
                            int at = rawFrom + size * i;
                            longs[i] = switch (type) {
                                case INT64 -> (t.le32(at) & 0xffffffffL) | (long) t.le32(at + 4) << 32;
                                case INT32 -> t.le32(at);
                                case INT8 -> t.data()[at];
                                default -> t.data()[at] & 0xff;
                            };
                        }
                    } else {
                        int[] i = {0};
                        long[] out = longs;
                        for (Slice s : slices) {
                            if (s.wireType() == ProtoWire.LEN) {
                                ProtoWire.of(t.data(), s.from(), s.from() + s.length()).eachVarint(v -> out[i[0]++] = v);
                            } else {
                                out[i[0]++] = s.value();
                            }
                        }
                    }
                }
            }
            if ((type == INT8 || type == UINT8) && raw < 0 && count > 0) {
                checkRange(t, what, type, slices, longs);
            }
            return new TensorFacts(name, type, d, count, floats, longs);
        }

        private void checkRange(ProtoWire t, String what, int type, List<Slice> slices, long[] small) {
            long lo = type == INT8 ? -128 : 0;
            long hi = type == INT8 ? 127 : 255;
            long[] bad = {0};
            boolean[] found = {false};
            java.util.function.LongConsumer check = v -> {
                long x = (int) v; // int32_data holds int32 values as varints
                if (!found[0] && (x < lo || x > hi)) {
                    found[0] = true;
                    bad[0] = x;
                }
            };
            if (small != null) {
                for (long v : small) {
                    check.accept(v);
                }
            } else {
                for (Slice s : slices) {
                    if (s.wireType() == ProtoWire.LEN) {
                        ProtoWire.of(t.data(), s.from(), s.from() + s.length()).eachVarint(check);
                    } else {
                        check.accept(s.value());
                    }
                }
            }
            if (found[0]) {
                throw refuse(what + " holds " + bad[0] + ", outside the range of " + typeName(type) + " ("
                        + lo + "–" + hi + ")");
            }
        }

        private static long typedCount(ProtoWire t) {
            int f = t.field();
            if (t.wireType() != ProtoWire.LEN) {
                return 1;
            }
            return switch (f) {
                case 4 -> t.length() / 4 + (t.length() % 4 == 0 ? 0 : failFixed(f));
                case 10, 11 -> f == 10 ? t.length() / 8 + (t.length() % 8 == 0 ? 0 : failFixed(f))
                        : t.packedVarintCount();
                default -> t.packedVarintCount();
            };
        }

        private static long failFixed(int field) {
            throw new ProtoWire.Malformed("packed field " + field + " has a length that is not a whole number of "
                    + "values");
        }
    }

    private static String typeName(int type) {
        return switch (type) {
            case FLOAT -> "float32";
            case UINT8 -> "uint8";
            case INT8 -> "int8";
            case INT32 -> "int32";
            case INT64 -> "int64";
            case BOOL -> "bool";
            case DOUBLE -> "double";
            case 10 -> "float16";
            case 16 -> "bfloat16";
            case 8 -> "string";
            default -> "#" + type;
        };
    }
}
