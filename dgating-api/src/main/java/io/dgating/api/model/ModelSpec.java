package io.dgating.api.model;

import io.dgating.api.Shape;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A model: the shape of one example entering it, its layers in order and the loss head on the
 * last layer. Every layer kind declares its output shape, so a model whose layers cannot take
 * what reaches them fails here, before anything is trained.
 *
 * @param inputShape the shape of one example entering the first layer ({@code [inputs]} for
 *     tables, {@code [channels, height, width]} for images)
 * @param layers the layers, first to last; the last one must be {@link Dense}
 * @param head the loss
 */
public record ModelSpec(Shape inputShape, List<LayerSpec> layers, Head head) {

    /**
     * Validates the model.
     *
     * @throws IllegalArgumentException if names repeat, there are no layers, the last layer
     *     is not dense, or the input size is not positive
     */
    public ModelSpec {
        layers = List.copyOf(layers);
        if (inputShape == null || inputShape.rank() == 0 || inputShape.size() < 1) {
            throw new IllegalArgumentException("model needs an input shape of at least one value, got " + inputShape);
        }
        if (layers.isEmpty() || !(layers.get(layers.size() - 1) instanceof Dense)) {
            throw new IllegalArgumentException("model must end with a dense layer");
        }
        if (head == null) {
            throw new IllegalArgumentException("model needs a head");
        }
        Set<String> names = new HashSet<>();
        Shape shape = inputShape;
        for (LayerSpec l : layers) {
            if (!names.add(l.name())) {
                throw new IllegalArgumentException("layer name '" + l.name() + "' is used twice");
            }
            shape = l.outputShape(shape);
        }
    }

    /**
     * Creates a model of flat examples.
     *
     * @param inputSize values per example entering the first layer
     * @param layers the layers, first to last; the last one must be {@link Dense}
     * @param head the loss
     */
    public ModelSpec(int inputSize, List<LayerSpec> layers, Head head) {
        this(Shape.of(inputSize), layers, head);
    }

    /** Returns the number of values per example entering the model. */
    public int inputSize() {
        return inputShape.size();
    }

    /**
     * Returns a multilayer perceptron: one dense layer per hidden width with activation
     * {@code hiddenActivation}, then a dense output layer with identity activation. Layers
     * are named {@code dense1, dense2, ...}.
     *
     * @param inputSize input width
     * @param hidden hidden widths, first to last (may be empty: a linear model)
     * @param outputs output width (classes, or regression targets)
     * @param hiddenActivation activation of the hidden layers
     * @param head the loss
     * @return the model
     */
    public static ModelSpec mlp(int inputSize, List<Integer> hidden, int outputs, Activation hiddenActivation,
            Head head) {
        Builder b = builder(inputSize);
        for (int h : hidden) {
            b.dense(h, hiddenActivation);
        }
        return b.dense(outputs, Activation.IDENTITY).head(head).build();
    }

    /**
     * Returns a builder for a model with the given input width.
     *
     * @param inputSize values per example
     * @return a new builder
     */
    public static Builder builder(int inputSize) {
        return builder(Shape.of(inputSize));
    }

    /**
     * Returns a builder for a model of examples of the given shape.
     *
     * @param inputShape the shape of one example, e.g. {@code [1, 28, 28]}
     * @return a new builder
     */
    public static Builder builder(Shape inputShape) {
        return new Builder(inputShape);
    }

    /**
     * Returns the layer with the given name.
     *
     * @param name the layer name
     * @return the layer, if present
     */
    public Optional<LayerSpec> layer(String name) {
        return layers.stream().filter(l -> l.name().equals(name)).findFirst();
    }

    /**
     * Returns the number of values per example entering layer {@code index}.
     *
     * @param index position of the layer
     * @return its input width
     */
    public int inputSizeOf(int index) {
        return inputShapeOf(index).size();
    }

    /**
     * Returns the shape of one example entering layer {@code index} ({@code layers().size()}: leaving the model).
     *
     * @param index position of the layer
     * @return its input shape
     */
    public Shape inputShapeOf(int index) {
        Shape shape = inputShape;
        for (int i = 0; i < index; i++) {
            shape = layers.get(i).outputShape(shape);
        }
        return shape;
    }

    /**
     * Returns the position of the named layer.
     *
     * @param name the layer name
     * @return its index
     * @throws IllegalArgumentException if no layer has that name
     */
    public int indexOf(String name) {
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no layer named '" + name + "'; layers are "
                + layers.stream().map(LayerSpec::name).toList());
    }

    /** Returns the number of values per example the model emits. */
    public int outputSize() {
        return inputSizeOf(layers.size());
    }

    /** Returns the dense layers, first to last. */
    public List<Dense> denseLayers() {
        return layers.stream().filter(Dense.class::isInstance).map(Dense.class::cast).toList();
    }

    /** Builds a {@link ModelSpec} layer by layer, naming layers {@code dense1}, {@code dropout1}, {@code flatten1}, ... */
    public static final class Builder {
        private final Shape inputShape;
        private final List<LayerSpec> layers = new ArrayList<>();
        private Head head = Head.SOFTMAX_CROSS_ENTROPY;
        private int denseCount;
        private int dropoutCount;
        private int flattenCount;

        private Builder(Shape inputShape) {
            this.inputShape = inputShape;
        }

        /**
         * Appends a dense layer with a bias.
         *
         * @param units output units
         * @param activation its activation
         * @return this builder
         */
        public Builder dense(int units, Activation activation) {
            layers.add(new Dense("dense" + ++denseCount, units, activation, true));
            return this;
        }

        /**
         * Appends a flatten layer (examples become flat rows of their values).
         *
         * @return this builder
         */
        public Builder flatten() {
            layers.add(new Flatten("flatten" + ++flattenCount));
            return this;
        }

        /**
         * Appends a dropout layer.
         *
         * @param rate drop probability
         * @return this builder
         */
        public Builder dropout(double rate) {
            layers.add(new Dropout("dropout" + ++dropoutCount, rate));
            return this;
        }

        /**
         * Appends a layer as given.
         *
         * @param layer the layer
         * @return this builder
         */
        public Builder layer(LayerSpec layer) {
            layers.add(layer);
            return this;
        }

        /**
         * Sets the loss head (default softmax cross-entropy).
         *
         * @param head the head
         * @return this builder
         */
        public Builder head(Head head) {
            this.head = head;
            return this;
        }

        /**
         * Returns the validated model.
         *
         * @return the model
         */
        public ModelSpec build() {
            return new ModelSpec(inputShape, layers, head);
        }
    }
}
