package io.dgating.engine.cpu.internal;

import io.dgating.api.Shape;
import io.dgating.api.model.Pool2d;
import java.util.Arrays;
import java.util.List;

/** Max or average pooling of every channel; max remembers each window's winner for backward (first on ties, as PyTorch). */
final class Pool2dLayer implements Layer {

    private final Pool2d spec;
    private final int c;
    private final int h;
    private final int w;
    private final int oh;
    private final int ow;
    private float[] y;
    private int[] argmax;
    private float[] dx;

    Pool2dLayer(Pool2d spec, Shape input) {
        this.spec = spec;
        this.c = input.dim(0);
        this.h = input.dim(1);
        this.w = input.dim(2);
        Shape o = spec.outputShape(input);
        this.oh = o.dim(1);
        this.ow = o.dim(2);
    }

    @Override
    public int outputSize() {
        return c * oh * ow;
    }

    @Override
    public float[] forward(float[] x, int n, boolean training) {
        int size = n * c * oh * ow;
        y = Buffers.atLeast(y, size);
        boolean max = spec.mode() == Pool2d.Mode.MAX;
        if (max && (argmax == null || argmax.length < size)) {
            argmax = new int[size];
        }
        int k = spec.kernel();
        float area = k * k;
        for (int plane = 0; plane < n * c; plane++) {
            int in = plane * h * w;
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    int o = (plane * oh + oy) * ow + ox;
                    float best = Float.NEGATIVE_INFINITY;
                    int arg = -1;
                    float sum = 0f;
                    for (int ky = 0; ky < k; ky++) {
                        int iy = oy * spec.stride() - spec.padding() + ky;
                        if (iy < 0 || iy >= h) {
                            continue;
                        }
                        for (int kx = 0; kx < k; kx++) {
                            int ix = ox * spec.stride() - spec.padding() + kx;
                            if (ix < 0 || ix >= w) {
                                continue;
                            }
                            float v = x[in + iy * w + ix];
                            sum += v;
                            if (v > best || arg < 0 || Float.isNaN(v)) {
                                best = v;
                                arg = in + iy * w + ix;
                            }
                        }
                    }
                    if (max) {
                        y[o] = best;
                        argmax[o] = arg;
                    } else {
                        y[o] = sum / area;
                    }
                }
            }
        }
        return y;
    }

    @Override
    public float[] backward(float[] dy, int n, boolean needInputGrad) {
        if (!needInputGrad) {
            return null;
        }
        int inSize = n * c * h * w;
        dx = Buffers.atLeast(dx, inSize);
        Arrays.fill(dx, 0, inSize, 0f);
        int size = n * c * oh * ow;
        if (spec.mode() == Pool2d.Mode.MAX) {
            for (int o = 0; o < size; o++) {
                dx[argmax[o]] += dy[o];
            }
            return dx;
        }
        int k = spec.kernel();
        float area = k * k;
        for (int plane = 0; plane < n * c; plane++) {
            int in = plane * h * w;
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    float g = dy[(plane * oh + oy) * ow + ox] / area;
                    for (int ky = 0; ky < k; ky++) {
                        int iy = oy * spec.stride() - spec.padding() + ky;
                        for (int kx = 0; kx < k && iy >= 0 && iy < h; kx++) {
                            int ix = ox * spec.stride() - spec.padding() + kx;
                            if (ix >= 0 && ix < w) {
                                dx[in + iy * w + ix] += g;
                            }
                        }
                    }
                }
            }
        }
        return dx;
    }

    @Override
    public List<Param> params() {
        return List.of();
    }
}
