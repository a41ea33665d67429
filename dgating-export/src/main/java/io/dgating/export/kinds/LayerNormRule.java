package io.dgating.export.kinds;

import io.dgating.api.Shape;
import io.dgating.api.model.LayerNorm;
import io.dgating.export.onnx.OnnxGraph;
import io.dgating.export.onnx.Op;
import io.dgating.export.onnx.ValueRef;
import io.dgating.export.plan.LayerContext;
import io.dgating.export.plan.Signal;
import java.util.List;
import java.util.Map;

/**
 * A layer norm, kept whole: every value of the normalised axis counts towards its statistics, a
 * constant or zero one too, so it reads all of them and its outputs vary.
 */
final class LayerNormRule extends WholeLayerRule<LayerNorm> {

    LayerNormRule(LayerNorm layer) {
        super(layer);
    }

    @Override
    public Signal forward(LayerContext ctx, List<Signal> in) {
        return Signal.allAlive(in.get(0).width());
    }

    @Override
    public long multiplyAdds(LayerContext ctx, boolean exported) {
        return 0;
    }

    @Override
    public long parameters(LayerContext ctx, boolean exported) {
        return 2L * layer.width(ctx.inputShape());
    }

    @Override
    public ValueRef write(LayerContext ctx, List<ValueRef> in) {
        OnnxGraph g = ctx.graph();
        Shape shape = ctx.compactOutputShape();
        int width = shape.dim(shape.rank() - 1);
        return in.get(0)
                .apply(
                        Op.LAYER_NORMALIZATION,
                        Map.of("axis", -1L, "epsilon", (float) layer.epsilon()),
                        g.initializer(
                                layer.name() + ".scale",
                                ctx.param(layer.scaleParam()).data(),
                                width),
                        g.initializer(
                                layer.name() + ".shift",
                                ctx.param(layer.shiftParam()).data(),
                                width))
                .shaped(shape);
    }
}
