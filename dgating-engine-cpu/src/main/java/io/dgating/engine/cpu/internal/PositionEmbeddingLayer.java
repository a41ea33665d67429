package io.dgating.engine.cpu.internal;

import java.util.List;

/** Adds a learned {@code [T, dim]} table to every example; its gradient is the batch's sum. */
final class PositionEmbeddingLayer implements Layer {

    private final int size;
    private final Param table;
    private float[] y;

    PositionEmbeddingLayer(int size, Param table) {
        this.size = size;
        this.table = table;
    }

    @Override
    public int outputSize() {
        return size;
    }

    @Override
    public float[] forward(float[] x, int n, boolean training) {
        y = Buffers.atLeast(y, n * size);
        float[] p = table.value();
        for (int r = 0; r < n; r++) {
            int off = r * size;
            for (int i = 0; i < size; i++) {
                y[off + i] = x[off + i] + p[i];
            }
        }
        return y;
    }

    @Override
    public float[] backward(float[] dy, int n, boolean needInputGrad) {
        float[] g = table.grad();
        double[] sum = new double[size];
        for (int r = 0; r < n; r++) {
            int off = r * size;
            for (int i = 0; i < size; i++) {
                sum[i] += dy[off + i];
            }
        }
        for (int i = 0; i < size; i++) {
            g[i] = (float) sum[i];
        }
        return needInputGrad ? dy : null;
    }

    @Override
    public List<Param> params() {
        return List.of(table);
    }
}
