package io.dgating.export.kinds;

import io.dgating.api.model.Nonlinearity;
import io.dgating.export.onnx.ValueRef;
import io.dgating.export.plan.LayerContext;
import io.dgating.export.plan.Signal;
import java.util.List;

/** An element-wise activation: a constant channel stays constant, mapped by the function. */
final class NonlinearityRule extends PerChannelRule<Nonlinearity> {

    NonlinearityRule(Nonlinearity layer) {
        super(layer);
    }

    @Override
    public Signal forward(LayerContext ctx, List<Signal> in) {
        return map(in.get(0), (ch, x) -> layer.activation().apply(x));
    }

    @Override
    public boolean passesThrough(LayerContext ctx) {
        return false;
    }

    @Override
    public long parameters(LayerContext ctx, boolean exported) {
        return 0;
    }

    @Override
    public ValueRef write(LayerContext ctx, List<ValueRef> in) {
        return ActivationNodes.apply(ctx.graph(), in.get(0), layer.activation(), ctx.compactOutputShape());
    }
}
