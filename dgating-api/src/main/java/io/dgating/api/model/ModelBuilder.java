package io.dgating.api.model;

import io.dgating.api.Shape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds a {@link ModelSpec} layer by layer. Layers are named by kind and count
 * ({@code dense1}, {@code conv2}, {@code bn3}, {@code relu1}, ...); each takes the previous
 * layer's output unless {@link #from} names other inputs for the next one.
 */
public final class ModelBuilder {
    private final Shape inputShape;
    private final List<LayerSpec> layers = new ArrayList<>();
    private final Map<String, List<String>> inputs = new LinkedHashMap<>();
    private final Map<String, Integer> counts = new HashMap<>();
    private List<String> nextInputs;
    private Head head = Head.SOFTMAX_CROSS_ENTROPY;

    ModelBuilder(Shape inputShape) {
        this.inputShape = inputShape;
    }

    private String next(String prefix) {
        return prefix + counts.merge(prefix, 1, Integer::sum);
    }

    /**
     * Makes the next appended layer take these outputs instead of the previous layer's.
     *
     * @param names earlier layers, or {@link ModelSpec#INPUT}
     * @return this builder
     */
    public ModelBuilder from(String... names) {
        nextInputs = List.of(names);
        return this;
    }

    /** {@return the name of the last layer appended ({@link ModelSpec#INPUT} before any)} */
    public String last() {
        return layers.isEmpty()
                ? ModelSpec.INPUT
                : layers.get(layers.size() - 1).name();
    }

    /**
     * Appends a layer as given.
     *
     * @param layer the layer
     * @return this builder
     */
    public ModelBuilder layer(LayerSpec layer) {
        layers.add(layer);
        if (nextInputs != null) {
            inputs.put(layer.name(), nextInputs);
            nextInputs = null;
        }
        return this;
    }

    /**
     * Appends a dense layer with a bias.
     *
     * @param units output units
     * @param activation its activation
     * @return this builder
     */
    public ModelBuilder dense(int units, Activation activation) {
        return layer(new Dense(next("dense"), units, activation, true));
    }

    /**
     * Appends a convolution with stride 1, dilation 1 and a bias.
     *
     * @param filters output channels
     * @param kernel kernel size
     * @param padding zero padding
     * @return this builder
     */
    public ModelBuilder conv(int filters, int kernel, int padding) {
        return conv(filters, kernel, 1, padding, true);
    }

    /**
     * Appends a convolution with dilation 1.
     *
     * @param filters output channels
     * @param kernel kernel size
     * @param stride stride
     * @param padding zero padding
     * @param bias whether filters have a bias (none before a batch norm, which has its own shift)
     * @return this builder
     */
    public ModelBuilder conv(int filters, int kernel, int stride, int padding, boolean bias) {
        return layer(new Conv2d(next("conv"), filters, kernel, stride, padding, 1, bias));
    }

    /**
     * Appends a batch norm with PyTorch's momentum and epsilon.
     *
     * @return this builder
     */
    public ModelBuilder batchNorm() {
        return layer(BatchNorm.of(next("bn")));
    }

    /**
     * Appends a token embedding, named {@code embed1}, ...
     *
     * @param vocabulary distinct tokens
     * @param dim embedding width
     * @return this builder
     */
    public ModelBuilder embedding(int vocabulary, int dim) {
        return layer(new Embedding(next("embed"), vocabulary, dim));
    }

    /**
     * Appends causal multi-head self-attention, named {@code attn1}, ...
     *
     * @param heads number of heads
     * @param headSize width of each head
     * @return this builder
     */
    public ModelBuilder attention(int heads, int headSize) {
        return layer(new MultiHeadAttention(next("attn"), heads, headSize, true));
    }

    /**
     * Appends a learned position embedding, named {@code pos1}, ...
     *
     * @return this builder
     */
    public ModelBuilder positionEmbedding() {
        return layer(new PositionEmbedding(next("pos")));
    }

    /**
     * Appends a layer norm over the last axis with PyTorch's epsilon, named {@code ln1}, ...
     *
     * @return this builder
     */
    public ModelBuilder layerNorm() {
        return layer(LayerNorm.of(next("ln")));
    }

    /**
     * Appends an element-wise activation, named after it ({@code relu1}, ...).
     *
     * @param activation the function
     * @return this builder
     */
    public ModelBuilder activation(Activation activation) {
        return layer(new Nonlinearity(next(activation.name().toLowerCase(Locale.ROOT)), activation));
    }

    /**
     * Appends a pooling layer.
     *
     * @param mode max or average
     * @param kernel window size
     * @param stride step
     * @return this builder
     */
    public ModelBuilder pool(Pool2d.Mode mode, int kernel, int stride) {
        return layer(new Pool2d(next(mode == Pool2d.Mode.MAX ? "maxpool" : "avgpool"), mode, kernel, stride, 0));
    }

    /**
     * Appends a global average pool.
     *
     * @return this builder
     */
    public ModelBuilder globalAvgPool() {
        return layer(new GlobalAvgPool(next("gap")));
    }

    /**
     * Appends the sum of the named outputs.
     *
     * @param names two or more earlier layers (or {@link ModelSpec#INPUT})
     * @return this builder
     */
    public ModelBuilder add(String... names) {
        return from(names).layer(new Add(next("add")));
    }

    /**
     * Appends a flatten layer (examples become flat rows of their values).
     *
     * @return this builder
     */
    public ModelBuilder flatten() {
        return layer(new Flatten(next("flatten")));
    }

    /**
     * Appends a dropout layer.
     *
     * @param rate drop probability
     * @return this builder
     */
    public ModelBuilder dropout(double rate) {
        return layer(new Dropout(next("dropout"), rate));
    }

    /**
     * Sets the loss head (default softmax cross-entropy).
     *
     * @param head the head
     * @return this builder
     */
    public ModelBuilder head(Head head) {
        this.head = head;
        return this;
    }

    /**
     * Returns the validated model.
     *
     * @return the model
     */
    public ModelSpec build() {
        return new ModelSpec(inputShape, layers, inputs, head);
    }
}
