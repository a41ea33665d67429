package io.dgating.export.kinds;

import io.dgating.api.Shape;
import io.dgating.api.gating.GroupReport;
import io.dgating.api.model.MultiHeadAttention;
import io.dgating.export.LayerReport;
import io.dgating.export.onnx.OnnxGraph;
import io.dgating.export.onnx.Op;
import io.dgating.export.onnx.ValueRef;
import io.dgating.export.plan.LayerContext;
import io.dgating.export.plan.Signal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Multi-head self-attention with the heads the compact model keeps: the kept heads' rows of the
 * query, key and value projections and columns of the output projection, so the compact graph
 * attends with fewer heads. A removed head's value rows are zero, so its output is its value bias at
 * every position (the softmax weights sum to 1): that constant goes into the output bias. With no
 * head kept, the layer is that bias at every position. Positions are never removed: the layer reads
 * its whole input and computes every position.
 */
final class AttentionRule extends WholeLayerRule<MultiHeadAttention> {

    private int[] keptHeads;

    AttentionRule(MultiHeadAttention layer) {
        super(layer);
        keptHeads = IntStream.range(0, layer.heads()).toArray();
    }

    /** Keeps, in the compact export, the heads whose value rows are not all zero. */
    @Override
    public Signal forward(LayerContext ctx, List<Signal> in) {
        if (ctx.compact()) {
            float[] w = ctx.param(layer.value().weight()).data();
            int per = w.length / layer.heads();
            keptHeads = IntStream.range(0, layer.heads())
                    .filter(h -> anyNonZero(w, h * per, per))
                    .toArray();
        }
        return Signal.allAlive(in.get(0).width());
    }

    /** Per example: four projections of every position, then scores and mixing over the context. */
    @Override
    public long multiplyAdds(LayerContext ctx, boolean exported) {
        long t = ctx.inputShape().dim(0);
        long dim = ctx.inputShape().dim(1);
        long h = exported ? keptHeads.length : layer.heads();
        return 4 * t * dim * h * layer.headSize() + 2 * t * t * h * layer.headSize();
    }

    @Override
    public long parameters(LayerContext ctx, boolean exported) {
        long kept = (long) (exported ? keptHeads.length : layer.heads()) * layer.headSize();
        int dim = ctx.inputShape().dim(1);
        return 4 * kept * dim + 3 * kept + dim;
    }

    @Override
    public Optional<LayerReport> report(LayerContext ctx) {
        GroupReport g = ctx.groups(layer.name());
        int dim = ctx.inputShape().dim(1);
        return Optional.of(new LayerReport(
                layer.name(),
                g == null ? null : g.kind(),
                g == null ? 0 : g.groups(),
                g != null && ctx.compact() ? g.zero() : 0,
                g == null ? 0 : g.almostZero(),
                layer.heads(),
                keptHeads.length,
                dim,
                dim,
                multiplyAdds(ctx, false),
                multiplyAdds(ctx, true),
                List.of()));
    }

    @Override
    public ValueRef write(LayerContext ctx, List<ValueRef> in) {
        MultiHeadAttention a = layer;
        OnnxGraph g = ctx.graph();
        Shape shape = ctx.compactOutputShape();
        int t = shape.dim(0);
        int dim = shape.dim(1);
        int hs = a.headSize();
        int inner = a.inner();
        int[] heads = keptHeads.clone();
        float[] wo = ctx.param(a.out().weight()).data();
        float[] bv = ctx.param(a.value().bias()).data();
        float[] bo = ctx.param(a.out().bias()).data().clone();
        boolean[] kept = new boolean[a.heads()];
        for (int h : heads) {
            kept[h] = true;
        }
        for (int h = 0; h < a.heads(); h++) {
            for (int d = h * hs; d < (h + 1) * hs && !kept[h]; d++) {
                for (int u = 0; u < dim; u++) {
                    bo[u] += wo[u * inner + d] * bv[d];
                }
            }
        }
        ValueRef x = in.get(0);
        if (heads.length == 0) {
            return g.initializer(a.name() + ".constant", bo, dim)
                    .apply(Op.EXPAND, Map.of(), x.apply(Op.SHAPE))
                    .shaped(shape);
        }
        int[] rows = new int[heads.length * hs];
        for (int i = 0; i < heads.length; i++) {
            for (int d = 0; d < hs; d++) {
                rows[i * hs + d] = heads[i] * hs + d;
            }
        }
        int h = heads.length;
        ValueRef split = g.initializerInt64(a.name() + ".split", new long[] {0, t, h, hs}, 4);
        ValueRef q = project(g, ctx, x, a.query(), rows, dim, t)
                .apply(Op.RESHAPE, Map.of(), split)
                .shaped(Shape.of(t, h, hs))
                .apply(Op.TRANSPOSE, Map.of("perm", new long[] {0, 2, 1, 3}))
                .shaped(Shape.of(h, t, hs));
        ValueRef k = project(g, ctx, x, a.key(), rows, dim, t)
                .apply(Op.RESHAPE, Map.of(), split)
                .shaped(Shape.of(t, h, hs))
                .apply(Op.TRANSPOSE, Map.of("perm", new long[] {0, 2, 3, 1}))
                .shaped(Shape.of(h, hs, t));
        ValueRef v = project(g, ctx, x, a.value(), rows, dim, t)
                .apply(Op.RESHAPE, Map.of(), split)
                .shaped(Shape.of(t, h, hs))
                .apply(Op.TRANSPOSE, Map.of("perm", new long[] {0, 2, 1, 3}))
                .shaped(Shape.of(h, t, hs));
        ValueRef scores = q.apply(Op.MATMUL, Map.of(), k)
                .shaped(Shape.of(h, t, t))
                .mul(g.initializer(a.name() + ".scale", new float[] {(float) (1.0 / Math.sqrt(hs))}))
                .shaped(Shape.of(h, t, t));
        if (a.causal()) {
            float[] mask = new float[t * t];
            for (int i = 0; i < t; i++) {
                for (int j = i + 1; j < t; j++) {
                    mask[i * t + j] = Float.NEGATIVE_INFINITY;
                }
            }
            scores = scores.add(g.initializer(a.name() + ".mask", mask, t, t)).shaped(Shape.of(h, t, t));
        }
        ValueRef mixed = scores.apply(Op.SOFTMAX, Map.of("axis", -1L))
                .shaped(Shape.of(h, t, t))
                .apply(Op.MATMUL, Map.of(), v)
                .shaped(Shape.of(h, t, hs))
                .apply(Op.TRANSPOSE, Map.of("perm", new long[] {0, 2, 1, 3}))
                .shaped(Shape.of(t, h, hs))
                .apply(
                        Op.RESHAPE,
                        Map.of(),
                        g.initializerInt64(a.name() + ".merge", new long[] {0, t, (long) h * hs}, 3))
                .shaped(Shape.of(t, h * hs));
        float[] woKept = new float[rows.length * dim];
        for (int r = 0; r < rows.length; r++) {
            for (int u = 0; u < dim; u++) {
                woKept[r * dim + u] = wo[u * inner + rows[r]];
            }
        }
        return mixed.apply(Op.MATMUL, Map.of(), g.initializer(a.name() + ".out.weight_t", woKept, rows.length, dim))
                .shaped(shape)
                .add(g.initializer(a.name() + ".out.bias", bo, dim))
                .shaped(shape);
    }

    /** {@code x W[rows]^T + b[rows]} over every position. */
    private static ValueRef project(
            OnnxGraph g, LayerContext ctx, ValueRef x, MultiHeadAttention.Projection p, int[] rows, int dim, int t) {
        float[] w = ctx.param(p.weight()).data();
        float[] b = ctx.param(p.bias()).data();
        float[] wt = new float[dim * rows.length];
        float[] bk = new float[rows.length];
        for (int r = 0; r < rows.length; r++) {
            bk[r] = b[rows[r]];
            for (int j = 0; j < dim; j++) {
                wt[j * rows.length + r] = w[rows[r] * dim + j];
            }
        }
        return x.apply(Op.MATMUL, Map.of(), g.initializer(p.weight().name() + "_t", wt, dim, rows.length))
                .shaped(Shape.of(t, rows.length))
                .add(g.initializer(p.bias().name(), bk, rows.length))
                .shaped(Shape.of(t, rows.length));
    }

    private static boolean anyNonZero(float[] v, int from, int n) {
        for (int e = from; e < from + n; e++) {
            if (v[e] != 0f) {
                return true;
            }
        }
        return false;
    }
}
