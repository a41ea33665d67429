package io.dgating.export.prune;

import io.dgating.api.model.LayerSpec;

/**
 * The rule of a layer kind that moves no channel and is not exported: dropout (the identity at
 * inference) and flatten (examples are row-major already). Channel {@code i} of its output is
 * channel {@code i} of its input in both passes.
 *
 * @param <L> the layer kind
 */
final class PassThroughRule<L extends LayerSpec> implements PruningRule<L> {

    @Override
    public Signal forward(L layer, PruningContext ctx, Signal in) {
        return in;
    }

    @Override
    public boolean[] backward(L layer, PruningContext ctx, boolean[] neededOutputs) {
        return neededOutputs;
    }
}
