package io.dgating.export.kinds;

import io.dgating.api.model.GlobalAvgPool;
import io.dgating.export.onnx.Op;
import io.dgating.export.onnx.ValueRef;
import io.dgating.export.plan.LayerContext;
import io.dgating.export.plan.Signal;
import java.util.List;

/** A global average pool: the mean of a constant map is the constant. */
final class GlobalAvgPoolRule extends PerChannelRule<GlobalAvgPool> {

    GlobalAvgPoolRule(GlobalAvgPool layer) {
        super(layer);
    }

    @Override
    public Signal forward(LayerContext ctx, List<Signal> in) {
        return in.get(0);
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
        return in.get(0).apply(Op.GLOBAL_AVERAGE_POOL).shaped(ctx.compactOutputShape());
    }
}
