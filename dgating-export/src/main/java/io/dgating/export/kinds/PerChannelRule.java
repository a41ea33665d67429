package io.dgating.export.kinds;

import io.dgating.api.model.ChannelFlow;
import io.dgating.api.model.LayerSpec;
import io.dgating.export.LayerReport;
import io.dgating.export.plan.LayerContext;
import io.dgating.export.plan.LayerRule;
import io.dgating.export.plan.Signal;
import java.util.List;
import java.util.Optional;

/**
 * What the rules of the kinds that do not mix channels ({@link ChannelFlow#PER_CHANNEL},
 * {@link ChannelFlow#JOIN}, {@link ChannelFlow#FLATTEN}) answer alike because of their flow: the
 * planner derives what they read and compute from the flow, so it never asks them; they fold no
 * standardisation, multiply no weights (element-wise work counts 0) and have no report line.
 *
 * @param <L> the layer kind
 */
abstract class PerChannelRule<L extends LayerSpec> implements LayerRule {

    /** The layer. */
    protected final L layer;

    PerChannelRule(L layer) {
        this.layer = layer;
    }

    @Override
    public final boolean[][] needs(LayerContext ctx, boolean[] out, List<Signal> in) {
        throw new IllegalStateException(
                layer.kind().id() + " has flow " + layer.channelFlow() + ": the planner derives what it reads");
    }

    @Override
    public final boolean computesKeptChannels(LayerContext ctx) {
        throw new IllegalStateException(
                layer.kind().id() + " has flow " + layer.channelFlow() + ": it computes the channels it is given");
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
    public long multiplyAdds(LayerContext ctx, boolean exported) {
        return 0;
    }

    @Override
    public final Optional<LayerReport> report(LayerContext ctx) {
        return Optional.empty();
    }

    /**
     * Returns a signal with a function applied to every constant channel (NaN: no longer constant).
     *
     * @param a the input signal
     * @param f the function of a channel and its constant value
     * @return the output signal
     */
    static Signal map(Signal a, ChannelFunction f) {
        boolean[] alive = new boolean[a.width()];
        double[] constant = new double[a.width()];
        for (int ch = 0; ch < alive.length; ch++) {
            double v = a.isAlive(ch) ? Double.NaN : f.apply(ch, a.constant(ch));
            alive[ch] = Double.isNaN(v);
            constant[ch] = alive[ch] ? 0 : v;
        }
        return new Signal(alive, constant);
    }

    /** A per-channel function of the constant channels; NaN means "no longer constant". */
    interface ChannelFunction {
        double apply(int channel, double value);
    }
}
