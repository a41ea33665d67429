package io.dgating.export.graph;

import io.dgating.api.ParameterSet;
import io.dgating.api.Shape;
import io.dgating.api.model.Add;
import io.dgating.api.model.BatchNorm;
import io.dgating.api.model.Conv2d;
import io.dgating.api.model.Dense;
import io.dgating.api.model.Dropout;
import io.dgating.api.model.Embedding;
import io.dgating.api.model.Flatten;
import io.dgating.api.model.GlobalAvgPool;
import io.dgating.api.model.LayerNorm;
import io.dgating.api.model.LayerSpec;
import io.dgating.api.model.MultiHeadAttention;
import io.dgating.api.model.Nonlinearity;
import io.dgating.api.model.Pool2d;
import io.dgating.api.model.PositionEmbedding;
import io.dgating.export.onnx.OnnxGraph;
import io.dgating.export.onnx.Op;
import io.dgating.export.onnx.ValueRef;
import java.util.List;
import java.util.Map;

/** The node writer of every layer kind: the one place that maps a kind to ONNX operators. */
final class LayerNodes {

    private static final Map<Class<? extends LayerSpec>, NodeWriter<?>> WRITERS = Map.ofEntries(
            Map.entry(Conv2d.class, (NodeWriter<Conv2d>) LayerNodes::conv),
            Map.entry(BatchNorm.class, (NodeWriter<BatchNorm>) LayerNodes::batchNorm),
            Map.entry(LayerNorm.class, (NodeWriter<LayerNorm>) LayerNodes::layerNorm),
            Map.entry(Pool2d.class, (NodeWriter<Pool2d>) LayerNodes::pool),
            Map.entry(GlobalAvgPool.class, (NodeWriter<GlobalAvgPool>)
                    (l, i, in, ctx) -> in.get(0).apply(Op.GLOBAL_AVERAGE_POOL).shaped(ctx.outputShape(i))),
            Map.entry(Nonlinearity.class, (NodeWriter<Nonlinearity>) (l, i, in, ctx) ->
                    ActivationNodes.apply(ctx.graph(), in.get(0), l.activation(), ctx.outputShape(i))),
            Map.entry(Add.class, (NodeWriter<Add>) LayerNodes::add),
            Map.entry(Flatten.class, (NodeWriter<Flatten>) (l, i, in, ctx) ->
                    in.get(0).apply(Op.FLATTEN, Map.of("axis", 1L)).shaped(ctx.outputShape(i))),
            Map.entry(Dropout.class, (NodeWriter<Dropout>) (l, i, in, ctx) -> in.get(0)),
            Map.entry(Dense.class, (NodeWriter<Dense>) LayerNodes::dense),
            Map.entry(Embedding.class, (NodeWriter<Embedding>) LayerNodes::embedding),
            Map.entry(MultiHeadAttention.class, (NodeWriter<MultiHeadAttention>) AttentionNodes::write),
            Map.entry(PositionEmbedding.class, (NodeWriter<PositionEmbedding>) (l, i, in, ctx) -> {
                Shape s = ctx.outputShape(i);
                return in.get(0)
                        .add(ctx.graph()
                                .initializer(
                                        l.name() + ".weight",
                                        ctx.param(l.name() + ParameterSet.WEIGHT)
                                                .data(),
                                        s.dim(0),
                                        s.dim(1)))
                        .shaped(s);
            }));

    /** ONNX's TensorProto.DataType number of int64. */
    private static final long INT64 = 7;

    private LayerNodes() {}

    /**
     * Returns the writer of a layer kind.
     *
     * @throws IllegalArgumentException for a kind without one, naming it
     */
    @SuppressWarnings("unchecked")
    static <L extends LayerSpec> NodeWriter<L> of(L layer) {
        NodeWriter<?> w = WRITERS.get(layer.getClass());
        if (w == null) {
            throw new IllegalArgumentException("no ONNX writer for layer kind "
                    + layer.getClass().getSimpleName() + " (layer '" + layer.name() + "')");
        }
        return (NodeWriter<L>) w;
    }

    private static ValueRef conv(Conv2d c, int index, List<ValueRef> in, GraphContext ctx) {
        OnnxGraph g = ctx.graph();
        int[] rows = ctx.kept(index);
        int[] cols = ctx.keptIn(index);
        int k = c.kernel();
        Shape original = ctx.originalInputShape(index);
        int channels = original.dim(0);
        float[] full = ctx.param(c.name() + ParameterSet.WEIGHT).data();
        float[] w = GraphContext.slice(full, channels, k * k, rows, cols);
        float[] b = c.bias()
                ? GraphContext.slice(ctx.param(c.name() + ParameterSet.BIAS).data(), 1, 1, rows, null)
                : new float[rows.length];
        Shape outShape = ctx.outputShape(index);
        double[] map = ConstantInputFold.of(c, full, ctx.inputSignal(index), original, outShape, rows, cols);
        BatchNorm bn = ctx.soleBatchNormAfter(index);
        if (bn != null) {
            float[] gamma = bnParam(ctx, bn, ParameterSet.WEIGHT, rows);
            float[] var = bnParam(ctx, bn, BatchNorm.RUNNING_VAR, rows);
            BatchNormFold fold = BatchNormFold.of(
                    w,
                    c.bias() ? b : null,
                    gamma,
                    bnParam(ctx, bn, ParameterSet.BIAS, rows),
                    bnParam(ctx, bn, BatchNorm.RUNNING_MEAN, rows),
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
            return constantMaps(ctx, c.name(), b, map, outShape);
        }
        long p = c.padding();
        ValueRef y = in.get(0)
                .apply(
                        Op.CONV,
                        Map.of(
                                "kernel_shape",
                                pair(k),
                                "strides",
                                pair(c.stride()),
                                "pads",
                                quad(p),
                                "dilations",
                                pair(c.dilation()),
                                "group",
                                1L),
                        g.initializer(c.name() + ".weight", w, rows.length, cols.length, k, k),
                        g.initializer(c.name() + ".bias", b, rows.length))
                .shaped(outShape);
        if (map == null) {
            return y;
        }
        return y.add(g.initializer(
                        c.name() + ".constant_inputs", toFloat(map), 1, rows.length, outShape.dim(1), outShape.dim(2)))
                .shaped(outShape);
    }

    private static float[] toFloat(double[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) v[i];
        }
        return out;
    }

    /**
     * {@code [N, C, H, W]} feature maps holding {@code bias[c] + map[c, h, w]} (the map may be null), N
     * taken from the model input.
     */
    private static ValueRef constantMaps(GraphContext ctx, String name, float[] bias, double[] map, Shape shape) {
        OnnxGraph g = ctx.graph();
        ValueRef batch = ctx.modelInput().apply(Op.SHAPE, Map.of("start", 0L, "end", 1L));
        long[] rest = {shape.dim(0), shape.dim(1), shape.dim(2)};
        ValueRef dims = batch.apply(Op.CONCAT, Map.of("axis", 0L), g.initializerInt64(name + ".map_shape", rest, 3));
        int per = shape.dim(1) * shape.dim(2);
        float[] v = new float[bias.length * per];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (bias[i / per] + (map == null ? 0 : map[i]));
        }
        return g.initializer(name + ".constant", v, 1, bias.length, shape.dim(1), shape.dim(2))
                .apply(Op.EXPAND, Map.of(), dims)
                .shaped(shape);
    }

    private static float[] bnParam(GraphContext ctx, BatchNorm bn, String suffix, int[] rows) {
        return GraphContext.slice(ctx.param(bn.name() + suffix).data(), 1, 1, rows, null);
    }

    private static ValueRef batchNorm(BatchNorm bn, int index, List<ValueRef> in, GraphContext ctx) {
        if (ctx.isFolded(bn.name())) {
            return in.get(0);
        }
        OnnxGraph g = ctx.graph();
        int[] rows = ctx.kept(index);
        int c = rows.length;
        return in.get(0)
                .apply(
                        Op.BATCH_NORMALIZATION,
                        Map.of("epsilon", (float) bn.epsilon()),
                        g.initializer(bn.name() + ".scale", bnParam(ctx, bn, ParameterSet.WEIGHT, rows), c),
                        g.initializer(bn.name() + ".shift", bnParam(ctx, bn, ParameterSet.BIAS, rows), c),
                        g.initializer(bn.name() + ".mean", bnParam(ctx, bn, BatchNorm.RUNNING_MEAN, rows), c),
                        g.initializer(bn.name() + ".var", bnParam(ctx, bn, BatchNorm.RUNNING_VAR, rows), c))
                .shaped(ctx.outputShape(index));
    }

    /** Token ids arrive as floats like every feature: cast to int64, then Gather rows of the table. */
    private static ValueRef embedding(Embedding e, int index, List<ValueRef> in, GraphContext ctx) {
        ValueRef table = ctx.graph()
                .initializer(
                        e.name() + ".weight",
                        ctx.param(e.name() + ParameterSet.WEIGHT).data(),
                        e.vocabulary(),
                        e.dim());
        ValueRef ids = in.get(0).apply(Op.CAST, Map.of("to", INT64));
        return table.apply(Op.GATHER, Map.of("axis", 0L), ids).shaped(ctx.outputShape(index));
    }

    /** Kept whole by the planner: every value of the normalised axis counts towards its statistics. */
    private static ValueRef layerNorm(LayerNorm ln, int index, List<ValueRef> in, GraphContext ctx) {
        OnnxGraph g = ctx.graph();
        Shape shape = ctx.outputShape(index);
        int width = shape.dim(shape.rank() - 1);
        return in.get(0)
                .apply(
                        Op.LAYER_NORMALIZATION,
                        Map.of("axis", -1L, "epsilon", (float) ln.epsilon()),
                        g.initializer(
                                ln.name() + ".scale",
                                ctx.param(ln.name() + ParameterSet.WEIGHT).data(),
                                width),
                        g.initializer(
                                ln.name() + ".shift",
                                ctx.param(ln.name() + ParameterSet.BIAS).data(),
                                width))
                .shaped(shape);
    }

    private static ValueRef pool(Pool2d p, int index, List<ValueRef> in, GraphContext ctx) {
        long k = p.kernel();
        long pad = p.padding();
        Map<String, Object> attrs = new java.util.HashMap<>(
                Map.of("kernel_shape", pair(k), "strides", pair(p.stride()), "pads", quad(pad)));
        if (p.mode() == Pool2d.Mode.AVERAGE) {
            attrs.put("count_include_pad", 1L);
        }
        return in.get(0)
                .apply(p.mode() == Pool2d.Mode.MAX ? Op.MAX_POOL : Op.AVERAGE_POOL, attrs)
                .shaped(ctx.outputShape(index));
    }

    private static long[] pair(long v) {
        return new long[] {v, v};
    }

    private static long[] quad(long v) {
        return new long[] {v, v, v, v};
    }

    private static ValueRef add(Add a, int index, List<ValueRef> in, GraphContext ctx) {
        ValueRef sum = in.get(0);
        for (ValueRef v : in.subList(1, in.size())) {
            sum = sum.add(v).shaped(ctx.outputShape(index));
        }
        return sum;
    }

    /**
     * A dense layer inside the graph (not in the final chain the planner prunes): Gemm on flat rows,
     * MatMul with the transposed weight on a sequence; then its activation.
     */
    private static ValueRef dense(Dense d, int index, List<ValueRef> in, GraphContext ctx) {
        OnnxGraph g = ctx.graph();
        Shape out = ctx.outputShape(index);
        Shape inShape = ctx.inputShape(index);
        int inputs = d.inputs(inShape);
        float[] b = d.bias() ? ctx.param(d.name() + ParameterSet.BIAS).data() : new float[d.units()];
        if (inShape.rank() == 2) {
            float[] w = ctx.param(d.name() + ParameterSet.WEIGHT).data();
            float[] wt = new float[w.length];
            for (int u = 0; u < d.units(); u++) {
                for (int j = 0; j < inputs; j++) {
                    wt[j * d.units() + u] = w[u * inputs + j];
                }
            }
            ValueRef z = in.get(0)
                    .apply(Op.MATMUL, Map.of(), g.initializer(d.name() + ".weight_t", wt, inputs, d.units()))
                    .shaped(out);
            if (d.bias()) {
                z = z.add(g.initializer(d.name() + ".bias", b, d.units())).shaped(out);
            }
            return ActivationNodes.apply(g, z, d.activation(), out);
        }
        ValueRef z = in.get(0)
                .gemm(
                        g.initializer(
                                d.name() + ".weight",
                                ctx.param(d.name() + ParameterSet.WEIGHT).data(),
                                d.units(),
                                inputs),
                        g.initializer(d.name() + ".bias", b, d.units()))
                .shaped(out);
        return ActivationNodes.apply(g, z, d.activation(), out);
    }
}
