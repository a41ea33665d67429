package io.dgating.export.prune;

import io.dgating.api.model.LayerSpec;

/**
 * How one layer kind takes part in pruning.
 *
 * @param <L> the layer kind
 */
public interface PruningRule<L extends LayerSpec> {

    /**
     * Forward pass: given which input channels are alive or constant, folds constants, decides
     * which units become constant, and returns the output signal.
     *
     * @param layer the layer
     * @param ctx parameters, groups and settings of the model
     * @param in the input signal
     * @return the output signal
     */
    Signal forward(L layer, PruningContext ctx, Signal in);

    /**
     * Backward pass: given which output channels some consumer reads, returns which input
     * channels this layer reads, and records what it keeps.
     *
     * @param layer the layer
     * @param ctx the context (receives the layer's plan)
     * @param neededOutputs whether each output channel is read downstream
     * @return whether each input channel is read by this layer
     */
    boolean[] backward(L layer, PruningContext ctx, boolean[] neededOutputs);
}
