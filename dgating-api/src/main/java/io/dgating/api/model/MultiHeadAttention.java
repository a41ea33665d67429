package io.dgating.api.model;

import io.dgating.api.ParameterSet;
import io.dgating.api.Shape;
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

    /** Name part of the query projection's parameters. */
    public static final String QUERY = ".query";
    /** Name part of the key projection's parameters. */
    public static final String KEY = ".key";
    /** Name part of the value projection's parameters. */
    public static final String VALUE = ".value";
    /** Name part of the output projection's parameters. */
    public static final String OUT = ".out";

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
        List<ParamSpec> out = new java.util.ArrayList<>();
        for (String p : List.of(QUERY, KEY, VALUE)) {
            out.add(new ParamSpec(name + p + ParameterSet.WEIGHT, name, ParamRole.WEIGHT, Shape.of(inner, dim), dim));
            out.add(new ParamSpec(name + p + ParameterSet.BIAS, name, ParamRole.BIAS, Shape.of(inner), dim));
        }
        out.add(new ParamSpec(name + OUT + ParameterSet.WEIGHT, name, ParamRole.WEIGHT, Shape.of(dim, inner), inner));
        out.add(new ParamSpec(name + OUT + ParameterSet.BIAS, name, ParamRole.BIAS, Shape.of(dim), inner));
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
}
