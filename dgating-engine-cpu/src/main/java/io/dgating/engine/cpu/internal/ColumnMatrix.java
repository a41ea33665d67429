package io.dgating.engine.cpu.internal;

import io.dgating.api.Shape;
import io.dgating.api.model.Conv2d;
import java.util.Arrays;

/**
 * The im2col layout of one convolution: the column matrix {@code [C k k, images * positions]} built
 * from images, and its gradient added back onto the images' gradient (col2im). Stateless apart
 * from the geometry; callers split rows (building) or (image, channel) planes (adding back) over
 * threads, which write disjoint entries.
 */
final class ColumnMatrix {

    private final Conv2d spec;
    private final int c;
    private final int h;
    private final int w;
    private final int oh;
    private final int ow;
    private final int positions;

    ColumnMatrix(Conv2d spec, Shape input, Shape output) {
        this.spec = spec;
        this.c = input.dim(0);
        this.h = input.dim(1);
        this.w = input.dim(2);
        this.oh = output.dim(1);
        this.ow = output.dim(2);
        this.positions = oh * ow;
    }

    /**
     * Fills rows {@code [from, to)} of {@code cols [C k k, m * positions]} from images {@code i0 .. i0 + m - 1} of {@code x}.
     */
    void fill(float[] x, float[] cols, int i0, int m, int from, int to) {
        int k = spec.kernel();
        int stride = spec.stride();
        for (int r = from; r < to; r++) {
            int ch = r / (k * k);
            int ky = r / k % k;
            int kx = r % k;
            int row = r * m * positions;
            int shift = kx * spec.dilation() - spec.padding();
            int lo = firstInside(shift, stride);
            int hi = insideEnd(shift, stride, lo);
            for (int img = 0; img < m; img++) {
                int src = ((i0 + img) * c + ch) * h * w;
                int dst = row + img * positions;
                if (stride == 1 && ow == w) {
                    sameWidthRow(x, cols, src, dst, ky, shift, lo, hi);
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
    private void sameWidthRow(float[] x, float[] cols, int src, int dst, int ky, int shift, int lo, int hi) {
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
        zeroEdges(cols, dst, first, end, lo, hi);
    }

    /**
     * Sets the gradient {@code dx} of (image, channel) planes {@code [from, to)} of images {@code i0 ..
     * i0 + m - 1} from the column gradients in {@code cols} (which it may overwrite); within a plane the
     * kernel offsets add in the serial order.
     */
    void addBack(float[] cols, float[] dx, int i0, int m, int from, int to) {
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
                    int hi = insideEnd(shift, stride, lo);
                    if (stride == 1 && ow == w) {
                        sameWidthAdd(cols, dx, s, dst, ky, shift, lo, hi);
                        continue;
                    }
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

    /**
     * {@link #sameWidthRow} backwards: one kernel offset's column gradients of a plane added onto the
     * input gradient in one contiguous run. The entries that belong to padding (each row's edges) would
     * land on the neighbouring input row, so they are first set to zero in the scratch column matrix:
     * every input entry then gets exactly one addend per kernel offset, in the serial order, and the
     * added zeros change no bits (the gradient starts at +0 and never becomes -0).
     */
    private void sameWidthAdd(float[] cols, float[] dx, int s, int dst, int ky, int shift, int lo, int hi) {
        int dy = ky * spec.dilation() - spec.padding();
        int first = Math.max(0, -dy);
        int end = Math.min(oh, h - dy);
        if (end <= first) {
            return;
        }
        zeroEdges(cols, s, first, end, lo, hi);
        int from = first * ow + lo;
        int to = (end - 1) * ow + hi;
        int d = dst + dy * w + shift;
        for (int i = from; i < to; i++) {
            dx[d + i] += cols[s + i];
        }
    }

    /**
     * Zeroes the entries of output rows {@code [first, end)} (of the column-matrix row at {@code start})
     * that read beyond the input's left or right edge: columns {@code [0, lo)} and {@code [hi, ow)}.
     */
    private void zeroEdges(float[] cols, int start, int first, int end, int lo, int hi) {
        if (lo <= 1 && hi >= ow - 1) {
            // at most one entry each side (a 3 x 3 kernel with padding 1): a loop of zero or one
            // iteration per side and row cost more than the stores
            boolean left = lo == 1;
            boolean right = hi == ow - 1;
            for (int oy = first; oy < end; oy++) {
                int d = start + oy * ow;
                if (left) {
                    cols[d] = 0f;
                }
                if (right) {
                    cols[d + ow - 1] = 0f;
                }
            }
            return;
        }
        for (int oy = first; oy < end; oy++) {
            int d = start + oy * ow;
            for (int ox = 0; ox < lo; ox++) {
                cols[d + ox] = 0f;
            }
            for (int ox = hi; ox < ow; ox++) {
                cols[d + ox] = 0f;
            }
        }
    }

    /** {@return the end of the output columns whose input column {@code ox * stride + shift} is inside, at least {@code lo}} */
    private int insideEnd(int shift, int stride, int lo) {
        return Math.max(lo, Math.min(ow, lastInside(shift, stride, w) + 1));
    }

    /** {@return the first output column whose input column {@code ox * stride + shift} is {@code >= 0}} */
    private static int firstInside(int shift, int stride) {
        return shift >= 0 ? 0 : (-shift + stride - 1) / stride;
    }

    /** {@return the last output column whose input column is {@code < w} (may be below the first)} */
    private static int lastInside(int shift, int stride, int w) {
        return Math.floorDiv(w - 1 - shift, stride);
    }
}
