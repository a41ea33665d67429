package io.dgating.engine.cpu.internal;

import io.dgating.api.model.BatchNorm;
import java.util.List;

/**
 * Batch normalisation over the channel axis of {@code [n, C, spatial]} rows (spatial 1 for flat
 * inputs). Statistics are summed in double in a fixed order, so results do not depend on threads.
 */
final class BatchNormLayer implements Layer {

    private final BatchNorm spec;
    private final int channels;
    private final int spatial;
    private final Param gamma;
    private final Param beta;
    private final Param runningMean;
    private final Param runningVar;
    private final float[] invStd;
    private float[] xhat;
    private float[] y;
    private float[] dx;
    private boolean trained;

    BatchNormLayer(BatchNorm spec, int channels, int spatial, Param gamma, Param beta, Param runningMean,
            Param runningVar) {
        this.spec = spec;
        this.channels = channels;
        this.spatial = spatial;
        this.gamma = gamma;
        this.beta = beta;
        this.runningMean = runningMean;
        this.runningVar = runningVar;
        this.invStd = new float[channels];
    }

    @Override
    public int outputSize() {
        return channels * spatial;
    }

    @Override
    public float[] forward(float[] x, int n, boolean training) {
        int size = n * channels * spatial;
        y = Buffers.atLeast(y, size);
        xhat = Buffers.atLeast(xhat, size);
        trained = training;
        float[] g = gamma.value();
        float[] b = beta.value();
        float[] rm = runningMean.value();
        float[] rv = runningVar.value();
        long count = (long) n * spatial;
        for (int ch = 0; ch < channels; ch++) {
            float mean;
            float inv;
            if (training) {
                double sum = 0;
                for (int r = 0; r < n; r++) {
                    int off = (r * channels + ch) * spatial;
                    for (int p = 0; p < spatial; p++) {
                        sum += x[off + p];
                    }
                }
                double mu = sum / count;
                double sq = 0;
                for (int r = 0; r < n; r++) {
                    int off = (r * channels + ch) * spatial;
                    for (int p = 0; p < spatial; p++) {
                        double d = x[off + p] - mu;
                        sq += d * d;
                    }
                }
                double var = sq / count;
                mean = (float) mu;
                inv = (float) (1.0 / Math.sqrt(var + spec.epsilon()));
                double unbiased = count > 1 ? sq / (count - 1) : var;
                rm[ch] = (float) ((1 - spec.momentum()) * rm[ch] + spec.momentum() * mu);
                rv[ch] = (float) ((1 - spec.momentum()) * rv[ch] + spec.momentum() * unbiased);
            } else {
                mean = rm[ch];
                inv = (float) (1.0 / Math.sqrt(rv[ch] + spec.epsilon()));
            }
            invStd[ch] = inv;
            for (int r = 0; r < n; r++) {
                int off = (r * channels + ch) * spatial;
                for (int p = 0; p < spatial; p++) {
                    float h = (x[off + p] - mean) * inv;
                    xhat[off + p] = h;
                    y[off + p] = g[ch] * h + b[ch];
                }
            }
        }
        return y;
    }

    @Override
    public float[] backward(float[] dy, int n, boolean needInputGrad) {
        if (!trained) {
            throw new IllegalStateException("backward after an inference-mode forward pass");
        }
        float[] g = gamma.value();
        float[] dg = gamma.grad();
        float[] db = beta.grad();
        long count = (long) n * spatial;
        if (needInputGrad) {
            dx = Buffers.atLeast(dx, n * channels * spatial);
        }
        for (int ch = 0; ch < channels; ch++) {
            double sumDy = 0;
            double sumDyXhat = 0;
            for (int r = 0; r < n; r++) {
                int off = (r * channels + ch) * spatial;
                for (int p = 0; p < spatial; p++) {
                    sumDy += dy[off + p];
                    sumDyXhat += (double) dy[off + p] * xhat[off + p];
                }
            }
            dg[ch] = (float) sumDyXhat;
            db[ch] = (float) sumDy;
            if (!needInputGrad) {
                continue;
            }
            // d x = gamma / sigma * (dy - mean(dy) - xhat * mean(dy * xhat)), the batch statistics' own gradient included
            double scale = g[ch] * invStd[ch];
            double meanDy = sumDy / count;
            double meanDyXhat = sumDyXhat / count;
            for (int r = 0; r < n; r++) {
                int off = (r * channels + ch) * spatial;
                for (int p = 0; p < spatial; p++) {
                    dx[off + p] = (float) (scale * (dy[off + p] - meanDy - xhat[off + p] * meanDyXhat));
                }
            }
        }
        return needInputGrad ? dx : null;
    }

    @Override
    public List<Param> params() {
        return List.of(gamma, beta);
    }

    @Override
    public List<Param> buffers() {
        return List.of(runningMean, runningVar);
    }
}
