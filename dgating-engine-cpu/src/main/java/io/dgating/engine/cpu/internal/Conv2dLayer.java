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
    private final int ckk;
    private final int f;
    private final int positions;
    private final int chunk;
    private final float[] weightT;
    private final ColumnMatrix columns;
    /** Each thread's buffers, shared with the network's other convolutions. */
    private final ThreadLocal<ConvScratch> scratch;

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

    Conv2dLayer(Conv2d spec, Shape input, Param weight, Param bias, GemmMt gemm, ThreadLocal<ConvScratch> scratch) {
        this.spec = spec;
        this.scratch = scratch;
        this.weight = weight;
        this.bias = bias;
        this.gemm = gemm;
        this.workers = gemm.workers();
        this.c = input.dim(0);
        this.h = input.dim(1);
        this.w = input.dim(2);
        Shape o = spec.outputShape(input);
        this.f = spec.filters();
        this.ckk = c * spec.kernel() * spec.kernel();
        this.positions = o.dim(1) * o.dim(2);
        this.chunk = Math.max(1, CHUNK_ELEMENTS / (ckk * positions));
        this.weightT = new float[f * ckk];
        this.columns = new ColumnMatrix(spec, input, o);
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
        ConvScratch s = scratch.get();
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
        ConvScratch s = scratch.get();
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
                    System.arraycopy(
                            dy, ((i0 + img) * f + k) * positions, s.prod, k * rows + img * positions, positions);
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
            loops.forRange(ckk, (long) m * positions, (from, to) -> columns.fill(x, cols, i0, m, from, to));
        } else {
            columns.fill(x, cols, i0, m, 0, ckk);
        }
    }

    /** Sets the input gradient of images {@code i0 .. i0 + m - 1} from the column gradients in {@code cols}. */
    private void col2im(float[] cols, int i0, int m) {
        Workers loops = inner.workers();
        long cost = (long) spec.kernel() * spec.kernel() * positions;
        if (loops.splits(m * c, cost)) {
            loops.forRange(m * c, cost, (from, to) -> columns.addBack(cols, dx, i0, m, from, to));
        } else {
            columns.addBack(cols, dx, i0, m, 0, m * c);
        }
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
