package io.dgating.importer.onnx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Replaces GELU as PyTorch exports it before opset 20 by one {@code Gelu} node, so that the
 * translator sees one activation: the exact form {@code Mul(Mul(x, Add(Erf(Div(x, sqrt 2)), 1)), 0.5)}
 * and the tanh approximation {@code 0.5 * (x * (1 + tanh(sqrt(2/pi) * (x + 0.044715 * x * (x * x)))))}
 * (with {@code approximate = "tanh"}). Only these chains are replaced, and only when their inner
 * values are used nowhere else; constants may stand on either side of a {@code Mul} or {@code Add}.
 */
final class GeluPattern {

    private static final double SQRT2 = Math.sqrt(2.0);
    private static final double SQRT_2_OVER_PI = Math.sqrt(2.0 / Math.PI);

    private GeluPattern() {}

    static List<OnnxNode> fuse(List<OnnxNode> nodes, Map<String, ConstTensor> constants) {
        Map<String, OnnxNode> producer = new HashMap<>();
        Map<String, List<OnnxNode>> consumers = new HashMap<>();
        for (OnnxNode n : nodes) {
            n.outputs().forEach(o -> producer.put(o, n));
            n.inputs()
                    .forEach(i ->
                            consumers.computeIfAbsent(i, k -> new ArrayList<>()).add(n));
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
        for (OnnxNode tanh : nodes) {
            if (tanh.op().equals("Tanh")) {
                matchTanh(tanh, producer, consumers, constants, removed, replacement);
            }
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

    // 0.5 * (x * (1 + tanh(c2 * (x + c1 * (x * (x * x))))))
    private static void matchTanh(
            OnnxNode tanh,
            Map<String, OnnxNode> producer,
            Map<String, List<OnnxNode>> consumers,
            Map<String, ConstTensor> constants,
            Set<OnnxNode> removed,
            Map<OnnxNode, OnnxNode> replacement) {
        OnnxNode scale = producer.get(tanh.inputs().get(0));
        String inner = scale == null ? null : constantOperand(scale, "Mul", constants, SQRT_2_OVER_PI, 1e-6);
        OnnxNode sum = inner == null ? null : single(producer, consumers, inner, "Add");
        if (sum == null) {
            return;
        }
        for (int side = 0; side < 2; side++) {
            String x = sum.inputs().get(side);
            OnnxNode cubic = single(producer, consumers, sum.inputs().get(1 - side), "Mul");
            String cube = cubic == null ? null : constantOperand(cubic, "Mul", constants, 0.044715, 1e-7);
            OnnxNode xCube = cube == null ? null : single(producer, consumers, cube, "Mul");
            if (xCube == null || !xCube.inputs().contains(x)) {
                continue;
            }
            String squareValue = other(xCube, x);
            OnnxNode square = single(producer, consumers, squareValue, "Mul");
            if (square == null
                    || !square.inputs().get(0).equals(x)
                    || !square.inputs().get(1).equals(x)) {
                continue;
            }
            OnnxNode plusOne = only(consumers, tanh.outputs().get(0), "Add");
            if (plusOne == null
                    || !isConstant(constants, other(plusOne, tanh.outputs().get(0)), 1.0, 0)) {
                continue;
            }
            OnnxNode times = only(consumers, plusOne.outputs().get(0), "Mul");
            if (times == null || !x.equals(other(times, plusOne.outputs().get(0)))) {
                continue;
            }
            OnnxNode half = only(consumers, times.outputs().get(0), "Mul");
            if (half == null
                    || !isConstant(constants, other(half, times.outputs().get(0)), 0.5, 0)) {
                continue;
            }
            removed.addAll(List.of(square, xCube, cubic, sum, scale, tanh, plusOne, times, half));
            replacement.put(
                    half, new OnnxNode("Gelu", tanh.name(), List.of(x), half.outputs(), Map.of("approximate", "tanh")));
            return;
        }
    }

    /** {@return the computed operand of a binary {@code op} whose other operand is the constant {@code v}, or null} */
    private static String constantOperand(
            OnnxNode n, String op, Map<String, ConstTensor> constants, double v, double tol) {
        if (!n.op().equals(op) || n.inputs().size() != 2) {
            return null;
        }
        for (int side = 0; side < 2; side++) {
            if (isConstant(constants, n.inputs().get(side), v, tol)) {
                return n.inputs().get(1 - side);
            }
        }
        return null;
    }

    /** {@return the producer of {@code value} if it is an {@code op} node and {@code value} has no other reader} */
    private static OnnxNode single(
            Map<String, OnnxNode> producer, Map<String, List<OnnxNode>> consumers, String value, String op) {
        OnnxNode p = producer.get(value);
        return p != null
                        && p.op().equals(op)
                        && consumers.getOrDefault(value, List.of()).size() == 1
                ? p
                : null;
    }

    private static OnnxNode only(Map<String, List<OnnxNode>> consumers, String value, String op) {
        List<OnnxNode> c = consumers.getOrDefault(value, List.of());
        return c.size() == 1 && c.get(0).op().equals(op) ? c.get(0) : null;
    }

    private static String other(OnnxNode binary, String one) {
        if (binary.inputs().size() != 2) {
            return "";
        }
        return binary.inputs().get(0).equals(one)
                ? binary.inputs().get(1)
                : binary.inputs().get(0);
    }

    private static boolean isConstant(Map<String, ConstTensor> constants, String value, double v, double tol) {
        ConstTensor c = constants.get(value);
        return c != null && c.size() == 1 && Math.abs(c.floats()[0] - v) <= Math.max(tol, 0) + 1e-12;
    }
}
