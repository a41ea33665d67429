package io.dgating.engine.cpu.internal;

import io.dgating.api.model.Activation;
import io.dgating.api.model.Dense;
import io.dgating.api.model.MultiHeadAttention;
import io.dgating.engine.cpu.kernel.GemmMt;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Multi-head self-attention over {@code [n, T, dim]} rows. The four projections are dense layers
 * over every position; the attention between them runs per example and head, keeping the softmax
 * probabilities for the backward pass.
 */
final class AttentionLayer implements Layer {

    private final int positions;
    private final int dim;
    private final int heads;
    private final int headSize;
    private final boolean causal;
    private final double scale;
    private final DenseLayer query;
    private final DenseLayer key;
    private final DenseLayer value;
    private final DenseLayer out;
    private float[] q;
    private float[] k;
    private float[] v;
    private float[] probs;
    private float[] mixed;
    private float[] dq;
    private float[] dk;
    private float[] dv;
    private float[] dx;
    private final double[] row;

    /**
     * @param params query, key, value and output weight and bias, in {@link MultiHeadAttention#parameters} order
     */
    AttentionLayer(MultiHeadAttention spec, int positions, int dim, List<Param> params, GemmMt gemm) {
        this.positions = positions;
        this.dim = dim;
        this.heads = spec.heads();
        this.headSize = spec.headSize();
        this.causal = spec.causal();
        this.scale = 1.0 / Math.sqrt(headSize);
        int inner = spec.inner();
        this.query = projection(spec.name() + ".query", inner, dim, params.get(0), params.get(1), gemm);
        this.key = projection(spec.name() + ".key", inner, dim, params.get(2), params.get(3), gemm);
        this.value = projection(spec.name() + ".value", inner, dim, params.get(4), params.get(5), gemm);
        this.out = projection(spec.name() + ".out", dim, inner, params.get(6), params.get(7), gemm);
        this.row = new double[positions];
    }

    private DenseLayer projection(String name, int units, int in, Param w, Param b, GemmMt gemm) {
        return new DenseLayer(new Dense(name, units, Activation.IDENTITY, true), in, positions, w, b, gemm);
    }

    @Override
    public int outputSize() {
        return positions * dim;
    }

    @Override
    public float[] forward(float[] x, int n, boolean training) {
        int inner = heads * headSize;
        // each projection's output is its own buffer, kept until that projection's next forward pass
        q = query.forward(x, n, training);
        k = key.forward(x, n, training);
        v = value.forward(x, n, training);
        probs = Buffers.atLeast(probs, n * heads * positions * positions);
        mixed = Buffers.atLeast(mixed, n * positions * inner);
        Arrays.fill(mixed, 0, n * positions * inner, 0f);
        for (int e = 0; e < n; e++) {
            for (int h = 0; h < heads; h++) {
                int base = e * positions * inner + h * headSize;
                int p0 = (e * heads + h) * positions * positions;
                for (int i = 0; i < positions; i++) {
                    int last = causal ? i : positions - 1;
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j <= last; j++) {
                        double s = 0;
                        for (int d = 0; d < headSize; d++) {
                            s += q[base + i * inner + d] * k[base + j * inner + d];
                        }
                        row[j] = s * scale;
                        max = Math.max(max, row[j]);
                    }
                    double sum = 0;
                    for (int j = 0; j <= last; j++) {
                        row[j] = Math.exp(row[j] - max);
                        sum += row[j];
                    }
                    int pr = p0 + i * positions;
                    for (int j = 0; j < positions; j++) {
                        float p = j <= last ? (float) (row[j] / sum) : 0f;
                        probs[pr + j] = p;
                        if (p != 0f) {
                            for (int d = 0; d < headSize; d++) {
                                mixed[base + i * inner + d] += p * v[base + j * inner + d];
                            }
                        }
                    }
                }
            }
        }
        return out.forward(mixed, n, training);
    }

    @Override
    public float[] backward(float[] dy, int n, boolean needInputGrad) {
        int inner = heads * headSize;
        int size = n * positions * inner;
        float[] dMixed = out.backward(dy, n, true);
        dq = Buffers.atLeast(dq, size);
        dk = Buffers.atLeast(dk, size);
        dv = Buffers.atLeast(dv, size);
        Arrays.fill(dq, 0, size, 0f);
        Arrays.fill(dk, 0, size, 0f);
        Arrays.fill(dv, 0, size, 0f);
        for (int e = 0; e < n; e++) {
            for (int h = 0; h < heads; h++) {
                int base = e * positions * inner + h * headSize;
                int p0 = (e * heads + h) * positions * positions;
                for (int i = 0; i < positions; i++) {
                    int last = causal ? i : positions - 1;
                    int pr = p0 + i * positions;
                    // dP_ij = dO_i . V_j; dV_j += P_ij dO_i; dS_ij = P_ij (dP_ij - sum_k P_ik dP_ik)
                    double dot = 0;
                    for (int j = 0; j <= last; j++) {
                        double s = 0;
                        for (int d = 0; d < headSize; d++) {
                            s += dMixed[base + i * inner + d] * v[base + j * inner + d];
                        }
                        row[j] = s;
                        dot += probs[pr + j] * s;
                    }
                    for (int j = 0; j <= last; j++) {
                        float p = probs[pr + j];
                        for (int d = 0; d < headSize; d++) {
                            dv[base + j * inner + d] += p * dMixed[base + i * inner + d];
                        }
                        float ds = (float) (p * (row[j] - dot) * scale);
                        if (ds == 0f) {
                            continue;
                        }
                        for (int d = 0; d < headSize; d++) {
                            dq[base + i * inner + d] += ds * k[base + j * inner + d];
                            dk[base + j * inner + d] += ds * q[base + i * inner + d];
                        }
                    }
                }
            }
        }
        int total = n * positions * dim;
        float[] gq = query.backward(dq, n, needInputGrad);
        if (needInputGrad) {
            dx = Buffers.atLeast(dx, total);
            System.arraycopy(gq, 0, dx, 0, total);
        }
        float[] gk = key.backward(dk, n, needInputGrad);
        float[] gv = value.backward(dv, n, needInputGrad);
        if (!needInputGrad) {
            return null;
        }
        for (int i = 0; i < total; i++) {
            dx[i] += gk[i] + gv[i];
        }
        return dx;
    }

    @Override
    public List<Param> params() {
        List<Param> p = new ArrayList<>();
        for (DenseLayer d : List.of(query, key, value, out)) {
            p.addAll(d.params());
        }
        return p;
    }
}
