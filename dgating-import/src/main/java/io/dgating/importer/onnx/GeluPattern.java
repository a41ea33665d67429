package io.dgating.importer.onnx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Replaces the exact GELU as PyTorch exports it before opset 20,
 * {@code Mul(Mul(x, Add(Erf(Div(x, sqrt 2)), 1)), 0.5)}, by one {@code Gelu} node, so that the
 * translator sees one activation. Only the exact five-node chain is replaced, and only when its
 * inner values are used nowhere else.
 */
final class GeluPattern {

    private static final double SQRT2 = Math.sqrt(2.0);

    private GeluPattern() {
    }

    static List<OnnxNode> fuse(List<OnnxNode> nodes, Map<String, ConstTensor> constants) {
        Map<String, OnnxNode> producer = new HashMap<>();
        Map<String, List<OnnxNode>> consumers = new HashMap<>();
        for (OnnxNode n : nodes) {
            n.outputs().forEach(o -> producer.put(o, n));
            n.inputs().forEach(i -> consumers.computeIfAbsent(i, k -> new ArrayList<>()).add(n));
        }
        Set<OnnxNode> removed = new HashSet<>();
        Map<OnnxNode, OnnxNode> replacement = new HashMap<>();
        for (OnnxNode div : nodes) {
            if (!div.op().equals("Div") || !isConstant(constants, div.inputs().get(1), SQRT2, 1e-6)) {
                continue;
            }
            String x = div.inputs().get(0);
            OnnxNode erf = only(consumers, div.outputs().get(0), "Erf");
            OnnxNode add = erf == null ? null : only(consumers, erf.outputs().get(0), "Add");
            if (add == null || !isConstant(constants, other(add, erf.outputs().get(0)), 1.0, 0)) {
                continue;
            }
            OnnxNode mul = only(consumers, add.outputs().get(0), "Mul");
            if (mul == null || !x.equals(other(mul, add.outputs().get(0)))) {
                continue;
            }
            OnnxNode half = only(consumers, mul.outputs().get(0), "Mul");
            if (half == null || !isConstant(constants, other(half, mul.outputs().get(0)), 0.5, 0)) {
                continue;
            }
            removed.addAll(List.of(div, erf, add, mul, half));
            replacement.put(half, new OnnxNode("Gelu", div.name(), List.of(x), half.outputs(), Map.of()));
        }
        List<OnnxNode> out = new ArrayList<>();
        for (OnnxNode n : nodes) {
            if (replacement.containsKey(n)) {
                out.add(replacement.get(n));
            } else if (!removed.contains(n)) {
                out.add(n);
            }
        }
        return out;
    }

    private static OnnxNode only(Map<String, List<OnnxNode>> consumers, String value, String op) {
        List<OnnxNode> c = consumers.getOrDefault(value, List.of());
        return c.size() == 1 && c.get(0).op().equals(op) ? c.get(0) : null;
    }

    private static String other(OnnxNode binary, String one) {
        if (binary.inputs().size() != 2) {
            return "";
        }
        return binary.inputs().get(0).equals(one) ? binary.inputs().get(1) : binary.inputs().get(0);
    }

    private static boolean isConstant(Map<String, ConstTensor> constants, String value, double v, double tol) {
        ConstTensor c = constants.get(value);
        return c != null && c.size() == 1 && Math.abs(c.floats()[0] - v) <= Math.max(tol, 0) + 1e-12;
    }
}
