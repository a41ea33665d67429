package io.dgating.export.kinds;

import io.dgating.api.Shape;
import io.dgating.api.model.PositionEmbedding;
import io.dgating.export.onnx.ValueRef;
import io.dgating.export.plan.LayerContext;
import io.dgating.export.plan.Signal;
import java.util.List;

/** A learned position embedding: position {@code t} gets row {@code t} added, so nothing stays constant. */
final class PositionEmbeddingRule extends PerChannelRule<PositionEmbedding> {

    PositionEmbeddingRule(PositionEmbedding layer) {
        super(layer);
    }

    @Override
    public Signal forward(LayerContext ctx, List<Signal> in) {
        return Signal.allAlive(in.get(0).width());
    }

    @Override
    public boolean passesThrough(LayerContext ctx) {
        return false;
    }

    @Override
    public long parameters(LayerContext ctx, boolean exported) {
        return ctx.outputShape().size();
    }

    @Override
    public ValueRef write(LayerContext ctx, List<ValueRef> in) {
        Shape s = ctx.compactOutputShape();
        return in.get(0)
                .add(ctx.graph()
                        .initializer(
                                layer.name() + ".weight",
                                ctx.param(layer.weightParam()).data(),
                                s.dim(0),
                                s.dim(1)))
                .shaped(s);
    }
}
