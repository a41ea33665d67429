package io.dgating.export.onnx;

import java.util.Map;

/**
 * The ONNX operators dgating emits, as defined in opset {@value OnnxModelWriter#OPSET}: op type,
 * input arity and attribute schema. {@link OnnxGraph} validates a node against its entry before
 * emitting it, so a wrong graph fails at build time with a message naming the operator.
 */
public enum Op {
    /** {@code Y = alpha * A * op(B) + beta * C}. */
    GEMM("Gemm", 2, 3, Map.of("alpha", Attr.FLOAT, "beta", Attr.FLOAT, "transA", Attr.INT, "transB", Attr.INT),
            new String[0]),
    /** {@code max(0, x)}. */
    RELU("Relu", 1, 1, Map.of(), new String[0]),
    /** {@code tanh(x)}. */
    TANH("Tanh", 1, 1, Map.of(), new String[0]),
    /** The error function. */
    ERF("Erf", 1, 1, Map.of(), new String[0]),
    /** Element-wise sum with broadcasting. */
    ADD("Add", 2, 2, Map.of(), new String[0]),
    /** Element-wise product with broadcasting. */
    MUL("Mul", 2, 2, Map.of(), new String[0]),
    /** Element-wise quotient with broadcasting. */
    DIV("Div", 2, 2, Map.of(), new String[0]),
    /** Selects entries along an axis. */
    GATHER("Gather", 2, 2, Map.of("axis", Attr.INT), new String[0]),
    /** Softmax along an axis. */
    SOFTMAX("Softmax", 1, 1, Map.of("axis", Attr.INT), new String[0]),
    /** The shape of a tensor as int64. */
    SHAPE("Shape", 1, 1, Map.of("start", Attr.INT, "end", Attr.INT), new String[0]),
    /** Joins tensors along an axis. */
    CONCAT("Concat", 1, Integer.MAX_VALUE, Map.of("axis", Attr.INT), new String[] {"axis"}),
    /** Broadcasts a tensor to a shape. */
    EXPAND("Expand", 2, 2, Map.of(), new String[0]);

    /** Attribute value types. */
    public enum Attr {
        /** A float. */
        FLOAT,
        /** An int64. */
        INT
    }

    private final String type;
    private final int minInputs;
    private final int maxInputs;
    private final Map<String, Attr> attributes;
    private final String[] mandatory;

    Op(String type, int minInputs, int maxInputs, Map<String, Attr> attributes, String[] mandatory) {
        this.type = type;
        this.minInputs = minInputs;
        this.maxInputs = maxInputs;
        this.attributes = attributes;
        this.mandatory = mandatory;
    }

    /** Returns the ONNX op type, e.g. {@code Gemm}. */
    public String type() {
        return type;
    }

    /**
     * Checks a node's inputs and attributes against the schema.
     *
     * @param inputs number of inputs
     * @param attrs attribute names to values ({@link Float} or {@link Long})
     * @throws IllegalArgumentException naming the op, what was expected and what was given
     */
    void validate(int inputs, Map<String, Object> attrs) {
        if (inputs < minInputs || inputs > maxInputs) {
            throw new IllegalArgumentException(type + " takes " + minInputs
                    + (maxInputs == Integer.MAX_VALUE ? " or more" : maxInputs == minInputs ? "" : " to " + maxInputs)
                    + " inputs, got " + inputs);
        }
        for (String m : mandatory) {
            if (!attrs.containsKey(m)) {
                throw new IllegalArgumentException(type + " needs attribute '" + m + "'");
            }
        }
        for (Map.Entry<String, Object> e : attrs.entrySet()) {
            Attr kind = attributes.get(e.getKey());
            if (kind == null) {
                throw new IllegalArgumentException(type + " has no attribute '" + e.getKey() + "'; it has "
                        + attributes.keySet());
            }
            boolean ok = kind == Attr.FLOAT ? e.getValue() instanceof Float : e.getValue() instanceof Long;
            if (!ok) {
                throw new IllegalArgumentException(type + " attribute '" + e.getKey() + "' must be " + kind + ", got "
                        + e.getValue().getClass().getSimpleName());
            }
        }
    }
}
