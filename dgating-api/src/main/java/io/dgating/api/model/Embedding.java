package io.dgating.api.model;

import io.dgating.api.ParamRef;
import io.dgating.api.Shape;
import java.util.List;

/**
 * A token embedding, PyTorch's {@code Embedding(vocabulary, dim)}: an example is a sequence of
 * {@code T} token ids {@code [T]} (integers in {@code [0, vocabulary)}, stored as floats like every
 * feature), and position {@code t} becomes row {@code id_t} of {@code <name>.weight [vocabulary, dim]}:
 * {@code [T] -> [T, dim]}. Ids are not standardised; an id outside the vocabulary is an error.
 *
 * @param name unique layer name
 * @param vocabulary number of distinct tokens
 * @param dim embedding width
 */
public record Embedding(String name, int vocabulary, int dim) implements LayerSpec {

    /**
     * Validates the layer.
     *
     * @param name unique layer name
     * @param vocabulary number of distinct tokens
     * @param dim embedding width
     * @throws IllegalArgumentException if the name is blank or a size is below 1
     */
    public Embedding {
        Layers.requireName(name, "embedding");
        Layers.requirePositive(name, "vocabulary", vocabulary);
        Layers.requirePositive(name, "dim", dim);
    }

    /**
     * Returns {@code [T, dim]}.
     *
     * @throws IllegalArgumentException unless the input is a sequence of ids {@code [T]}
     */
    @Override
    public Shape outputShape(Shape input) {
        return Shape.of(positions(input), dim);
    }

    /** {@return {@code <name>.weight [vocabulary, dim]}, drawn with fan-in {@code dim}} */
    @Override
    public List<ParamSpec> parameters(Shape input) {
        positions(input);
        return List.of(new ParamSpec(weightParam(), ParamRole.WEIGHT, Shape.of(vocabulary, dim), dim));
    }

    /**
     * Returns the sequence length of an input.
     *
     * @param input {@code [T]}
     * @return {@code T}
     */
    public int positions(Shape input) {
        if (input.rank() != 1) {
            throw new IllegalArgumentException(
                    "embedding '" + name + "' takes a sequence of token ids [T], got " + input);
        }
        return input.dim(0);
    }

    /** {@return {@link LayerKind#EMBEDDING}} */
    @Override
    public LayerKind kind() {
        return LayerKind.EMBEDDING;
    }

    /** {@return {@link ChannelFlow#MIXING}} */
    @Override
    public ChannelFlow channelFlow() {
        return ChannelFlow.MIXING;
    }

    @Override
    public <R> R accept(LayerVisitor<R> visitor) {
        return visitor.embedding(this);
    }

    /** {@return the table {@code <name>.weight} {@code [vocabulary, dim]}: row {@code t} is token {@code t}'s vector} */
    public ParamRef weightParam() {
        return new ParamRef(name, ParamRef.WEIGHT);
    }
}
