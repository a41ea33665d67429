package io.dgating.api.model;

/**
 * One method per layer kind: how a module registers what it does for every kind. A module's
 * registry implements this interface (the CPU engine's layers, the DJL engine's ops, the exporter's
 * rules), so a kind added to {@link LayerSpec} is a compile error in every registry until each has
 * its method; nothing dispatches on a layer's class elsewhere.
 *
 * @param <R> what the registry makes of a layer
 */
public interface LayerVisitor<R> {

    /**
     * Handles a dense layer.
     *
     * @param layer the layer
     * @return the module's object for it
     */
    R dense(Dense layer);

    /**
     * Handles a convolution.
     *
     * @param layer the layer
     * @return the module's object for it
     */
    R conv2d(Conv2d layer);

    /**
     * Handles a batch norm.
     *
     * @param layer the layer
     * @return the module's object for it
     */
    R batchNorm(BatchNorm layer);

    /**
     * Handles a layer norm.
     *
     * @param layer the layer
     * @return the module's object for it
     */
    R layerNorm(LayerNorm layer);

    /**
     * Handles a max or average pool.
     *
     * @param layer the layer
     * @return the module's object for it
     */
    R pool2d(Pool2d layer);

    /**
     * Handles a global average pool.
     *
     * @param layer the layer
     * @return the module's object for it
     */
    R globalAvgPool(GlobalAvgPool layer);

    /**
     * Handles an element-wise activation.
     *
     * @param layer the layer
     * @return the module's object for it
     */
    R nonlinearity(Nonlinearity layer);

    /**
     * Handles a residual add.
     *
     * @param layer the layer
     * @return the module's object for it
     */
    R add(Add layer);

    /**
     * Handles an element-wise product.
     *
     * @param layer the layer
     * @return the module's object for it
     */
    R multiply(Multiply layer);

    /**
     * Handles dropout.
     *
     * @param layer the layer
     * @return the module's object for it
     */
    R dropout(Dropout layer);

    /**
     * Handles a flatten.
     *
     * @param layer the layer
     * @return the module's object for it
     */
    R flatten(Flatten layer);

    /**
     * Handles a token embedding.
     *
     * @param layer the layer
     * @return the module's object for it
     */
    R embedding(Embedding layer);

    /**
     * Handles a learned position embedding.
     *
     * @param layer the layer
     * @return the module's object for it
     */
    R positionEmbedding(PositionEmbedding layer);

    /**
     * Handles multi-head self-attention.
     *
     * @param layer the layer
     * @return the module's object for it
     */
    R attention(MultiHeadAttention layer);
}
