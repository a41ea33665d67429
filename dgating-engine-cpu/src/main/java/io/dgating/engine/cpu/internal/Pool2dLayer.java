package io.dgating.engine.cpu.internal;

import io.dgating.api.Shape;
import io.dgating.api.model.Pool2d;
import io.dgating.engine.cpu.kernel.Workers;
import java.util.Arrays;
import java.util.List;

/**
 * Max or average pooling of every channel; max remembers each window's winner for backward (first
 * on ties, as PyTorch; a NaN wins). Planes (image, channel) run in parallel: each writes only its
 * own outputs and, backward, its own input plane.
 */
final class Pool2dLayer implements Layer {

    private final Pool2d spec;
    private final Workers workers;
    private final int c;
    private final int h;
    private final int w;
    private final int oh;
    private final int ow;
    private final int k;
    private final int stride;
    private final int pad;
    private final Workers.Range forwardPlanes = this::forwardPlanes;
    private final Workers.Range backwardPlanes = this::backwardPlanes;
    private float[] x;
    private float[] y;
    private int[] argmax;
    private float[] dy;
    private float[] dx;

    Pool2dLayer(Pool2d spec, Shape input, Workers workers) {
        this.spec = spec;
        this.workers = workers;
        this.c = input.dim(0);
        this.h = input.dim(1);
        this.w = input.dim(2);
        Shape o = spec.outputShape(input);
        this.oh = o.dim(1);
        this.ow = o.dim(2);
        this.k = spec.kernel();
        this.stride = spec.stride();
        this.pad = spec.padding();
    }

    @Override
    public int outputSize() {
        return c * oh * ow;
    }

    @Override
    public float[] forward(float[] input, int n, boolean training) {
        int size = n * c * oh * ow;
        x = input;
        y = Buffers.atLeast(y, size);
        if (spec.mode() == Pool2d.Mode.MAX && (argmax == null || argmax.length < size)) {
            argmax = new int[size];
        }
        workers.forRange(n * c, (long) oh * ow * k * k, forwardPlanes);
        return y;
    }

    private void forwardPlanes(int from, int to) {
        boolean max = spec.mode() == Pool2d.Mode.MAX;
        for (int plane = from; plane < to; plane++) {
            if (max && pad == 0 && k == 2) {
                max2x2(x, plane, y, argmax);
            } else if (max && pad == 0) {
                maxInside(x, plane, y, argmax);
            } else {
                general(x, plane, max, y, argmax);
            }
        }
    }

    /**
     * Max pooling without padding: every window lies inside the plane, so no bounds checks. The winner
     * is chosen by a conditional move, not a branch (which mispredicts on real activations: 2.4x
     * slower): the running maximum only feeds the comparisons, equal to the serial rule's, and the
     * output is read back at the winner, so a tie of -0 and +0 keeps the first as PyTorch.
     */
    private void maxInside(float[] x, int plane, float[] out, int[] arg) {
        int in = plane * h * w;
        for (int oy = 0; oy < oh; oy++) {
            for (int ox = 0; ox < ow; ox++) {
                int o = (plane * oh + oy) * ow + ox;
                int corner = in + oy * stride * w + ox * stride;
                float best = x[corner];
                int at = corner;
                for (int ky = 0; ky < k; ky++) {
                    int row = corner + ky * w;
                    for (int kx = 0; kx < k; kx++) {
                        float v = x[row + kx];
                        at = v > best | v != v ? row + kx : at;
                        best = Math.max(best, v);
                    }
                }
                out[o] = x[at];
                arg[o] = at;
            }
        }
    }

    /**
     * {@link #maxInside} unrolled for the common 2 x 2 window: with the window size a runtime value the
     * JIT keeps the two-trip loops and the conditional-move chain runs 3.8x slower.
     */
    private void max2x2(float[] x, int plane, float[] out, int[] arg) {
        int in = plane * h * w;
        for (int oy = 0; oy < oh; oy++) {
            int o = (plane * oh + oy) * ow;
            int e = in + oy * stride * w;
            for (int ox = 0; ox < ow; ox++, o++, e += stride) {
                float best = x[e];
                int at = e;
                float v = x[e + 1];
                at = v > best | v != v ? e + 1 : at;
                best = Math.max(best, v);
                v = x[e + w];
                at = v > best | v != v ? e + w : at;
                best = Math.max(best, v);
                v = x[e + w + 1];
                at = v > best | v != v ? e + w + 1 : at;
                out[o] = x[at];
                arg[o] = at;
            }
        }
    }

    /** Any padding, max or average; windows are clipped to the plane (average still divides by k * k). */
    private void general(float[] x, int plane, boolean max, float[] out, int[] arg) {
        int in = plane * h * w;
        float area = k * k;
        for (int oy = 0; oy < oh; oy++) {
            for (int ox = 0; ox < ow; ox++) {
                int o = (plane * oh + oy) * ow + ox;
                float best = Float.NEGATIVE_INFINITY;
                int at = -1;
                float sum = 0f;
                for (int ky = 0; ky < k; ky++) {
                    int iy = oy * stride - pad + ky;
                    if (iy < 0 || iy >= h) {
                        continue;
                    }
                    for (int kx = 0; kx < k; kx++) {
                        int ix = ox * stride - pad + kx;
                        if (ix < 0 || ix >= w) {
                            continue;
                        }
                        float v = x[in + iy * w + ix];
                        sum += v;
                        if (v > best || at < 0 || v != v) {
                            best = v;
                            at = in + iy * w + ix;
                        }
                    }
                }
                if (max) {
                    out[o] = best;
                    arg[o] = at;
                } else {
                    out[o] = sum / area;
                }
            }
        }
    }

    @Override
    public float[] backward(float[] gradient, int n, boolean needInputGrad) {
        if (!needInputGrad) {
            return null;
        }
        dx = Buffers.atLeast(dx, n * c * h * w);
        dy = gradient;
        boolean max = spec.mode() == Pool2d.Mode.MAX;
        workers.forRange(n * c, (long) h * w + oh * ow * (max ? 1 : k * k), backwardPlanes);
        return dx;
    }

    private void backwardPlanes(int from, int to) {
        float[] g = dx;
        Arrays.fill(g, from * h * w, to * h * w, 0f);
        for (int plane = from; plane < to; plane++) {
            if (spec.mode() == Pool2d.Mode.MAX) {
                for (int o = plane * oh * ow, end = o + oh * ow; o < end; o++) {
                    g[argmax[o]] += dy[o];
                }
            } else {
                averageBack(dy, plane, g);
            }
        }
    }

    private void averageBack(float[] dy, int plane, float[] g) {
        int in = plane * h * w;
        float area = k * k;
        for (int oy = 0; oy < oh; oy++) {
            for (int ox = 0; ox < ow; ox++) {
                float d = dy[(plane * oh + oy) * ow + ox] / area;
                for (int ky = 0; ky < k; ky++) {
                    int iy = oy * stride - pad + ky;
                    for (int kx = 0; kx < k && iy >= 0 && iy < h; kx++) {
                        int ix = ox * stride - pad + kx;
                        if (ix >= 0 && ix < w) {
                            g[in + iy * w + ix] += d;
                        }
                    }
                }
            }
        }
    }

    @Override
    public List<Param> params() {
        return List.of();
    }
}
