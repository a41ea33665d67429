package io.dgating.export.kinds;

import io.dgating.api.model.Flatten;
import io.dgating.export.onnx.OnnxGraph;
import io.dgating.export.onnx.Op;
import io.dgating.export.onnx.ValueRef;
import io.dgating.export.plan.LayerContext;
import io.dgating.export.plan.Signal;
import java.util.List;
import java.util.Map;

/**
 * A flatten: channel {@code c} of {@code [C, ...]} becomes values {@code c * per .. c * per + per - 1}.
 * Flat rows are already flat: then it writes no node.
 */
final class FlattenRule extends PerChannelRule<Flatten> {

    FlattenRule(Flatten layer) {
        super(layer);
    }

    @Override
    public Signal forward(LayerContext ctx, List<Signal> in) {
        Signal a = in.get(0);
        return a.repeatEach(ctx.inputShape().size() / a.width());
    }

    @Override
    public boolean passesThrough(LayerContext ctx) {
        return ctx.inputShape().rank() == 1;
    }

    @Override
    public long parameters(LayerContext ctx, boolean exported) {
        return 0;
    }

    @Override
    public ValueRef write(LayerContext ctx, List<ValueRef> in) {
        if (passesThrough(ctx)) {
            return in.get(0);
        }
        return in.get(0).apply(Op.FLATTEN, Map.of("axis", 1L)).shaped(OnnxGraph.BATCH, ctx.kept().length);
    }
}
