package io.dgating.export.kinds;

import io.dgating.api.model.Embedding;
import io.dgating.export.onnx.Op;
import io.dgating.export.onnx.ValueRef;
import io.dgating.export.plan.LayerContext;
import io.dgating.export.plan.Signal;
import java.util.List;
import java.util.Map;

/** A token embedding: a table lookup per position (no multiply-adds), kept whole. */
final class EmbeddingRule extends WholeLayerRule<Embedding> {

    /** ONNX's TensorProto.DataType number of int64. */
    private static final long INT64 = 7;

    EmbeddingRule(Embedding layer) {
        super(layer);
    }

    @Override
    public Signal forward(LayerContext ctx, List<Signal> in) {
        return Signal.allAlive(ctx.inputShape().dim(0));
    }

    @Override
    public long multiplyAdds(LayerContext ctx, boolean exported) {
        return 0;
    }

    @Override
    public long parameters(LayerContext ctx, boolean exported) {
        return (long) layer.vocabulary() * layer.dim();
    }

    /** Token ids arrive as floats like every feature: cast to int64, then Gather rows of the table. */
    @Override
    public ValueRef write(LayerContext ctx, List<ValueRef> in) {
        ValueRef table = ctx.graph()
                .initializer(
                        layer.name() + ".weight",
                        ctx.param(layer.weightParam()).data(),
                        layer.vocabulary(),
                        layer.dim());
        ValueRef ids = in.get(0).apply(Op.CAST, Map.of("to", INT64));
        return table.apply(Op.GATHER, Map.of("axis", 0L), ids).shaped(ctx.compactOutputShape());
    }
}
