package io.dgating.engine.cpu.internal;

import java.util.Arrays;
import java.util.List;

/** Looks up one row of the table per token id; backward adds each position's gradient into its row. */
final class EmbeddingLayer implements Layer {

    private final String name;
    private final int positions;
    private final int vocabulary;
    private final int dim;
    private final Param table;
    private int[] ids;
    private float[] y;

    EmbeddingLayer(String name, int positions, int vocabulary, int dim, Param table) {
        this.name = name;
        this.positions = positions;
        this.vocabulary = vocabulary;
        this.dim = dim;
        this.table = table;
    }

    @Override
    public int outputSize() {
        return positions * dim;
    }

    @Override
    public float[] forward(float[] x, int n, boolean training) {
        int tokens = n * positions;
        ids = ids == null || ids.length < tokens ? new int[tokens] : ids;
        y = Buffers.atLeast(y, tokens * dim);
        float[] w = table.value();
        for (int t = 0; t < tokens; t++) {
            float v = x[t];
            int id = (int) v;
            if (id != v || id < 0 || id >= vocabulary) {
                throw new IllegalArgumentException("embedding '" + name + "': token id " + v + " at position "
                        + (t % positions) + " of example " + (t / positions) + " is not an integer in [0, "
                        + vocabulary + ")");
            }
            ids[t] = id;
            System.arraycopy(w, id * dim, y, t * dim, dim);
        }
        return y;
    }

    @Override
    public float[] backward(float[] dy, int n, boolean needInputGrad) {
        float[] g = table.grad();
        Arrays.fill(g, 0f);
        int tokens = n * positions;
        for (int t = 0; t < tokens; t++) {
            int row = ids[t] * dim;
            int at = t * dim;
            for (int e = 0; e < dim; e++) {
                g[row + e] += dy[at + e];
            }
        }
        // token ids have no gradient
        return null;
    }

    @Override
    public List<Param> params() {
        return List.of(table);
    }
}
