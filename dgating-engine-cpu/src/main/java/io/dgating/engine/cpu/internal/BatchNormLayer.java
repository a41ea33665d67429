package io.dgating.engine.cpu.internal;

import io.dgating.api.model.BatchNorm;
import io.dgating.engine.cpu.kernel.Workers;
import java.util.List;

/**
 * Batch normalisation over the channel axis of {@code [n, C, spatial]} rows (spatial 1 for flat
 * inputs). Statistics are summed in double in a fixed order, so results do not depend on threads;
 * channels are independent and run in parallel on the workers.
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
    private final Workers workers;
    private final Workers.Range forwardChannels = this::forwardChannels;
    private final Workers.Range backwardChannels = this::backwardChannels;
    private int n;
    private float[] x;
    private float[] dy;
    private boolean needInputGrad;
    private float[] xhat;
    private float[] y;
    private float[] dx;
    private boolean trained;

    BatchNormLayer(
            BatchNorm spec,
            int channels,
            int spatial,
            Param gamma,
            Param beta,
            Param runningMean,
            Param runningVar,
            Workers workers) {
        this.spec = spec;
        this.workers = workers;
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
    public float[] forward(float[] input, int rows, boolean training) {
        int size = rows * channels * spatial;
        y = Buffers.atLeast(y, size);
        xhat = Buffers.atLeast(xhat, size);
        trained = training;
        x = input;
        n = rows;
        workers.forRange(channels, 4L * rows * spatial, forwardChannels);
        return y;
    }

    private void forwardChannels(int from, int to) {
        boolean training = trained;
        float[] g = gamma.value();
        float[] b = beta.value();
        float[] rm = runningMean.value();
        float[] rv = runningVar.value();
        long count = (long) n * spatial;
        for (int ch = from; ch < to; ch++) {
            float mean;
            float inv;
            if (training) {
                double mu = sum(ch, 0.0, false) / count;
                double sq = sum(ch, mu, true);
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
            // gamma and beta in locals: read from arrays the stores might alias, they kept the JIT from
            // vectorising this loop
            float scale = g[ch];
            float shift = b[ch];
            float[] in = x;
            float[] normed = xhat;
            float[] out = y;
            for (int r = 0; r < n; r++) {
                int off = (r * channels + ch) * spatial;
                for (int p = off; p < off + spatial; p++) {
                    float h = (in[p] - mean) * inv;
                    normed[p] = h;
                    out[p] = scale * h + shift;
                }
            }
        }
    }

    /**
     * Returns the sum over channel {@code ch}'s entries of {@code x} ({@code squares} false) or of
     * {@code (x - mu)^2}, in double, as four interleaved partial sums added at the end: a single
     * chain waited on the add's latency for every entry (a tenth of a VGG step went to batch-norm
     * sums). The order is fixed by the layer's shape, so the bits still do not depend on threads.
     */
    private double sum(int ch, double mu, boolean squares) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        float[] in = x;
        for (int r = 0; r < n; r++) {
            int off = (r * channels + ch) * spatial;
            int end = off + spatial;
            int p = off;
            if (squares) {
                for (; p + 4 <= end; p += 4) {
                    double d0 = in[p] - mu;
                    double d1 = in[p + 1] - mu;
                    double d2 = in[p + 2] - mu;
                    double d3 = in[p + 3] - mu;
                    s0 += d0 * d0;
                    s1 += d1 * d1;
                    s2 += d2 * d2;
                    s3 += d3 * d3;
                }
                for (; p < end; p++) {
                    double d = in[p] - mu;
                    s0 += d * d;
                }
            } else {
                for (; p + 4 <= end; p += 4) {
                    s0 += in[p];
                    s1 += in[p + 1];
                    s2 += in[p + 2];
                    s3 += in[p + 3];
                }
                for (; p < end; p++) {
                    s0 += in[p];
                }
            }
        }
        return (s0 + s1) + (s2 + s3);
    }

    @Override
    public float[] backward(float[] gradient, int rows, boolean inputGrad) {
        if (!trained) {
            throw new IllegalStateException("backward after an inference-mode forward pass");
        }
        if (inputGrad) {
            dx = Buffers.atLeast(dx, rows * channels * spatial);
        }
        dy = gradient;
        n = rows;
        needInputGrad = inputGrad;
        workers.forRange(channels, 4L * rows * spatial, backwardChannels);
        return inputGrad ? dx : null;
    }

    private void backwardChannels(int from, int to) {
        float[] g = gamma.value();
        float[] dg = gamma.grad();
        float[] db = beta.grad();
        long count = (long) n * spatial;
        for (int ch = from; ch < to; ch++) {
            double sumDy = 0;
            double sumDyXhat = 0;
            // two partial sums of each, four chains in all (see sum): one chain per sum waited on the add's latency
            double y0 = 0;
            double y1 = 0;
            double h0 = 0;
            double h1 = 0;
            for (int r = 0; r < n; r++) {
                int off = (r * channels + ch) * spatial;
                int end = off + spatial;
                int p = off;
                for (; p + 2 <= end; p += 2) {
                    y0 += dy[p];
                    y1 += dy[p + 1];
                    h0 += (double) dy[p] * xhat[p];
                    h1 += (double) dy[p + 1] * xhat[p + 1];
                }
                for (; p < end; p++) {
                    y0 += dy[p];
                    h0 += (double) dy[p] * xhat[p];
                }
            }
            sumDy = y0 + y1;
            sumDyXhat = h0 + h1;
            dg[ch] = (float) sumDyXhat;
            db[ch] = (float) sumDy;
            if (!needInputGrad) {
                continue;
            }
            // d x = gamma / sigma * (dy - mean(dy) - xhat * mean(dy * xhat)), the batch statistics' own gradient
            // included
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
