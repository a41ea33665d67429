package io.dgating.export.graph;

import io.dgating.api.ParameterSet;
import io.dgating.api.Shape;
import io.dgating.api.model.MultiHeadAttention;
import io.dgating.export.onnx.OnnxGraph;
import io.dgating.export.onnx.Op;
import io.dgating.export.onnx.ValueRef;
import java.util.List;
import java.util.Map;

/**
 * The ONNX nodes of multi-head self-attention with the heads the plan keeps: the kept heads' rows
 * of the query, key and value projections and columns of the output projection, so the compact
 * graph attends with fewer heads. A removed head's value rows are zero, so its output is its value
 * bias at every position (the softmax weights sum to 1): that constant goes into the output bias.
 * With no head kept, the layer is that bias at every position.
 */
final class AttentionNodes {

    private AttentionNodes() {}

    static ValueRef write(MultiHeadAttention a, int index, List<ValueRef> in, GraphContext ctx) {
        OnnxGraph g = ctx.graph();
        Shape shape = ctx.outputShape(index);
        int t = shape.dim(0);
        int dim = shape.dim(1);
        int hs = a.headSize();
        int inner = a.inner();
        int[] heads = ctx.keptHeads(a.name());
        float[] wo = ctx.param(a.name() + MultiHeadAttention.OUT + ParameterSet.WEIGHT)
                .data();
        float[] bv = ctx.param(a.name() + MultiHeadAttention.VALUE + ParameterSet.BIAS)
                .data();
        float[] bo = ctx.param(a.name() + MultiHeadAttention.OUT + ParameterSet.BIAS)
                .data()
                .clone();
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
        ValueRef q = project(g, ctx, x, a.name() + MultiHeadAttention.QUERY, rows, dim, t)
                .apply(Op.RESHAPE, Map.of(), split)
                .shaped(Shape.of(t, h, hs))
                .apply(Op.TRANSPOSE, Map.of("perm", new long[] {0, 2, 1, 3}))
                .shaped(Shape.of(h, t, hs));
        ValueRef k = project(g, ctx, x, a.name() + MultiHeadAttention.KEY, rows, dim, t)
                .apply(Op.RESHAPE, Map.of(), split)
                .shaped(Shape.of(t, h, hs))
                .apply(Op.TRANSPOSE, Map.of("perm", new long[] {0, 2, 3, 1}))
                .shaped(Shape.of(h, hs, t));
        ValueRef v = project(g, ctx, x, a.name() + MultiHeadAttention.VALUE, rows, dim, t)
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
            OnnxGraph g, GraphContext ctx, ValueRef x, String prefix, int[] rows, int dim, int t) {
        float[] w = ctx.param(prefix + ParameterSet.WEIGHT).data();
        float[] b = ctx.param(prefix + ParameterSet.BIAS).data();
        float[] wt = new float[dim * rows.length];
        float[] bk = new float[rows.length];
        for (int r = 0; r < rows.length; r++) {
            bk[r] = b[rows[r]];
            for (int j = 0; j < dim; j++) {
                wt[j * rows.length + r] = w[rows[r] * dim + j];
            }
        }
        return x.apply(Op.MATMUL, Map.of(), g.initializer(prefix + ".weight_t", wt, dim, rows.length))
                .shaped(Shape.of(t, rows.length))
                .add(g.initializer(prefix + ".bias", bk, rows.length))
                .shaped(Shape.of(t, rows.length));
    }
}
