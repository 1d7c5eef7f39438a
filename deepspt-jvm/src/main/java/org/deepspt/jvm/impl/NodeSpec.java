package org.deepspt.jvm.impl;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deepspt.api.inference.ModelLoadException;
import org.deepspt.api.inference.OnnxModelRules;
import org.deepspt.jvm.impl.onnx.AttributeProto;
import org.deepspt.jvm.impl.onnx.NodeProto;

/**
 * A node being compiled: its name, operator, inputs (with the constant ones resolved) and typed access to
 * its attributes. Every refusal goes through {@link #refuse(String)}, whose message names the model, the
 * node and the operator.
 */
public final class NodeSpec {
    private final String model;
    private final NodeProto node;
    private final int opset;
    private final Tensor[] constants;
    private final Map<String, AttributeProto> attributes = new HashMap<>();

    /**
     * @param model model name for messages
     * @param node the ONNX node
     * @param opset opset version of the default domain
     * @param constants per input, its value when known at load time (initializer, constant), else null
     */
    public NodeSpec(String model, NodeProto node, int opset, Tensor[] constants) {
        this.model = model;
        this.node = node;
        this.opset = opset;
        this.constants = constants;
        for (AttributeProto a : node.getAttributeList()) {
            attributes.put(a.getName(), a);
        }
    }

    /** @return node name (may be empty in the file; then its first output) */
    public String name() {
        return node.getName().isEmpty() ? "<" + (node.getOutputCount() > 0 ? node.getOutput(0) : "?") + ">"
                : node.getName();
    }

    /** @return operator type, e.g. {@code Conv} */
    public String opType() {
        return node.getOpType();
    }

    /** @return the default-domain opset version in force */
    public int opset() {
        return opset;
    }

    /** @return number of inputs listed (including omitted optional ones) */
    public int inputCount() {
        return node.getInputCount();
    }

    /** @return number of outputs listed */
    public int outputCount() {
        return node.getOutputCount();
    }

    /** @param i input index @return whether input i is given (listed and not the empty name) */
    public boolean hasInput(int i) {
        return i < node.getInputCount() && !node.getInput(i).isEmpty();
    }

    /** @param i input index @return its load-time value, or null when it is computed at run time */
    public Tensor constant(int i) {
        return i < constants.length ? constants[i] : null;
    }

    /** @param i input index @return its load-time value; refuses the node when it is not constant */
    public Tensor requireConstant(int i, String what) {
        Tensor t = constant(i);
        if (t == null) {
            throw refuse(what + " (input " + i + ") must be a constant initializer");
        }
        return t;
    }

    /**
     * Refuses attributes other than {@code allowed}.
     *
     * @param allowed attribute names this implementation reads
     */
    public void allowAttributes(String... allowed) {
        Set<String> ok = Set.of(allowed);
        // The shared rules checked the file before this compiler saw it: an attribute the engine reads that
        // the rules refuse would be dead code, one the rules let through and the engine refuses a backend
        // disagreement. The lists are kept equal here, for every operator a test compiles.
        if (!ok.equals(OnnxModelRules.attributes(opType()))
                && !(opType().equals("ReduceMean") && OnnxModelRules.attributes(opType()).containsAll(ok))) {
            throw new IllegalStateException(opType() + ": the jvm engine reads attributes " + ok
                    + ", OnnxModelRules allows " + OnnxModelRules.attributes(opType()));
        }
        for (String a : attributes.keySet()) {
            if (!ok.contains(a)) {
                throw refuse("attribute '" + a + "' is not supported");
            }
        }
    }

    /** Refuses the node unless it has between min and max inputs and exactly the given number of outputs. */
    public void checkArity(int minIn, int maxIn, int minOut, int maxOut) {
        if (node.getInputCount() < minIn || node.getInputCount() > maxIn) {
            throw refuse("expects " + minIn + (maxIn != minIn ? "–" + maxIn : "") + " inputs, has "
                    + node.getInputCount());
        }
        for (int i = 0; i < minIn; i++) {
            if (node.getInput(i).isEmpty()) {
                throw refuse("input " + i + " is required");
            }
        }
        if (node.getOutputCount() < minOut || node.getOutputCount() > maxOut) {
            throw refuse("expects " + minOut + (maxOut != minOut ? "–" + maxOut : "") + " outputs, has "
                    + node.getOutputCount());
        }
    }

    /** @return whether the attribute is present */
    public boolean has(String name) {
        return attributes.containsKey(name);
    }

    /** @return integer attribute or the default */
    public long getInt(String name, long dflt) {
        AttributeProto a = attributes.get(name);
        if (a == null) {
            return dflt;
        }
        if (a.getType() != AttributeProto.AttributeType.INT) {
            throw refuse("attribute '" + name + "' must be an int");
        }
        return a.getI();
    }

    /** @return float attribute or the default */
    public float getFloat(String name, float dflt) {
        AttributeProto a = attributes.get(name);
        if (a == null) {
            return dflt;
        }
        if (a.getType() != AttributeProto.AttributeType.FLOAT) {
            throw refuse("attribute '" + name + "' must be a float");
        }
        return a.getF();
    }

    /** @return string attribute or the default */
    public String getString(String name, String dflt) {
        AttributeProto a = attributes.get(name);
        if (a == null) {
            return dflt;
        }
        if (a.getType() != AttributeProto.AttributeType.STRING) {
            throw refuse("attribute '" + name + "' must be a string");
        }
        return a.getS().toString(StandardCharsets.UTF_8);
    }

    /** @return ints attribute or the default (may be null) */
    public long[] getInts(String name, long[] dflt) {
        AttributeProto a = attributes.get(name);
        if (a == null) {
            return dflt;
        }
        if (a.getType() != AttributeProto.AttributeType.INTS) {
            throw refuse("attribute '" + name + "' must be a list of ints");
        }
        List<Long> v = a.getIntsList();
        long[] out = new long[v.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = v.get(i);
        }
        return out;
    }

    /** @return floats attribute or null */
    public float[] getFloats(String name) {
        AttributeProto a = attributes.get(name);
        if (a == null) {
            return null;
        }
        if (a.getType() != AttributeProto.AttributeType.FLOATS) {
            throw refuse("attribute '" + name + "' must be a list of floats");
        }
        float[] out = new float[a.getFloatsCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.getFloats(i);
        }
        return out;
    }

    /** @return tensor attribute decoded, or null when absent */
    public Tensor getTensor(String name) {
        AttributeProto a = attributes.get(name);
        if (a == null) {
            return null;
        }
        if (a.getType() != AttributeProto.AttributeType.TENSOR) {
            throw refuse("attribute '" + name + "' must be a tensor");
        }
        try {
            return TensorDecoder.decode(a.getT());
        } catch (IllegalArgumentException e) {
            throw refuse("attribute '" + name + "': " + e.getMessage());
        }
    }

    /** Refuses the node when a long attribute list differs from the expected value. */
    public void requireInts(String name, long[] value, long[] expected) {
        if (value != null && !Arrays.equals(value, expected)) {
            throw refuse("attribute " + name + "=" + Arrays.toString(value) + " is not supported (only "
                    + Arrays.toString(expected) + ")");
        }
    }

    /**
     * @param why what is not supported
     * @return an exception naming model, node and operator (to throw)
     */
    public ModelLoadException refuse(String why) {
        return new ModelLoadException("model '" + model + "': node '" + name() + "' (" + opType() + "): " + why);
    }
}
