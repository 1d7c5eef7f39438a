package org.deepspt.jvm.impl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deepspt.jvm.impl.onnx.AttributeProto;
import org.deepspt.jvm.impl.onnx.NodeProto;

/**
 * Recognises GroupNorm as torch exports it with elementary operators and replaces the chain by one
 * {@link FusedGroupNorm} step (issue 9: the eleven elementwise passes cost as much as the convolutions):
 * <pre>
 * g  = Reshape(x, [b, G, −1])      μ = ReduceMean(g, axes [2 | −1], keepdims)   d = Sub(g, μ)
 * v  = ReduceMean(Mul(d, d), same)  s = Sqrt(Add(v, ε))                          n = Div(d, s)
 * y  = Add(Mul(Reshape(n, ·), w), β)                    [then Relu(y), when y has no other reader]
 * </pre>
 * (Add and Mul with either operand order). A chain is fused only when every intermediate value is read
 * by the chain alone and is not the graph output, and ε, w and β are initializers or Constant outputs;
 * anything else is left to the ordinary operators, so fusion never changes what a graph computes.
 */
final class GroupNormFusion {

    /**
     * One recognised chain.
     *
     * @param last the node whose output the fused step produces (the final Add, or the Relu)
     * @param nodes every node of the chain, {@code last} included
     * @param inputs x, the group shape, ε, w, β, the shape of the Reshape back
     * @param output the chain's output value
     * @param relu whether a Relu ends the chain
     */
    record Match(NodeProto last, List<NodeProto> nodes, String[] inputs, String output, boolean relu) {
    }

    private final Map<String, NodeProto> producer = new HashMap<>();
    private final Map<String, List<NodeProto>> consumers = new HashMap<>();
    private final Map<String, Integer> readers;
    private final Set<String> constants;
    private final String graphOutput;

    private GroupNormFusion(List<NodeProto> nodes, Map<String, Integer> readers, Set<String> constants,
            String graphOutput) {
        this.readers = readers;
        this.constants = constants;
        this.graphOutput = graphOutput;
        for (NodeProto n : nodes) {
            for (String o : n.getOutputList()) {
                producer.put(o, n);
            }
            for (String i : n.getInputList()) {
                consumers.computeIfAbsent(i, k -> new ArrayList<>()).add(n);
            }
        }
    }

    /**
     * @param nodes the graph's nodes in order
     * @param readers number of node inputs reading each value
     * @param initializers names of the graph's initializers
     * @param graphOutput the graph output's name
     * @return the chains to fuse, in graph order, non-overlapping
     */
    static List<Match> find(List<NodeProto> nodes, Map<String, Integer> readers, Set<String> initializers,
            String graphOutput) {
        Set<String> constants = new java.util.HashSet<>(initializers);
        for (NodeProto n : nodes) {
            if (n.getOpType().equals("Constant")) {
                constants.addAll(n.getOutputList());
            }
        }
        GroupNormFusion f = new GroupNormFusion(nodes, readers, constants, graphOutput);
        List<Match> out = new ArrayList<>();
        Set<NodeProto> used = new java.util.HashSet<>();
        for (NodeProto n : nodes) {
            if (n.getOpType().equals("Reshape") && n.getDomain().isEmpty()) {
                Match m = f.match(n);
                if (m != null && m.nodes().stream().noneMatch(used::contains)) {
                    used.addAll(m.nodes());
                    out.add(m);
                }
            }
        }
        return out;
    }

    private Match match(NodeProto reshape) {
        if (reshape.getInputCount() != 2) {
            return null;
        }
        String x = reshape.getInput(0);
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
        if (eps == null || !constants.contains(eps) || !internal(addEps.getOutput(0), 1)) {
            return null;
        }
        NodeProto sqrt = single(addEps.getOutput(0), "Sqrt");
        if (sqrt == null || !internal(sqrt.getOutput(0), 1) || !div.getInput(1).equals(sqrt.getOutput(0))
                || !internal(div.getOutput(0), 1)) {
            return null;
        }
        NodeProto back = single(div.getOutput(0), "Reshape");
        if (back == null || back.getInputCount() != 2 || !back.getInput(0).equals(div.getOutput(0))
                || !internal(back.getOutput(0), 1)) {
            return null;
        }
        NodeProto scale = single(back.getOutput(0), "Mul");
        String w = scale == null ? null : other(scale, back.getOutput(0));
        if (w == null || !constants.contains(w) || !internal(scale.getOutput(0), 1)) {
            return null;
        }
        NodeProto shift = single(scale.getOutput(0), "Add");
        String beta = shift == null ? null : other(shift, scale.getOutput(0));
        if (beta == null || !constants.contains(beta)) {
            return null;
        }
        List<NodeProto> chain = new ArrayList<>(List.of(reshape, mean, sub, square, var, addEps, sqrt, div, back,
                scale, shift));
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
        return new Match(last, chain, new String[] {x, reshape.getInput(1), eps, w, beta, back.getInput(1)}, y, relu);
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
