package org.deepspt.jvm.impl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deepspt.jvm.impl.onnx.AttributeProto;
import org.deepspt.jvm.impl.onnx.NodeProto;

/**
 * Recognises GroupNorm in either of the two forms our exports have used and replaces the chain by one
 * {@link FusedGroupNorm} step (issue 9: the eleven elementwise passes cost as much as the convolutions).
 *
 * <p>Elementwise form (torch's export of {@code GroupNorm1d}, models before the InstanceNormalization rewrite):
 * <pre>
 * g  = Reshape(x, [b, G, −1])      μ = ReduceMean(g, axes [2 | −1], keepdims)   d = Sub(g, μ)
 * v  = ReduceMean(Mul(d, d), same)  s = Sqrt(Add(v, ε))                          n = Div(d, s)
 * y  = Add(Mul(Reshape(n, ·), w), β)                    [then Relu(y), when y has no other reader]
 * </pre>
 * InstanceNormalization form ({@code models/training/instance_norm.py}):
 * <pre>
 * g  = Reshape(x, [0, G, −1])      n = InstanceNormalization(g, scale = 1 (G ones), B = 0 (G zeros), epsilon = ε)
 * y  = Add(Mul(Reshape(n, [0, C, −1]), w), β)           [then Relu(y), when y has no other reader]
 * </pre>
 * Both compute {@code y = (x − μ) / √(σ² + ε) · w[c] + β[c]} with μ and the biased σ² over each group of
 * C/G channels × L frames. Add and Mul are accepted with either operand order.
 *
 * <p>A chain is fused only when every intermediate value is read by the chain alone and is not the graph
 * output; ε, w and β (and, in the second form, the group shape and the InstanceNormalization scale and B) are
 * initializers or Constant outputs; ε is a single value; w and β have a per-channel shape ({@code [C, 1]} or
 * {@code [1, C, 1]}); both Reshapes have {@code allowzero = 0}; and the InstanceNormalization scale is G ones and
 * its B G zeros. Anything else is left to the ordinary operators, so fusion never changes what a graph computes;
 * the shapes that can only be known at run time (G, C, the reshape back) are checked by {@link FusedGroupNorm}.
 */
final class GroupNormFusion {

    /**
     * One recognised chain.
     *
     * @param last the node whose output the fused step produces (the final Add, or the Relu)
     * @param nodes every node of the chain, {@code last} included
     * @param inputs x, the group shape, w, β, the shape of the Reshape back (the inputs of {@link FusedGroupNorm})
     * @param epsilon ε, added to the variance
     * @param output the chain's output value
     * @param relu whether a Relu ends the chain
     */
    record Match(NodeProto last, List<NodeProto> nodes, String[] inputs, float epsilon, String output,
            boolean relu) {
    }

    private final Map<String, List<NodeProto>> consumers = new HashMap<>();
    private final Map<String, Integer> readers;
    private final Map<String, Tensor> constants;
    private final String graphOutput;

    private GroupNormFusion(List<NodeProto> nodes, Map<String, Integer> readers, Map<String, Tensor> constants,
            String graphOutput) {
        this.readers = readers;
        this.constants = constants;
        this.graphOutput = graphOutput;
        for (NodeProto n : nodes) {
            for (String i : n.getInputList()) {
                consumers.computeIfAbsent(i, k -> new ArrayList<>()).add(n);
            }
        }
    }

    /**
     * @param nodes the graph's nodes in order
     * @param readers number of node inputs reading each value
     * @param constants the values known at load time by name: initializers and Constant node outputs
     * @param graphOutput the graph output's name
     * @return the chains to fuse, in graph order, non-overlapping
     */
    static List<Match> find(List<NodeProto> nodes, Map<String, Integer> readers, Map<String, Tensor> constants,
            String graphOutput) {
        GroupNormFusion f = new GroupNormFusion(nodes, readers, constants, graphOutput);
        List<Match> out = new ArrayList<>();
        Set<NodeProto> used = new HashSet<>();
        for (NodeProto n : nodes) {
            if (n.getOpType().equals("Reshape") && n.getDomain().isEmpty()) {
                Match m = f.matchElementwise(n);
                if (m == null) {
                    m = f.matchInstanceNorm(n);
                }
                if (m != null && m.nodes().stream().noneMatch(used::contains)) {
                    used.addAll(m.nodes());
                    out.add(m);
                }
            }
        }
        return out;
    }

    private Match matchElementwise(NodeProto reshape) {
        if (!plainReshape(reshape)) {
            return null;
        }
        String g = reshape.getOutput(0);
        if (!internal(g, 2)) {
            return null;
        }
        NodeProto mean = only(g, "ReduceMean");
        NodeProto sub = only(g, "Sub");
        if (mean == null || sub == null || !meanOverLastAxis(mean) || !internal(mean.getOutput(0), 1)
                || !sub.getInput(0).equals(g) || !sub.getInput(1).equals(mean.getOutput(0))) {
            return null;
        }
        String d = sub.getOutput(0);
        if (!internal(d, 3)) {
            return null;
        }
        NodeProto square = only(d, "Mul");
        NodeProto div = only(d, "Div");
        if (square == null || div == null || !square.getInput(0).equals(d) || !square.getInput(1).equals(d)
                || !div.getInput(0).equals(d) || !internal(square.getOutput(0), 1)) {
            return null;
        }
        NodeProto var = single(square.getOutput(0), "ReduceMean");
        if (var == null || !meanOverLastAxis(var) || !internal(var.getOutput(0), 1)) {
            return null;
        }
        NodeProto addEps = single(var.getOutput(0), "Add");
        String eps = addEps == null ? null : other(addEps, var.getOutput(0));
        Tensor epsValue = eps == null ? null : constants.get(eps);
        if (epsValue == null || epsValue.type() != Tensor.Type.FLOAT || epsValue.size() != 1
                || !internal(addEps.getOutput(0), 1)) {
            return null;
        }
        NodeProto sqrt = single(addEps.getOutput(0), "Sqrt");
        if (sqrt == null || !internal(sqrt.getOutput(0), 1) || !div.getInput(1).equals(sqrt.getOutput(0))
                || !internal(div.getOutput(0), 1)) {
            return null;
        }
        List<NodeProto> chain = new ArrayList<>(List.of(reshape, mean, sub, square, var, addEps, sqrt, div));
        return affine(chain, reshape, div.getOutput(0), (float) epsValue.getDouble(0));
    }

    private Match matchInstanceNorm(NodeProto reshape) {
        if (!plainReshape(reshape) || !internal(reshape.getOutput(0), 1)) {
            return null;
        }
        String g = reshape.getOutput(0);
        NodeProto norm = single(g, "InstanceNormalization");
        if (norm == null || norm.getInputCount() != 3 || !norm.getInput(0).equals(g)
                || !filled(norm.getInput(1), 1f) || !filled(norm.getInput(2), 0f) || !internal(norm.getOutput(0), 1)) {
            return null;
        }
        float eps = 1e-5f;
        for (AttributeProto a : norm.getAttributeList()) {
            if (!a.getName().equals("epsilon") || a.getType() != AttributeProto.AttributeType.FLOAT) {
                return null;
            }
            eps = a.getF();
        }
        if (!(eps >= 0) || Float.isInfinite(eps)) {
            return null;
        }
        Tensor groupShape = constants.get(reshape.getInput(1));
        if (groupShape == null || groupShape.type() != Tensor.Type.INT64 || groupShape.size() != 3
                || groupShape.getLong(1) != constants.get(norm.getInput(1)).size()
                || groupShape.getLong(1) != constants.get(norm.getInput(2)).size()) {
            return null;
        }
        List<NodeProto> chain = new ArrayList<>(List.of(reshape, norm));
        return affine(chain, reshape, norm.getOutput(0), eps);
    }

    /**
     * The common tail {@code Add(Mul(Reshape(n, ·), w), β) [→ Relu]} after the normalised grouped value n.
     *
     * @param chain the nodes matched so far; the tail's nodes are appended
     * @return the match, or null when the tail is not there
     */
    private Match affine(List<NodeProto> chain, NodeProto reshape, String normalized, float eps) {
        NodeProto back = single(normalized, "Reshape");
        if (back == null || !plainReshape(back) || !back.getInput(0).equals(normalized)
                || !internal(back.getOutput(0), 1)) {
            return null;
        }
        NodeProto scale = single(back.getOutput(0), "Mul");
        String w = scale == null ? null : other(scale, back.getOutput(0));
        if (w == null || !perChannel(w) || !internal(scale.getOutput(0), 1)) {
            return null;
        }
        NodeProto shift = single(scale.getOutput(0), "Add");
        String beta = shift == null ? null : other(shift, scale.getOutput(0));
        if (beta == null || !perChannel(beta)) {
            return null;
        }
        chain.addAll(List.of(back, scale, shift));
        String y = shift.getOutput(0);
        NodeProto last = shift;
        boolean relu = false;
        NodeProto r = internal(y, 1) ? single(y, "Relu") : null;
        if (r != null) {
            chain.add(r);
            last = r;
            y = r.getOutput(0);
            relu = true;
        }
        return new Match(last, List.copyOf(chain),
                new String[] {reshape.getInput(0), reshape.getInput(1), w, beta, back.getInput(1)}, eps, y, relu);
    }

    /** A Reshape of two inputs with {@code allowzero} absent or 0 (a 0 in the shape copies the dimension). */
    private static boolean plainReshape(NodeProto n) {
        if (n.getInputCount() != 2) {
            return false;
        }
        for (AttributeProto a : n.getAttributeList()) {
            if (!a.getName().equals("allowzero") || a.getI() != 0) {
                return false;
            }
        }
        return true;
    }

    /** A float32 constant of shape {@code [C, 1]} or {@code [1, C, 1]}: per channel, broadcast on {@code [b, C, L]}. */
    private boolean perChannel(String value) {
        Tensor t = constants.get(value);
        if (t == null || t.type() != Tensor.Type.FLOAT) {
            return false;
        }
        int[] s = t.shape();
        return s.length == 2 && s[1] == 1 || s.length == 3 && s[0] == 1 && s[2] == 1;
    }

    /** A float32 constant of rank 1 whose every element is {@code v}. */
    private boolean filled(String value, float v) {
        Tensor t = constants.get(value);
        if (t == null || t.type() != Tensor.Type.FLOAT || t.rank() != 1) {
            return false;
        }
        float[] f = t.floats();
        for (int i = 0; i < t.size(); i++) {
            if (f[i] != v) {
                return false;
            }
        }
        return true;
    }

    /** A value read exactly {@code count} times, never the graph output. */
    private boolean internal(String value, int count) {
        return readers.getOrDefault(value, 0) == count && !value.equals(graphOutput);
    }

    /** The single consumer of {@code value} with that operator, or null. */
    private NodeProto single(String value, String op) {
        List<NodeProto> c = consumers.getOrDefault(value, List.of());
        return c.size() == 1 && c.get(0).getOpType().equals(op) && c.get(0).getDomain().isEmpty()
                && c.get(0).getOutputCount() == 1 ? c.get(0) : null;
    }

    /** The one consumer of {@code value} with that operator among several, or null. */
    private NodeProto only(String value, String op) {
        NodeProto found = null;
        for (NodeProto c : consumers.getOrDefault(value, List.of())) {
            if (c.getOpType().equals(op) && c.getDomain().isEmpty() && c.getOutputCount() == 1) {
                if (found != null && found != c) {
                    return null;
                }
                found = c;
            }
        }
        return found;
    }

    /** The other operand of a two-input node, or null when {@code value} is not one of its inputs. */
    private static String other(NodeProto n, String value) {
        if (n.getInputCount() != 2) {
            return null;
        }
        if (n.getInput(0).equals(value)) {
            return n.getInput(1);
        }
        return n.getInput(1).equals(value) ? n.getInput(0) : null;
    }

    /** ReduceMean over axis 2 (or −1) of a rank-3 value, keepdims = 1, axes as attribute (opset ≤ 17). */
    private static boolean meanOverLastAxis(NodeProto n) {
        if (n.getInputCount() != 1) {
            return false;
        }
        boolean keep = true;
        long[] axes = null;
        for (AttributeProto a : n.getAttributeList()) {
            switch (a.getName()) {
                case "keepdims" -> keep = a.getI() != 0;
                case "axes" -> axes = a.getIntsList().stream().mapToLong(Long::longValue).toArray();
                default -> {
                    return false;
                }
            }
        }
        return keep && axes != null && axes.length == 1 && (axes[0] == 2 || axes[0] == -1);
    }
}
