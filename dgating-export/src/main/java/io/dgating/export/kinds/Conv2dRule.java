package io.dgating.export.kinds;

import io.dgating.api.Shape;
import io.dgating.api.gating.ChannelCoupling;
import io.dgating.api.gating.GroupReport;
import io.dgating.api.model.BatchNorm;
import io.dgating.api.model.Conv2d;
import io.dgating.export.LayerReport;
import io.dgating.export.onnx.OnnxGraph;
import io.dgating.export.onnx.Op;
import io.dgating.export.onnx.ValueRef;
import io.dgating.export.plan.LayerContext;
import io.dgating.export.plan.LayerRule;
import io.dgating.export.plan.Signal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Convolutions. A filter whose weights on every live input channel are zero is a constant: its bias
 * plus the constant inputs' contributions, which is only position-independent without padding (with
 * padding, border outputs see zeros instead of the constant: the output varies with position, so it
 * stays computed and the constant inputs' exact per-position contribution is added as a bias map,
 * {@link ConstantInputFold}). The compact convolution computes the kept filters from the channels its
 * input holds; the batch norm it feeds alone is folded into it.
 */
final class Conv2dRule implements LayerRule {

    private final Conv2d layer;

    Conv2dRule(Conv2d layer) {
        this.layer = layer;
    }

    @Override
    public Signal forward(LayerContext ctx, List<Signal> in) {
        if (!ctx.compact()) {
            return Signal.allAlive(layer.filters());
        }
        Signal a = in.get(0);
        float[] w = ctx.param(layer.weightParam()).data();
        float[] b = layer.bias() ? ctx.param(layer.biasParam()).data() : new float[layer.filters()];
        int channels = a.width();
        int k = layer.kernel() * layer.kernel();
        boolean[] alive = new boolean[layer.filters()];
        double[] constant = new double[layer.filters()];
        for (int f = 0; f < layer.filters(); f++) {
            double sum = b[f];
            for (int ch = 0; ch < channels && !alive[f]; ch++) {
                int at = (f * channels + ch) * k;
                if (!anyNonZero(w, at, k)) {
                    continue;
                }
                if (a.isAlive(ch) || Double.isNaN(a.constant(ch)) || (a.constant(ch) != 0.0 && layer.padding() > 0)) {
                    alive[f] = true;
                } else {
                    for (int e = 0; e < k; e++) {
                        sum += w[at + e] * a.constant(ch);
                    }
                }
            }
            constant[f] = alive[f] ? 0 : sum;
        }
        return new Signal(alive, constant);
    }

    /** A kept filter reads the live channels it has weights on; a constant channel is folded into its bias map. */
    @Override
    public boolean[][] needs(LayerContext ctx, boolean[] out, List<Signal> in) {
        float[] w = ctx.param(layer.weightParam()).data();
        int channels = in.get(0).width();
        int k = layer.kernel() * layer.kernel();
        boolean[] n = new boolean[channels];
        for (int f = 0; f < out.length; f++) {
            for (int ch = 0; ch < channels && out[f]; ch++) {
                n[ch] |= in.get(0).isAlive(ch) && anyNonZero(w, (f * channels + ch) * k, k);
            }
        }
        return new boolean[][] {n};
    }

    @Override
    public boolean computesKeptChannels(LayerContext ctx) {
        return true;
    }

    @Override
    public boolean readsInChannelBlocks() {
        return true;
    }

    @Override
    public boolean foldsInputAffine(LayerContext ctx) {
        return false;
    }

    @Override
    public boolean passesThrough(LayerContext ctx) {
        return false;
    }

    @Override
    public long multiplyAdds(LayerContext ctx, boolean exported) {
        Shape out = ctx.outputShape();
        long perFilter = (long) layer.kernel() * layer.kernel() * out.dim(1) * out.dim(2);
        return exported
                ? perFilter * ctx.kept().length * ctx.keptIn(0).length
                : perFilter * layer.filters() * ctx.inputShape().dim(0);
    }

    @Override
    public long parameters(LayerContext ctx, boolean exported) {
        int out = exported ? ctx.kept().length : layer.filters();
        int in = exported ? ctx.keptIn(0).length : ctx.inputShape().dim(0);
        return (long) out * in * layer.kernel() * layer.kernel() + (layer.bias() ? out : 0);
    }

    /** The gated owner of coupled filters reports the groups; a coupled convolution names the others. */
    @Override
    public Optional<LayerReport> report(LayerContext ctx) {
        ChannelCoupling coupling = ctx.coupling();
        int i = ctx.index();
        List<Integer> convs = coupling.convolutions(i);
        int owner = convs.get(0);
        GroupReport g = ctx.groups(ctx.model().layers().get(owner).name());
        boolean own = owner == i && g != null;
        List<String> coupled = convs.stream()
                .filter(j -> j != i)
                .map(j -> ctx.model().layers().get(j).name())
                .toList();
        return Optional.of(new LayerReport(
                layer.name(),
                g == null ? null : g.kind(),
                own ? g.groups() : 0,
                own && ctx.compact() ? g.zero() : 0,
                own ? g.almostZero() : 0,
                layer.filters(),
                ctx.kept().length,
                ctx.inputShape().dim(0),
                ctx.keptIn(0).length,
                multiplyAdds(ctx, false),
                multiplyAdds(ctx, true),
                g == null ? List.of() : coupled));
    }

    @Override
    public ValueRef write(LayerContext ctx, List<ValueRef> in) {
        OnnxGraph g = ctx.graph();
        int[] rows = ctx.kept();
        int[] cols = ctx.keptIn(0);
        int k = layer.kernel();
        Shape original = ctx.inputShape();
        int channels = original.dim(0);
        float[] full = ctx.param(layer.weightParam()).data();
        float[] w = LayerContext.slice(full, channels, k * k, rows, cols);
        float[] b = layer.bias()
                ? LayerContext.slice(ctx.param(layer.biasParam()).data(), 1, 1, rows, null)
                : new float[rows.length];
        Shape outShape = ctx.compactOutputShape();
        double[] map = ConstantInputFold.of(layer, full, ctx.inputSignal(0), original, outShape, rows, cols);
        BatchNorm bn = soleBatchNormAfter(ctx);
        if (bn != null) {
            float[] gamma = BatchNormRule.slice(ctx, bn.scaleParam(), rows);
            float[] var = BatchNormRule.slice(ctx, bn.runningVarParam(), rows);
            BatchNormFold fold = BatchNormFold.of(
                    w,
                    layer.bias() ? b : null,
                    gamma,
                    BatchNormRule.slice(ctx, bn.shiftParam(), rows),
                    BatchNormRule.slice(ctx, bn.runningMeanParam(), rows),
                    var,
                    bn.epsilon());
            w = fold.weight();
            b = fold.bias();
            if (map != null) {
                // the map is added before the batch norm, which scales it like the weights
                int per = map.length / rows.length;
                for (int r = 0; r < rows.length; r++) {
                    double s = gamma[r] / Math.sqrt((double) var[r] + bn.epsilon());
                    for (int i = r * per; i < (r + 1) * per; i++) {
                        map[i] *= s;
                    }
                }
            }
            ctx.markFolded(bn.name());
        }
        if (cols.length == 0) {
            // every channel it reads is removed or constant: each output is its (folded) bias plus the map
            return constantMaps(ctx, b, map, outShape);
        }
        long p = layer.padding();
        ValueRef y = in.get(0)
                .apply(
                        Op.CONV,
                        Map.of(
                                "kernel_shape", Attrs.pair(k),
                                "strides", Attrs.pair(layer.stride()),
                                "pads", Attrs.quad(p),
                                "dilations", Attrs.pair(layer.dilation()),
                                "group", 1L),
                        g.initializer(layer.name() + ".weight", w, rows.length, cols.length, k, k),
                        g.initializer(layer.name() + ".bias", b, rows.length))
                .shaped(outShape);
        if (map == null) {
            return y;
        }
        return y.add(g.initializer(
                        layer.name() + ".constant_inputs",
                        toFloat(map),
                        1,
                        rows.length,
                        outShape.dim(1),
                        outShape.dim(2)))
                .shaped(outShape);
    }

    /**
     * {@code [N, C, H, W]} feature maps holding {@code bias[c] + map[c, h, w]} (the map may be null), N
     * taken from the model input.
     */
    private ValueRef constantMaps(LayerContext ctx, float[] bias, double[] map, Shape shape) {
        OnnxGraph g = ctx.graph();
        ValueRef batch = ctx.modelInput().apply(Op.SHAPE, Map.of("start", 0L, "end", 1L));
        long[] rest = {shape.dim(0), shape.dim(1), shape.dim(2)};
        ValueRef dims =
                batch.apply(Op.CONCAT, Map.of("axis", 0L), g.initializerInt64(layer.name() + ".map_shape", rest, 3));
        int per = shape.dim(1) * shape.dim(2);
        float[] v = new float[bias.length * per];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (bias[i / per] + (map == null ? 0 : map[i]));
        }
        return g.initializer(layer.name() + ".constant", v, 1, bias.length, shape.dim(1), shape.dim(2))
                .apply(Op.EXPAND, Map.of(), dims)
                .shaped(shape);
    }

    /**
     * Returns the batch norm this convolution feeds alone, if it is that norm's only input and the
     * norm its only reader (so folding the norm into it changes no other reader), else null.
     */
    private static BatchNorm soleBatchNormAfter(LayerContext ctx) {
        List<Integer> consumers = ctx.model().consumersOf(ctx.index());
        if (consumers.size() == 1
                && ctx.model().layers().get(consumers.get(0)) instanceof BatchNorm bn
                && ctx.model().sourcesOf(consumers.get(0)).size() == 1) {
            return bn;
        }
        return null;
    }

    private static float[] toFloat(double[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) v[i];
        }
        return out;
    }

    private static boolean anyNonZero(float[] w, int from, int n) {
        for (int e = from; e < from + n; e++) {
            if (w[e] != 0f) {
                return true;
            }
        }
        return false;
    }
}
