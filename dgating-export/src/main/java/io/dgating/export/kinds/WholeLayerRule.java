package io.dgating.export.kinds;

import io.dgating.api.model.LayerSpec;
import io.dgating.export.LayerReport;
import io.dgating.export.plan.LayerContext;
import io.dgating.export.plan.LayerRule;
import io.dgating.export.plan.Signal;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What the rules of mixing kinds that compute all their channels or none (layer norm, embeddings)
 * share: every channel they emit varies with the input, they read all of their input when any
 * output is needed, and they have no report line.
 *
 * @param <L> the layer kind
 */
abstract class WholeLayerRule<L extends LayerSpec> implements LayerRule {

    /** The layer. */
    protected final L layer;

    WholeLayerRule(L layer) {
        this.layer = layer;
    }

    @Override
    public boolean[][] needs(LayerContext ctx, boolean[] out, List<Signal> in) {
        boolean any = false;
        for (boolean b : out) {
            any |= b;
        }
        boolean[] n = new boolean[in.get(0).width()];
        Arrays.fill(n, any);
        return new boolean[][] {n};
    }

    @Override
    public final boolean computesKeptChannels(LayerContext ctx) {
        return false;
    }

    @Override
    public final boolean readsInChannelBlocks() {
        return false;
    }

    @Override
    public final boolean foldsInputAffine(LayerContext ctx) {
        return false;
    }

    @Override
    public final boolean passesThrough(LayerContext ctx) {
        return false;
    }

    @Override
    public Optional<LayerReport> report(LayerContext ctx) {
        return Optional.empty();
    }
}
