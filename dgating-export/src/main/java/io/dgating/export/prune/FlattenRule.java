package io.dgating.export.prune;

import io.dgating.api.model.Flatten;

/**
 * Flatten moves no value (examples are row-major already), so channel {@code i} of its output is
 * channel {@code i} of its input in both passes; exported graphs read flat rows and need no node.
 */
final class FlattenRule implements PruningRule<Flatten> {

    @Override
    public Signal forward(Flatten layer, PruningContext ctx, Signal in) {
        return in;
    }

    @Override
    public boolean[] backward(Flatten layer, PruningContext ctx, boolean[] neededOutputs) {
        return neededOutputs;
    }
}
