package io.dgating.engine.cpu.internal;

import java.util.List;

/** The sum of its inputs; each input receives the output's gradient unchanged. */
final class AddLayer implements Layer {

    private final int size;
    private final int arity;
    private float[] y;

    AddLayer(int size, int arity) {
        this.size = size;
        this.arity = arity;
    }

    @Override
    public int outputSize() {
        return size;
    }

    @Override
    public float[] forward(float[] x, int n, boolean training) {
        throw new IllegalStateException("add takes " + arity + " inputs");
    }

    @Override
    public float[] forward(float[][] xs, int n, boolean training) {
        int total = n * size;
        y = Buffers.atLeast(y, total);
        System.arraycopy(xs[0], 0, y, 0, total);
        for (int k = 1; k < xs.length; k++) {
            float[] x = xs[k];
            for (int i = 0; i < total; i++) {
                y[i] += x[i];
            }
        }
        return y;
    }

    @Override
    public float[] backward(float[] dy, int n, boolean needInputGrad) {
        throw new IllegalStateException("add has " + arity + " inputs");
    }

    @Override
    public float[][] backwardAll(float[] dy, int n, boolean needInputGrad) {
        float[][] out = new float[arity][];
        for (int k = 0; k < arity; k++) {
            out[k] = needInputGrad ? dy : null;
        }
        return out;
    }

    @Override
    public List<Param> params() {
        return List.of();
    }
}
