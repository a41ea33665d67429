package io.dgating.engine.cpu.internal;

import java.util.Arrays;
import java.util.List;

/**
 * Layer normalisation over contiguous vectors of {@code width} values (the last axis of an
 * example). Statistics are summed in double in a fixed order, so results do not depend on threads.
 */
final class LayerNormLayer implements Layer {

    private final int size;
    private final int width;
    private final double epsilon;
    private final Param gamma;
    private final Param beta;
    private float[] xhat;
    private float[] invStd;
    private float[] y;
    private float[] dx;
    private double[] dg;
    private double[] db;

    LayerNormLayer(int size, int width, double epsilon, Param gamma, Param beta) {
        this.size = size;
        this.width = width;
        this.epsilon = epsilon;
        this.gamma = gamma;
        this.beta = beta;
        this.dg = new double[width];
        this.db = new double[width];
    }

    @Override
    public int outputSize() {
        return size;
    }

    @Override
    public float[] forward(float[] x, int n, boolean training) {
        int total = n * size;
        int vectors = total / width;
        y = Buffers.atLeast(y, total);
        xhat = Buffers.atLeast(xhat, total);
        invStd = Buffers.atLeast(invStd, vectors);
        float[] g = gamma.value();
        float[] b = beta.value();
        for (int v = 0; v < vectors; v++) {
            int off = v * width;
            double sum = 0;
            for (int i = 0; i < width; i++) {
                sum += x[off + i];
            }
            double mean = sum / width;
            double sq = 0;
            for (int i = 0; i < width; i++) {
                double d = x[off + i] - mean;
                sq += d * d;
            }
            double inv = 1.0 / Math.sqrt(sq / width + epsilon);
            invStd[v] = (float) inv;
            for (int i = 0; i < width; i++) {
                float h = (float) ((x[off + i] - mean) * inv);
                xhat[off + i] = h;
                y[off + i] = g[i] * h + b[i];
            }
        }
        return y;
    }

    @Override
    public float[] backward(float[] dy, int n, boolean needInputGrad) {
        int vectors = n * size / width;
        float[] g = gamma.value();
        Arrays.fill(dg, 0);
        Arrays.fill(db, 0);
        if (needInputGrad) {
            dx = Buffers.atLeast(dx, n * size);
        }
        for (int v = 0; v < vectors; v++) {
            int off = v * width;
            double sumG = 0;
            double sumGXhat = 0;
            for (int i = 0; i < width; i++) {
                double d = dy[off + i];
                dg[i] += d * xhat[off + i];
                db[i] += d;
                double gd = d * g[i];
                sumG += gd;
                sumGXhat += gd * xhat[off + i];
            }
            if (!needInputGrad) {
                continue;
            }
            // per vector: dx = inv * (g dy - mean(g dy) - xhat * mean(g dy * xhat)), the statistics' gradient included
            double meanG = sumG / width;
            double meanGXhat = sumGXhat / width;
            double inv = invStd[v];
            for (int i = 0; i < width; i++) {
                dx[off + i] = (float) (inv * (dy[off + i] * g[i] - meanG - xhat[off + i] * meanGXhat));
            }
        }
        float[] gg = gamma.grad();
        float[] bg = beta.grad();
        for (int i = 0; i < width; i++) {
            gg[i] = (float) dg[i];
            bg[i] = (float) db[i];
        }
        return needInputGrad ? dx : null;
    }

    @Override
    public List<Param> params() {
        return List.of(gamma, beta);
    }
}
