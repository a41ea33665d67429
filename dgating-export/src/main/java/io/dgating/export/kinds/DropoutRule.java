package io.dgating.export.kinds;

import io.dgating.api.model.Dropout;
import io.dgating.export.onnx.ValueRef;
import io.dgating.export.plan.LayerContext;
import io.dgating.export.plan.Signal;
import java.util.List;

/** Dropout: the identity at inference, so it writes no node and passes constants and standardisation through. */
final class DropoutRule extends PerChannelRule<Dropout> {

    DropoutRule(Dropout layer) {
        super(layer);
    }

    @Override
    public Signal forward(LayerContext ctx, List<Signal> in) {
        return in.get(0);
    }

    @Override
    public boolean passesThrough(LayerContext ctx) {
        return true;
    }

    @Override
    public long parameters(LayerContext ctx, boolean exported) {
        return 0;
    }

    @Override
    public ValueRef write(LayerContext ctx, List<ValueRef> in) {
        return in.get(0);
    }
}
