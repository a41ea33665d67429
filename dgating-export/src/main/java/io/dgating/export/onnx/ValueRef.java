package io.dgating.export.onnx;

import io.dgating.api.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A named value in an {@link OnnxGraph} (an input, an initializer or a node output), with
 * fluent operators: {@code x.gemm(w, b).apply(Op.RELU)}. Refs of two graphs never mix.
 */
public final class ValueRef {

    private final OnnxGraph graph;
    private final String name;

    ValueRef(OnnxGraph graph, String name) {
        this.graph = graph;
        this.name = name;
    }

    /** {@return the value's name in the graph} */
    public String name() {
        return name;
    }

    OnnxGraph graph() {
        return graph;
    }

    /**
     * Returns {@code op(this, others...)} with the given attributes.
     *
     * @param op the operator
     * @param attrs attributes (values of the kinds {@link Op.Attr} names)
     * @param others further inputs
     * @return the output
     */
    public ValueRef apply(Op op, Map<String, Object> attrs, ValueRef... others) {
        List<ValueRef> inputs = new ArrayList<>();
        inputs.add(this);
        inputs.addAll(Arrays.asList(others));
        return graph.node(op, inputs, attrs);
    }

    /**
     * Returns {@code op(this)} without attributes.
     *
     * @param op a unary operator
     * @return the output
     */
    public ValueRef apply(Op op) {
        return apply(op, Map.of());
    }

    /**
     * Returns {@code this * w^T + b} (ONNX Gemm with {@code transB = 1}); {@code w} is {@code [out, in]}.
     *
     * @param w weight
     * @param b bias
     * @return the output
     */
    public ValueRef gemm(ValueRef w, ValueRef b) {
        return apply(Op.GEMM, Map.of("transB", 1L), w, b);
    }

    /**
     * Returns {@code this + other}.
     *
     * @param other addend
     * @return the sum
     */
    public ValueRef add(ValueRef other) {
        return apply(Op.ADD, Map.of(), other);
    }

    /**
     * Returns {@code this * other} element-wise.
     *
     * @param other factor
     * @return the product
     */
    public ValueRef mul(ValueRef other) {
        return apply(Op.MUL, Map.of(), other);
    }

    /**
     * Returns {@code this / other} element-wise.
     *
     * @param other divisor
     * @return the quotient
     */
    public ValueRef div(ValueRef other) {
        return apply(Op.DIV, Map.of(), other);
    }

    /**
     * Records this value's shape in the graph's {@code value_info}.
     *
     * @param dims its dimensions, {@link OnnxGraph#BATCH} for the batch
     * @return this value
     */
    public ValueRef shaped(long... dims) {
        graph.shape(this, dims);
        return this;
    }

    /**
     * Records this value's shape: the batch, then one example's dimensions.
     *
     * @param example one example's shape
     * @return this value
     */
    public ValueRef shaped(Shape example) {
        return shaped(OnnxGraph.batchOf(example));
    }

    @Override
    public String toString() {
        return name;
    }
}
