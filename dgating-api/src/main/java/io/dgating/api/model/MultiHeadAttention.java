package io.dgating.api.model;

import io.dgating.api.ParamRef;
import io.dgating.api.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * Multi-head self-attention over a sequence {@code [T, dim] -> [T, dim]}, as in GPT: per head
 * {@code h}, {@code Q_h = x Wq_h^T + bq_h} (likewise {@code K_h}, {@code V_h}, each {@code [T, headSize]}),
 * {@code O_h = softmax(Q_h K_h^T / sqrt(headSize) + mask) V_h}, and {@code y = [O_1 ... O_H] Wo^T + bo}.
 * With {@code causal}, position {@code t} attends to positions {@code <= t} only.
 *
 * <p>Parameters: {@code <name>.query.weight [H * headSize, dim]} and {@code .bias [H * headSize]}, the
 * same for {@code key} and {@code value}, and {@code <name>.out.weight [dim, H * headSize]},
 * {@code .bias [dim]}. Head {@code h} owns rows {@code h * headSize ..} of the query, key and value
 * projections and the same columns of the output projection: when its value rows are zero, the
 * head adds nothing, and removing all of its slices is exact.
 *
 * @param name unique layer name
 * @param heads number of heads
 * @param headSize width of every head's query, key and value
 * @param causal whether a position sees only itself and earlier positions
 */
public record MultiHeadAttention(String name, int heads, int headSize, boolean causal) implements LayerSpec {

    /**
     * One of the layer's four affine projections.
     *
     * @param weight its weight ({@code [H * headSize, dim]}, or {@code [dim, H * headSize]} for the output)
     * @param bias its bias
     */
    public record Projection(ParamRef weight, ParamRef bias) {}

    /**
     * Validates the layer.
     *
     * @param name unique layer name
     * @param heads number of heads
     * @param headSize width of every head's query, key and value
     * @param causal whether a position sees only itself and earlier positions
     * @throws IllegalArgumentException if the name is blank or a size is below 1
     */
    public MultiHeadAttention {
        Layers.requireName(name, "attention");
        Layers.requirePositive(name, "heads", heads);
        Layers.requirePositive(name, "head size", headSize);
    }

    /**
     * Returns the input shape.
     *
     * @throws IllegalArgumentException unless the input is a sequence {@code [T, dim]}
     */
    @Override
    public Shape outputShape(Shape input) {
        return sequence(input);
    }

    /** {@return the query, key, value and output projections' weights and biases, in that order} */
    @Override
    public List<ParamSpec> parameters(Shape input) {
        int dim = sequence(input).dim(1);
        int inner = heads * headSize;
        List<ParamSpec> out = new ArrayList<>();
        for (Projection p : List.of(query(), key(), value())) {
            out.add(new ParamSpec(p.weight(), ParamRole.WEIGHT, Shape.of(inner, dim), dim));
            out.add(new ParamSpec(p.bias(), ParamRole.BIAS, Shape.of(inner), dim));
        }
        out.add(new ParamSpec(out().weight(), ParamRole.WEIGHT, Shape.of(dim, inner), inner));
        out.add(new ParamSpec(out().bias(), ParamRole.BIAS, Shape.of(dim), inner));
        return List.copyOf(out);
    }

    /** {@return {@code heads * headSize}, the width of the concatenated heads} */
    public int inner() {
        return heads * headSize;
    }

    private Shape sequence(Shape input) {
        if (input.rank() != 2) {
            throw new IllegalArgumentException("attention '" + name + "' takes a sequence [T, dim], got " + input);
        }
        return input;
    }

    /** {@return {@link LayerKind#ATTENTION}} */
    @Override
    public LayerKind kind() {
        return LayerKind.ATTENTION;
    }

    /** {@return {@link ChannelFlow#MIXING}} */
    @Override
    public ChannelFlow channelFlow() {
        return ChannelFlow.MIXING;
    }

    @Override
    public <R> R accept(LayerVisitor<R> visitor) {
        return visitor.attention(this);
    }

    /** {@return the query projection, {@code <name>.query.weight} and {@code .bias}} */
    public Projection query() {
        return projection("query");
    }

    /** {@return the key projection, {@code <name>.key.weight} and {@code .bias}} */
    public Projection key() {
        return projection("key");
    }

    /** {@return the value projection, {@code <name>.value.weight} and {@code .bias}} */
    public Projection value() {
        return projection("value");
    }

    /** {@return the output projection, {@code <name>.out.weight} and {@code .bias}} */
    public Projection out() {
        return projection("out");
    }

    private Projection projection(String part) {
        return new Projection(
                new ParamRef(name, part + "." + ParamRef.WEIGHT), new ParamRef(name, part + "." + ParamRef.BIAS));
    }
}
