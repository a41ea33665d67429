package io.dgating.engine.cpu.internal;

import io.dgating.api.Shape;
import io.dgating.api.model.Conv2d;
import io.dgating.engine.cpu.kernel.Gemm;
import io.dgating.engine.cpu.kernel.GemmMt;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * 2-D convolution by im2col on the GEMM kernels. The column matrix is built transposed,
 * {@code [C k k, images * positions]}, so the product {@code W [F, C k k] x cols} is already
 * filter-major and each image's output is one copy per filter. Images are processed in chunks of
 * a fixed size (never dependent on the thread count), which bounds the column buffer and keeps
 * the weight gradient's summation order, and so the result, identical on any number of threads.
 */
final class Conv2dLayer implements Layer {

    /** Upper bound on column-buffer elements per chunk (8 MB of floats). */
    private static final int CHUNK_ELEMENTS = 1 << 21;

    private final Conv2d spec;
    private final Param weight;
    private final Param bias;
    private final GemmMt gemm;
    private final int c;
    private final int h;
    private final int w;
    private final int oh;
    private final int ow;
    private final int ckk;
    private final int positions;
    private final int chunk;
    private final float[] dWChunk;
    private final float[] weightT;
    private float[] x;
    private float[] out;
    private float[] dx;
    private float[] cols;
    private float[] prodT;
    private float[] scratch;

    Conv2dLayer(Conv2d spec, Shape input, Param weight, Param bias, GemmMt gemm) {
        this.spec = spec;
        this.weight = weight;
        this.bias = bias;
        this.gemm = gemm;
        this.c = input.dim(0);
        this.h = input.dim(1);
        this.w = input.dim(2);
        Shape o = spec.outputShape(input);
        this.oh = o.dim(1);
        this.ow = o.dim(2);
        this.ckk = c * spec.kernel() * spec.kernel();
        this.positions = oh * ow;
        this.chunk = Math.max(1, CHUNK_ELEMENTS / (ckk * positions));
        this.dWChunk = new float[spec.filters() * ckk];
        this.weightT = new float[spec.filters() * ckk];
    }

    @Override
    public int outputSize() {
        return spec.filters() * positions;
    }

    @Override
    public float[] forward(float[] input, int n, boolean training) {
        x = input;
        int f = spec.filters();
        out = Buffers.atLeast(out, n * f * positions);
        for (int i0 = 0; i0 < n; i0 += chunk) {
            int m = Math.min(chunk, n - i0);
            int rows = m * positions;
            im2col(input, i0, m);
            prodT = Buffers.atLeast(prodT, f * rows);
            gemm.multiply(f, rows, ckk, weight.value(), cols, prodT);
            for (int img = 0; img < m; img++) {
                for (int k = 0; k < f; k++) {
                    int dst = ((i0 + img) * f + k) * positions;
                    System.arraycopy(prodT, k * rows + img * positions, out, dst, positions);
                    if (bias != null) {
                        float b = bias.value()[k];
                        for (int p = 0; p < positions; p++) {
                            out[dst + p] += b;
                        }
                    }
                }
            }
        }
        return out;
    }

    @Override
    public float[] backward(float[] dy, int n, boolean needInputGrad) {
        int f = spec.filters();
        float[] dW = weight.grad();
        Arrays.fill(dW, 0f);
        if (bias != null) {
            float[] db = bias.grad();
            Arrays.fill(db, 0f);
            for (int img = 0; img < n; img++) {
                for (int k = 0; k < f; k++) {
                    int off = (img * f + k) * positions;
                    float s = 0f;
                    for (int p = 0; p < positions; p++) {
                        s += dy[off + p];
                    }
                    db[k] += s;
                }
            }
        }
        if (needInputGrad) {
            dx = Buffers.atLeast(dx, n * c * h * w);
            Arrays.fill(dx, 0, n * c * h * w, 0f);
            Gemm.transpose(weight.value(), 0, f, ckk, weightT);
        }
        for (int i0 = 0; i0 < n; i0 += chunk) {
            int m = Math.min(chunk, n - i0);
            int rows = m * positions;
            prodT = Buffers.atLeast(prodT, f * rows);
            for (int img = 0; img < m; img++) {
                for (int k = 0; k < f; k++) {
                    System.arraycopy(dy, ((i0 + img) * f + k) * positions, prodT, k * rows + img * positions, positions);
                }
            }
            im2col(x, i0, m);
            // dW^T [C k k, F] = cols [C k k, rows] x dZ [rows, F]: transposing dZ costs F / (C k k) of
            // transposing the column matrix
            scratch = Buffers.atLeast(scratch, f * rows);
            Gemm.transpose(prodT, 0, f, rows, scratch);
            gemm.multiply(ckk, f, rows, cols, scratch, dWChunk);
            for (int k = 0; k < f; k++) {
                for (int j = 0; j < ckk; j++) {
                    dW[k * ckk + j] += dWChunk[j * f + k];
                }
            }
            if (needInputGrad) {
                gemm.multiply(ckk, rows, f, weightT, prodT, cols);
                col2im(i0, m);
            }
        }
        return needInputGrad ? dx : null;
    }

    /** Fills {@code cols [C k k, m * positions]} from images {@code i0 .. i0 + m - 1}. */
    private void im2col(float[] input, int i0, int m) {
        int k = spec.kernel();
        int stride = spec.stride();
        int rows = m * positions;
        cols = Buffers.atLeast(cols, ckk * rows);
        for (int ch = 0; ch < c; ch++) {
            for (int ky = 0; ky < k; ky++) {
                for (int kx = 0; kx < k; kx++) {
                    int row = ((ch * k + ky) * k + kx) * rows;
                    int shift = kx * spec.dilation() - spec.padding();
                    int lo = firstInside(shift, stride);
                    int hi = Math.max(lo, Math.min(ow, lastInside(shift, stride, w) + 1));
                    for (int img = 0; img < m; img++) {
                        int src = ((i0 + img) * c + ch) * h * w;
                        int dst = row + img * positions;
                        for (int oy = 0; oy < oh; oy++) {
                            int iy = oy * stride - spec.padding() + ky * spec.dilation();
                            int d = dst + oy * ow;
                            if (iy < 0 || iy >= h) {
                                Arrays.fill(cols, d, d + ow, 0f);
                                continue;
                            }
                            Arrays.fill(cols, d, d + lo, 0f);
                            int s0 = src + iy * w + shift;
                            if (stride == 1) {
                                System.arraycopy(input, s0 + lo, cols, d + lo, hi - lo);
                            } else {
                                for (int ox = lo; ox < hi; ox++) {
                                    cols[d + ox] = input[s0 + ox * stride];
                                }
                            }
                            Arrays.fill(cols, d + hi, d + ow, 0f);
                        }
                    }
                }
            }
        }
    }

    /** Adds the column gradients in {@code cols} back onto the input gradient of images {@code i0 ..}. */
    private void col2im(int i0, int m) {
        int k = spec.kernel();
        int stride = spec.stride();
        int rows = m * positions;
        for (int ch = 0; ch < c; ch++) {
            for (int ky = 0; ky < k; ky++) {
                for (int kx = 0; kx < k; kx++) {
                    int row = ((ch * k + ky) * k + kx) * rows;
                    int shift = kx * spec.dilation() - spec.padding();
                    int lo = firstInside(shift, stride);
                    int hi = Math.max(lo, Math.min(ow, lastInside(shift, stride, w) + 1));
                    for (int img = 0; img < m; img++) {
                        int dst = ((i0 + img) * c + ch) * h * w;
                        int src = row + img * positions;
                        for (int oy = 0; oy < oh; oy++) {
                            int iy = oy * stride - spec.padding() + ky * spec.dilation();
                            if (iy < 0 || iy >= h) {
                                continue;
                            }
                            int d0 = dst + iy * w + shift;
                            int s0 = src + oy * ow;
                            for (int ox = lo; ox < hi; ox++) {
                                dx[d0 + ox * stride] += cols[s0 + ox];
                            }
                        }
                    }
                }
            }
        }
    }

    /** Returns the first output column whose input column {@code ox * stride + shift} is {@code >= 0}. */
    private static int firstInside(int shift, int stride) {
        return shift >= 0 ? 0 : (-shift + stride - 1) / stride;
    }

    /** Returns the last output column whose input column is {@code < w} (may be below the first). */
    private static int lastInside(int shift, int stride, int w) {
        return Math.floorDiv(w - 1 - shift, stride);
    }

    @Override
    public List<Param> params() {
        List<Param> p = new ArrayList<>();
        p.add(weight);
        if (bias != null) {
            p.add(bias);
        }
        return p;
    }
}
