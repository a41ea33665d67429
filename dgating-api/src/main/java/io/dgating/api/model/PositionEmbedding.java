package io.dgating.api.model;

import io.dgating.api.ParamRef;
import io.dgating.api.Shape;
import java.util.List;

/**
 * A learned position embedding added to a sequence, as in GPT: {@code y[t] = x[t] + P[t]} with
 * {@code <name>.weight [T, dim]}, one row per position of the context.
 *
 * @param name unique layer name
 */
public record PositionEmbedding(String name) implements LayerSpec {

    /**
     * Validates the name.
     *
     * @param name unique layer name
     */
    public PositionEmbedding {
        Layers.requireName(name, "position embedding");
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

    /** {@return {@code <name>.weight [T, dim]}, drawn with fan-in {@code dim}} */
    @Override
    public List<ParamSpec> parameters(Shape input) {
        Shape s = sequence(input);
        return List.of(new ParamSpec(weightParam(), ParamRole.WEIGHT, s, s.dim(1)));
    }

    private Shape sequence(Shape input) {
        if (input.rank() != 2) {
            throw new IllegalArgumentException(
                    "position embedding '" + name + "' takes a sequence [T, dim], got " + input);
        }
        return input;
    }

    /** {@return {@link LayerKind#POSITION_EMBEDDING}} */
    @Override
    public LayerKind kind() {
        return LayerKind.POSITION_EMBEDDING;
    }

    /** {@return {@link ChannelFlow#PER_CHANNEL}} */
    @Override
    public ChannelFlow channelFlow() {
        return ChannelFlow.PER_CHANNEL;
    }

    @Override
    public <R> R accept(LayerVisitor<R> visitor) {
        return visitor.positionEmbedding(this);
    }

    /** {@return the table {@code <name>.weight} {@code [T, dim]}: row {@code t} is added at position {@code t}} */
    public ParamRef weightParam() {
        return new ParamRef(name, ParamRef.WEIGHT);
    }
}
