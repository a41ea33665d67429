package io.dgating.export.prune;

import io.dgating.api.model.Dropout;

/** Dropout is the identity at inference: it passes channels through untouched and is not exported. */
final class DropoutRule implements PruningRule<Dropout> {

    @Override
    public Signal forward(Dropout layer, PruningContext ctx, Signal in) {
        return in;
    }

    @Override
    public boolean[] backward(Dropout layer, PruningContext ctx, boolean[] neededOutputs) {
        return neededOutputs;
    }
}
