package io.dgating.engine.cpu.internal;

import io.dgating.api.Shape;
import io.dgating.api.model.Conv2d;
import io.dgating.engine.cpu.kernel.Gemm;
import io.dgating.engine.cpu.kernel.GemmMt;
import io.dgating.engine.cpu.kernel.Workers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * 2-D convolution by im2col on the GEMM kernels. The column matrix is built transposed,
 * {@code [C k k, images * positions]}, so the product {@code W [F, C k k] x cols} is already
 * filter-major and each image's output is one copy per filter.
 *
 * <p>Images are processed in chunks of a fixed size whose column matrix fits in a core's L2
 * cache, so im2col, the products and col2im of a chunk work in cache instead of streaming a
 * batch-sized column matrix through memory three times. With at least as many chunks as workers,
 * the chunks run in parallel, each on one thread; otherwise they run in turn with the products and
 * loops split over the pool. The chunk size never depends on the thread count and the weight
 * gradient adds the chunks' partial sums in chunk order on both paths, so results are bit-identical
 * on any number of threads.
 */
final class Conv2dLayer implements Layer {

    /** Column-matrix elements per chunk: 256 KiB of floats, half a core's L2 on current x86. */
    private static final int CHUNK_ELEMENTS = 1 << 16;
    /** Bound on the chunks' weight-gradient partials held at once, in floats. */
    private static final int PARTIALS_ELEMENTS = 1 << 20;

    private final Conv2d spec;
    private final Param weight;
    private final Param bias;
    private final GemmMt gemm;
    private final Workers workers;
    private final int c;
    private final int h;
    private final int w;
    private final int oh;
    private final int ow;
    private final int ckk;
    private final int f;
    private final int positions;
    private final int chunk;
    private final float[] weightT;
    /** Each thread's column matrix, product and transpose buffers (per layer: shapes differ). */
    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);
    private final Workers.Range forwardChunks = this::forwardChunks;
    private final Workers.Range backwardChunks = this::backwardChunks;
    private final Workers.Range biasGradient = this::biasGradient;
    private float[] x;
    private float[] dy;
    private float[] out;
    private float[] dx;
    private float[][] partials = new float[0][];
    private int batch;
    private int firstChunk;
    private boolean needInputGrad;
    /** The products and loops inside a chunk: the pool's when chunks run in turn, else this thread's. */
    private GemmMt inner;

    Conv2dLayer(Conv2d spec, Shape input, Param weight, Param bias, GemmMt gemm) {
        this.spec = spec;
        this.weight = weight;
        this.bias = bias;
        this.gemm = gemm;
        this.workers = gemm.workers();
        this.c = input.dim(0);
        this.h = input.dim(1);
        this.w = input.dim(2);
        Shape o = spec.outputShape(input);
        this.oh = o.dim(1);
        this.ow = o.dim(2);
        this.f = spec.filters();
        this.ckk = c * spec.kernel() * spec.kernel();
        this.positions = oh * ow;
        this.chunk = Math.max(1, CHUNK_ELEMENTS / (ckk * positions));
        this.weightT = new float[f * ckk];
    }

    /** One thread's buffers, grown on demand. */
    private static final class Scratch {
        float[] cols = new float[0];
        float[] prod = new float[0];
        float[] trans = new float[0];
        float[] dWt = new float[0];
    }

    @Override
    public int outputSize() {
        return f * positions;
    }

    @Override
    public float[] forward(float[] input, int n, boolean training) {
        x = input;
        batch = n;
        out = Buffers.atLeast(out, n * f * positions);
        int chunks = (n + chunk - 1) / chunk;
        firstChunk = 0;
        if (chunks >= workers.parallelism()) {
            inner = gemm.onCallingThread();
            workers.forRange(chunks, chunkCost(), forwardChunks);
        } else {
            inner = gemm;
            forwardChunks(0, chunks);
        }
        return out;
    }

    private long chunkCost() {
        return (long) chunk * positions * ckk * f;
    }

    private void forwardChunks(int from, int to) {
        Scratch s = scratch.get();
        for (int ch = from; ch < to; ch++) {
            int i0 = ch * chunk;
            int m = Math.min(chunk, batch - i0);
            int rows = m * positions;
            s.cols = Buffers.atLeast(s.cols, ckk * rows);
            s.prod = Buffers.atLeast(s.prod, f * rows);
            im2col(s.cols, i0, m);
            inner.multiply(f, rows, ckk, weight.value(), s.cols, s.prod);
            for (int img = 0; img < m; img++) {
                for (int k = 0; k < f; k++) {
                    int dst = ((i0 + img) * f + k) * positions;
                    System.arraycopy(s.prod, k * rows + img * positions, out, dst, positions);
                    if (bias != null) {
                        float b = bias.value()[k];
                        for (int p = 0; p < positions; p++) {
                            out[dst + p] += b;
                        }
                    }
                }
            }
        }
    }

    @Override
    public float[] backward(float[] gradient, int n, boolean inputGrad) {
        dy = gradient;
        batch = n;
        needInputGrad = inputGrad;
        if (bias != null) {
            workers.forRange(f, (long) n * positions, biasGradient);
        }
        if (inputGrad) {
            dx = Buffers.atLeast(dx, n * c * h * w);
            Gemm.transpose(weight.value(), 0, f, ckk, weightT);
        }
        float[] dW = weight.grad();
        Arrays.fill(dW, 0f);
        int chunks = (n + chunk - 1) / chunk;
        boolean parallel = chunks >= workers.parallelism();
        inner = parallel ? gemm.onCallingThread() : gemm;
        // waves of chunks whose partials fit the bound; each wave's partials are added in chunk order
        int wave = parallel ? Math.max(workers.parallelism(), Math.min(chunks, PARTIALS_ELEMENTS / (f * ckk))) : 1;
        if (partials.length < wave) {
            partials = new float[wave][f * ckk];
        }
        for (firstChunk = 0; firstChunk < chunks; firstChunk += wave) {
            int count = Math.min(wave, chunks - firstChunk);
            if (parallel) {
                workers.forRange(count, chunkCost() * 3, backwardChunks);
            } else {
                backwardChunks(0, count);
            }
            for (int p = 0; p < count; p++) {
                float[] part = partials[p];
                for (int j = 0; j < dW.length; j++) {
                    dW[j] += part[j];
                }
            }
        }
        return inputGrad ? dx : null;
    }

    /** Chunks {@code firstChunk + [from, to)}: their weight-gradient partials, and their input gradient. */
    private void backwardChunks(int from, int to) {
        Scratch s = scratch.get();
        for (int p = from; p < to; p++) {
            int i0 = (firstChunk + p) * chunk;
            int m = Math.min(chunk, batch - i0);
            int rows = m * positions;
            s.cols = Buffers.atLeast(s.cols, ckk * rows);
            s.prod = Buffers.atLeast(s.prod, f * rows);
            s.trans = Buffers.atLeast(s.trans, f * rows);
            s.dWt = Buffers.atLeast(s.dWt, f * ckk);
            for (int img = 0; img < m; img++) {
                for (int k = 0; k < f; k++) {
                    System.arraycopy(dy, ((i0 + img) * f + k) * positions, s.prod, k * rows + img * positions, positions);
                }
            }
            im2col(s.cols, i0, m);
            // dW^T [C k k, F] = cols [C k k, rows] x dZ [rows, F]: transposing dZ costs F / (C k k) of
            // transposing the column matrix
            inner.multiplyTransB(ckk, f, rows, s.cols, s.prod, s.dWt, s.trans);
            float[] part = partials[p];
            for (int k = 0; k < f; k++) {
                for (int j = 0; j < ckk; j++) {
                    part[k * ckk + j] = s.dWt[j * f + k];
                }
            }
            if (needInputGrad) {
                inner.multiply(ckk, rows, f, weightT, s.prod, s.cols);
                col2im(s.cols, i0, m);
            }
        }
    }

    /** Sums each filter's output gradient over the batch, images in order as the serial loop. */
    private void biasGradient(int from, int to) {
        float[] db = bias.grad();
        for (int k = from; k < to; k++) {
            float sum = 0f;
            for (int img = 0; img < batch; img++) {
                int off = (img * f + k) * positions;
                float s = 0f;
                for (int p = 0; p < positions; p++) {
                    s += dy[off + p];
                }
                sum += s;
            }
            db[k] = sum;
        }
    }

    /** Fills {@code cols [C k k, m * positions]} from images {@code i0 .. i0 + m - 1}. */
    private void im2col(float[] cols, int i0, int m) {
        Workers loops = inner.workers();
        if (loops.splits(ckk, (long) m * positions)) {
            loops.forRange(ckk, (long) m * positions, (from, to) -> im2colRows(cols, i0, m, from, to));
        } else {
            im2colRows(cols, i0, m, 0, ckk);
        }
    }

    private void im2colRows(float[] cols, int i0, int m, int from, int to) {
        int k = spec.kernel();
        int stride = spec.stride();
        for (int r = from; r < to; r++) {
            int ch = r / (k * k);
            int ky = r / k % k;
            int kx = r % k;
            int row = r * m * positions;
            int shift = kx * spec.dilation() - spec.padding();
            int lo = firstInside(shift, stride);
            int hi = Math.max(lo, Math.min(ow, lastInside(shift, stride, w) + 1));
            for (int img = 0; img < m; img++) {
                int src = ((i0 + img) * c + ch) * h * w;
                int dst = row + img * positions;
                if (stride == 1 && ow == w) {
                    sameWidthRow(cols, src, dst, ky, shift, lo, hi);
                    continue;
                }
                for (int oy = 0; oy < oh; oy++) {
                    int iy = oy * stride - spec.padding() + ky * spec.dilation();
                    int d = dst + oy * ow;
                    if (iy < 0 || iy >= h) {
                        Arrays.fill(cols, d, d + ow, 0f);
                        continue;
                    }
                    // rows are a few dozen entries: loops, not calls to Arrays.fill and System.arraycopy
                    // (whose call overhead made im2col a fifth of a LeNet-5 step)
                    for (int ox = 0; ox < lo; ox++) {
                        cols[d + ox] = 0f;
                    }
                    int s0 = src + iy * w + shift;
                    if (stride == 1) {
                        for (int ox = lo; ox < hi; ox++) {
                            cols[d + ox] = x[s0 + ox];
                        }
                    } else {
                        for (int ox = lo; ox < hi; ox++) {
                            cols[d + ox] = x[s0 + ox * stride];
                        }
                    }
                    for (int ox = hi; ox < ow; ox++) {
                        cols[d + ox] = 0f;
                    }
                }
            }
        }
    }

    /**
     * One image's im2col row of a stride-1 convolution whose output is as wide as its input (the
     * "same" padded convolutions of VGG and ResNet, LeNet-5's first layer): consecutive output rows
     * then read consecutive input rows, so the inside rows are one copy, after which only the few
     * entries each row takes from beyond the left or right edge are zeroed.
     */
    private void sameWidthRow(float[] cols, int src, int dst, int ky, int shift, int lo, int hi) {
        int dy = ky * spec.dilation() - spec.padding();
        int first = Math.max(0, -dy);
        int end = Math.max(first, Math.min(oh, h - dy));
        Arrays.fill(cols, dst, dst + first * ow, 0f);
        Arrays.fill(cols, dst + end * ow, dst + positions, 0f);
        if (end == first) {
            return;
        }
        // output entry oy * ow + ox reads input entry (oy + dy) * w + ox + shift, and ow == w
        int from = first * ow + lo;
        int to = (end - 1) * ow + hi;
        if (to > from) {
            System.arraycopy(x, src + dy * w + shift + from, cols, dst + from, to - from);
        }
        for (int oy = first; oy < end; oy++) {
            int d = dst + oy * ow;
            for (int ox = 0; ox < lo; ox++) {
                cols[d + ox] = 0f;
            }
            for (int ox = hi; ox < ow; ox++) {
                cols[d + ox] = 0f;
            }
        }
    }

    /** Sets the input gradient of images {@code i0 .. i0 + m - 1} from the column gradients in {@code cols}. */
    private void col2im(float[] cols, int i0, int m) {
        Workers loops = inner.workers();
        long cost = (long) spec.kernel() * spec.kernel() * positions;
        if (loops.splits(m * c, cost)) {
            loops.forRange(m * c, cost, (from, to) -> col2imPlanes(cols, i0, m, from, to));
        } else {
            col2imPlanes(cols, i0, m, 0, m * c);
        }
    }

    /** (image, channel) planes {@code [from, to)} of the chunk; within a plane the kernel offsets add in the serial order. */
    private void col2imPlanes(float[] cols, int i0, int m, int from, int to) {
        int k = spec.kernel();
        int stride = spec.stride();
        int rows = m * positions;
        for (int plane = from; plane < to; plane++) {
            int img = plane / c;
            int ch = plane % c;
            int dst = ((i0 + img) * c + ch) * h * w;
            Arrays.fill(dx, dst, dst + h * w, 0f);
            for (int ky = 0; ky < k; ky++) {
                for (int kx = 0; kx < k; kx++) {
                    int s = ((ch * k + ky) * k + kx) * rows + img * positions;
                    int shift = kx * spec.dilation() - spec.padding();
                    int lo = firstInside(shift, stride);
                    int hi = Math.max(lo, Math.min(ow, lastInside(shift, stride, w) + 1));
                    for (int oy = 0; oy < oh; oy++) {
                        int iy = oy * stride - spec.padding() + ky * spec.dilation();
                        if (iy < 0 || iy >= h) {
                            continue;
                        }
                        int d0 = dst + iy * w + shift;
                        int s0 = s + oy * ow;
                        if (stride == 1) {
                            // unit stride on both sides: the JIT vectorises this form only
                            for (int ox = lo; ox < hi; ox++) {
                                dx[d0 + ox] += cols[s0 + ox];
                            }
                        } else {
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
