package io.dgating.export.kinds;

import io.dgating.api.model.Pool2d;
import io.dgating.export.onnx.Op;
import io.dgating.export.onnx.ValueRef;
import io.dgating.export.plan.LayerContext;
import io.dgating.export.plan.Signal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Max and average pooling. A constant map pools to the constant, except under an average with
 * padding (PyTorch's count_include_pad): border windows average it with padding zeros, so it is no
 * longer constant unless it is 0.
 */
final class Pool2dRule extends PerChannelRule<Pool2d> {

    Pool2dRule(Pool2d layer) {
        super(layer);
    }

    @Override
    public Signal forward(LayerContext ctx, List<Signal> in) {
        if (layer.mode() == Pool2d.Mode.AVERAGE && layer.padding() > 0) {
            return map(in.get(0), (ch, x) -> x == 0 ? 0 : Double.NaN);
        }
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
        Map<String, Object> attrs = new HashMap<>(Map.of(
                "kernel_shape", Attrs.pair(layer.kernel()),
                "strides", Attrs.pair(layer.stride()),
                "pads", Attrs.quad(layer.padding())));
        if (layer.mode() == Pool2d.Mode.AVERAGE) {
            attrs.put("count_include_pad", 1L);
        }
        return in.get(0)
                .apply(layer.mode() == Pool2d.Mode.MAX ? Op.MAX_POOL : Op.AVERAGE_POOL, attrs)
                .shaped(ctx.compactOutputShape());
    }
}
