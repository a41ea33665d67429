package io.dgating.engine.cpu.internal;

import java.util.List;

/**
 * The element-wise product of two inputs; the second may hold one value per channel of the first
 * ({@code per} values of the first share each of its values). The gradient of each input is the
 * output's gradient times the other input, summed over the shared values for the second.
 */
final class MultiplyLayer implements Layer {

    private final int size;
    private final int per;
    private float[] a;
    private float[] b;
    private float[] y;
    private float[] da;
    private float[] db;

    /**
     * Creates the layer.
     *
     * @param size values per example of the first input and of the output
     * @param per values of the first input per value of the second (1: equal shapes)
     */
    MultiplyLayer(int size, int per) {
        this.size = size;
        this.per = per;
    }

    @Override
    public int outputSize() {
        return size;
    }

    @Override
    public float[] forward(float[] x, int n, boolean training) {
        throw new IllegalStateException("multiply takes two inputs");
    }

    @Override
    public float[] forward(float[][] xs, int n, boolean training) {
        a = xs[0];
        b = xs[1];
        y = Buffers.atLeast(y, n * size);
        for (int i = 0; i < n * size; i++) {
            y[i] = a[i] * b[i / per];
        }
        return y;
    }

    @Override
    public float[] backward(float[] dy, int n, boolean needInputGrad) {
        throw new IllegalStateException("multiply has two inputs");
    }

    @Override
    public float[][] backwardAll(float[] dy, int n, boolean needInputGrad) {
        if (!needInputGrad) {
            return new float[2][];
        }
        da = Buffers.atLeast(da, n * size);
        db = Buffers.atLeast(db, n * size / per);
        for (int j = 0; j < n * size / per; j++) {
            float sum = 0;
            for (int i = j * per; i < (j + 1) * per; i++) {
                da[i] = dy[i] * b[j];
                sum += dy[i] * a[i];
            }
            db[j] = sum;
        }
        return new float[][] {da, db};
    }

    @Override
    public List<Param> params() {
        return List.of();
    }
}
