package io.dgating.export.kinds;

import io.dgating.api.ParamRef;
import io.dgating.api.model.BatchNorm;
import io.dgating.export.onnx.OnnxGraph;
import io.dgating.export.onnx.Op;
import io.dgating.export.onnx.ValueRef;
import io.dgating.export.plan.LayerContext;
import io.dgating.export.plan.Signal;
import java.util.List;
import java.util.Map;

/**
 * A batch norm in inference mode: per channel affine, so a constant channel maps to a constant.
 * Folded into the convolution it follows when it is that convolution's only reader (the
 * convolution's rule folds it and marks it); otherwise a {@code BatchNormalization} node over the
 * channels it is given.
 */
final class BatchNormRule extends PerChannelRule<BatchNorm> {

    BatchNormRule(BatchNorm layer) {
        super(layer);
    }

    @Override
    public Signal forward(LayerContext ctx, List<Signal> in) {
        float[] s = ctx.param(layer.scaleParam()).data();
        float[] t = ctx.param(layer.shiftParam()).data();
        float[] m = ctx.param(layer.runningMeanParam()).data();
        float[] v = ctx.param(layer.runningVarParam()).data();
        return map(in.get(0), (ch, x) -> s[ch] * (x - m[ch]) / Math.sqrt(v[ch] + layer.epsilon()) + t[ch]);
    }

    @Override
    public boolean passesThrough(LayerContext ctx) {
        return false;
    }

    @Override
    public long parameters(LayerContext ctx, boolean exported) {
        return 2L * (exported ? ctx.kept().length : ctx.outputShape().dim(0));
    }

    @Override
    public ValueRef write(LayerContext ctx, List<ValueRef> in) {
        if (ctx.isFolded()) {
            return in.get(0);
        }
        OnnxGraph g = ctx.graph();
        int[] rows = ctx.kept();
        int c = rows.length;
        return in.get(0)
                .apply(
                        Op.BATCH_NORMALIZATION,
                        Map.of("epsilon", (float) layer.epsilon()),
                        g.initializer(layer.name() + ".scale", slice(ctx, layer.scaleParam(), rows), c),
                        g.initializer(layer.name() + ".shift", slice(ctx, layer.shiftParam(), rows), c),
                        g.initializer(layer.name() + ".mean", slice(ctx, layer.runningMeanParam(), rows), c),
                        g.initializer(layer.name() + ".var", slice(ctx, layer.runningVarParam(), rows), c))
                .shaped(ctx.compactOutputShape());
    }

    /** The entries of a per-channel parameter at the given channels. */
    static float[] slice(LayerContext ctx, ParamRef p, int[] rows) {
        return LayerContext.slice(ctx.param(p).data(), 1, 1, rows, null);
    }
}
