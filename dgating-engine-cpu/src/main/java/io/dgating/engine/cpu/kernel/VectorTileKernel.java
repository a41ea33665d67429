package io.dgating.engine.cpu.kernel;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD tile kernel on the JDK's incubating Vector API. For every (column, depth) tile, B is
 * packed into strips of {@code 3L} columns, each strip contiguous over the depth and the last
 * one zero-padded, so the inner loop streams memory in order and has no tail case; a 4 x (3
 * vectors) block of C lives in registers for a whole depth tile, so C is read and written once
 * per tile instead of once per k, and each B vector load feeds four fused multiply-adds. Twelve
 * accumulators are enough independent chains to cover the multiply-add latency on two ports
 * (eight, in the 4 x 2 block this replaced, were not: 36-55 against 44-71 GFLOP/s on one AVX2
 * core, same bits, since every element's chain is the same). The last strip of a tile is two
 * vectors wide when at most 2L columns remain ({@link NarrowStrips}).
 *
 * <p>Every element of C is the chain {@code c = fma(a_p, b_p, c)} for p ascending, starting
 * from 0, so tile bounds (and thread counts) never change a result bit. It differs from
 * {@link ScalarTileKernel} by the rounding of fused versus separate multiply-add (a few ulps).
 * Only loaded when the module {@code jdk.incubator.vector} is in the boot layer; see
 * {@link TileKernels}.
 */
final class VectorTileKernel implements TileKernel {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int STRIP = 3 * L;
    /** Columns per (column, depth) tile: whole strips. */
    private static final int COLS = KernelConstants.COL_BLOCK / STRIP * STRIP;
    /** Multiply-add rounds of one burst of the peak measurement. */
    private static final int BURST = 1024;

    private static final int MAX_STRIPS = COLS / STRIP;

    /**
     * Each worker thread's packed B panel and staging rows, reused by every call so that the
     * steady state allocates nothing (the threads are the engine's pool; a panel is 256 KiB).
     */
    private static final ThreadLocal<float[]> WORKSPACE =
            ThreadLocal.withInitial(() -> new float[MAX_STRIPS * STRIP * KernelConstants.DEPTH_BLOCK + 4 * STRIP]);

    @Override
    public String name() {
        return "simd-" + S.vectorBitSize();
    }

    /** {@return the strip width: three vectors} */
    @Override
    public int columnMultiple() {
        return STRIP;
    }

    @Override
    public double peakFlopsPerSecond(long nanos) {
        return PeakMeter.flopsPerSecond(nanos, VectorTileKernel::burst, 2.0 * 12 * L * BURST);
    }

    private static float burst(float seed) {
        FloatVector m = FloatVector.broadcast(S, 0.999f);
        FloatVector x0 = FloatVector.broadcast(S, 1e-3f + seed * 1e-30f);
        FloatVector x1 = x0, x2 = x0, x3 = x0, x4 = x0, x5 = x0, x6 = x0, x7 = x0, x8 = x0, x9 = x0, x10 = x0, x11 = x0;
        for (int i = 0; i < BURST; i++) {
            x0 = m.fma(x0, m);
            x1 = m.fma(x1, m);
            x2 = m.fma(x2, m);
            x3 = m.fma(x3, m);
            x4 = m.fma(x4, m);
            x5 = m.fma(x5, m);
            x6 = m.fma(x6, m);
            x7 = m.fma(x7, m);
            x8 = m.fma(x8, m);
            x9 = m.fma(x9, m);
            x10 = m.fma(x10, m);
            x11 = m.fma(x11, m);
        }
        return x0.add(x1)
                        .add(x2)
                        .add(x3)
                        .add(x4)
                        .add(x5)
                        .add(x6)
                        .add(x7)
                        .add(x8)
                        .add(x9)
                        .add(x10)
                        .add(x11)
                        .reduceLanes(jdk.incubator.vector.VectorOperators.ADD)
                * 1e-30f;
    }

    @Override
    public void multiplyTile(
            int r0,
            int r1,
            int c0,
            int c1,
            int k,
            float[] a,
            int aOff,
            int lda,
            float[] b,
            int bOff,
            int ldb,
            float[] c,
            int cOff,
            int ldc) {
        // C starts at zero and every tile adds to it: one straight-line loop body, with no "first
        // tile" merge of two vector values (C2 did not always keep such a merge in registers and
        // then boxed a vector per multiply-add)
        Gemm.zeroTile(r0, r1, c0, c1, c, cOff, ldc);
        if (k == 0 || r0 == r1) {
            return;
        }
        float[] w = WORKSPACE.get();
        int stage = MAX_STRIPS * STRIP * KernelConstants.DEPTH_BLOCK;
        // packing pays when many rows re-read the panel; a few rows read full strips of B in place
        boolean direct = r1 - r0 <= KernelConstants.DIRECT_ROWS;
        for (int jj = c0; jj < c1; jj += COLS) {
            int jEnd = Math.min(jj + COLS, c1);
            for (int kk = 0; kk < k; kk += KernelConstants.DEPTH_BLOCK) {
                int depth = Math.min(kk + KernelConstants.DEPTH_BLOCK, k) - kk;
                int bRows = bOff + kk * ldb;
                if (!direct) {
                    pack(b, bRows, ldb, jj, jEnd, depth, w);
                }
                for (int j = jj, at = 0; j < jEnd; ) {
                    int span = span(jEnd - j);
                    int width = Math.min(span, jEnd - j);
                    if (direct && width == span) {
                        strip(
                                r0, r1, a, aOff + kk, lda, b, bRows + j, ldb, depth, span, width, c, cOff + j, ldc, w,
                                stage);
                    } else if (direct) {
                        pack(b, bRows, ldb, j, jEnd, depth, w);
                        strip(r0, r1, a, aOff + kk, lda, w, 0, span, depth, span, width, c, cOff + j, ldc, w, stage);
                    } else {
                        strip(r0, r1, a, aOff + kk, lda, w, at, span, depth, span, width, c, cOff + j, ldc, w, stage);
                    }
                    j += span;
                    at += span * depth;
                }
            }
        }
    }

    /**
     * Returns the width of the strip that starts {@code remaining} columns before the tile's end:
     * three vectors, or two for the last 2L or fewer and for the last 4L (two and two rather than
     * three and one), so that the 16, 32 or 64 columns of a convolution's weight gradient need no
     * zero-padded strip.
     */
    private static int span(int remaining) {
        return remaining > 2 * L && remaining != 4 * L ? STRIP : 2 * L;
    }

    /**
     * Rows {@code [r0, r1)} of C times one strip of B ({@code depth} rows of {@code span} values,
     * row {@code p} at {@code pb + p * bs}) into C's {@code width} columns at {@code cCol}: four rows at a
     * time, then two, then one. A partial strip (packed, so zero-padded) works on staged full-width
     * copies of its C rows.
     */
    private static void strip(
            int r0,
            int r1,
            float[] a,
            int aCol,
            int lda,
            float[] bv,
            int pb,
            int bs,
            int depth,
            int span,
            int width,
            float[] c,
            int cCol,
            int ldc,
            float[] w,
            int stage) {
        int i = r0;
        while (i < r1) {
            int rows = r1 - i >= 4 ? 4 : r1 - i >= 2 ? 2 : 1;
            int ra = aCol + i * lda;
            int rc = cCol + i * ldc;
            if (width == span) {
                block(rows, span, a, ra, lda, bv, pb, bs, depth, c, rc, ldc);
            } else {
                stageIn(c, rc, ldc, rows, width, span, w, stage);
                block(rows, span, a, ra, lda, bv, pb, bs, depth, w, stage, span);
                stageOut(w, stage, rows, width, span, c, rc, ldc);
            }
            i += rows;
        }
    }

    /** One register block: {@code rows} (4, 2 or 1) rows of C by a strip of {@code span} (3 or 2 vectors). */
    private static void block(
            int rows,
            int span,
            float[] a,
            int ra,
            int lda,
            float[] bv,
            int pb,
            int bs,
            int depth,
            float[] c,
            int rc,
            int ldc) {
        if (span == STRIP) {
            switch (rows) {
                case 4 -> quad(a, ra, lda, bv, pb, bs, depth, c, rc, ldc);
                case 2 -> pair(a, ra, lda, bv, pb, bs, depth, c, rc, ldc);
                default -> single(a, ra, bv, pb, bs, depth, c, rc);
            }
        } else {
            switch (rows) {
                case 4 -> NarrowStrips.quad(a, ra, lda, bv, pb, bs, depth, c, rc, ldc);
                case 2 -> NarrowStrips.pair(a, ra, lda, bv, pb, bs, depth, c, rc, ldc);
                default -> NarrowStrips.single(a, ra, bv, pb, bs, depth, c, rc);
            }
        }
    }

    /** Copies {@code rows} rows of {@code width} C entries into zero-padded rows of {@code span} at {@code stage}. */
    private static void stageIn(float[] c, int rc, int ldc, int rows, int width, int span, float[] w, int stage) {
        for (int r = 0; r < rows; r++) {
            System.arraycopy(c, rc + r * ldc, w, stage + r * span, width);
            Arrays.fill(w, stage + r * span + width, stage + (r + 1) * span, 0f);
        }
    }

    /** Copies the {@code width} kept entries of staged rows back into C (the padding lanes are dropped). */
    private static void stageOut(float[] w, int stage, int rows, int width, int span, float[] c, int rc, int ldc) {
        for (int r = 0; r < rows; r++) {
            System.arraycopy(w, stage + r * span, c, rc + r * ldc, width);
        }
    }

    /** Packs {@code B[0, depth) x [j0, j1)} (rows from {@code off}) into zero-padded strips (see {@link #span}). */
    private static void pack(float[] b, int off, int ldb, int j0, int j1, int depth, float[] w) {
        for (int j = j0, at = 0; j < j1; ) {
            int span = span(j1 - j);
            int width = Math.min(span, j1 - j);
            for (int p = 0; p < depth; p++) {
                int dst = at + p * span;
                System.arraycopy(b, off + p * ldb + j, w, dst, width);
                if (width < span) {
                    Arrays.fill(w, dst + width, dst + span, 0f);
                }
            }
            j += span;
            at += span * depth;
        }
    }

    /** Four rows of C (at {@code rc}, stride {@code ldc}) by one packed strip, over the depth. */
    private static void quad(
            float[] a, int ra, int lda, float[] w, int pb, int bs, int depth, float[] c, int rc, int ldc) {
        int ra1 = ra + lda;
        int ra2 = ra1 + lda;
        int ra3 = ra2 + lda;
        int rc1 = rc + ldc;
        int rc2 = rc1 + ldc;
        int rc3 = rc2 + ldc;
        FloatVector x00 = FloatVector.fromArray(S, c, rc);
        FloatVector x01 = FloatVector.fromArray(S, c, rc + L);
        FloatVector x02 = FloatVector.fromArray(S, c, rc + 2 * L);
        FloatVector x10 = FloatVector.fromArray(S, c, rc1);
        FloatVector x11 = FloatVector.fromArray(S, c, rc1 + L);
        FloatVector x12 = FloatVector.fromArray(S, c, rc1 + 2 * L);
        FloatVector x20 = FloatVector.fromArray(S, c, rc2);
        FloatVector x21 = FloatVector.fromArray(S, c, rc2 + L);
        FloatVector x22 = FloatVector.fromArray(S, c, rc2 + 2 * L);
        FloatVector x30 = FloatVector.fromArray(S, c, rc3);
        FloatVector x31 = FloatVector.fromArray(S, c, rc3 + L);
        FloatVector x32 = FloatVector.fromArray(S, c, rc3 + 2 * L);
        for (int p = 0; p < depth; p++) {
            int rb = pb + p * bs;
            FloatVector b0 = FloatVector.fromArray(S, w, rb);
            FloatVector b1 = FloatVector.fromArray(S, w, rb + L);
            FloatVector b2 = FloatVector.fromArray(S, w, rb + 2 * L);
            FloatVector v = FloatVector.broadcast(S, a[ra + p]);
            x00 = v.fma(b0, x00);
            x01 = v.fma(b1, x01);
            x02 = v.fma(b2, x02);
            v = FloatVector.broadcast(S, a[ra1 + p]);
            x10 = v.fma(b0, x10);
            x11 = v.fma(b1, x11);
            x12 = v.fma(b2, x12);
            v = FloatVector.broadcast(S, a[ra2 + p]);
            x20 = v.fma(b0, x20);
            x21 = v.fma(b1, x21);
            x22 = v.fma(b2, x22);
            v = FloatVector.broadcast(S, a[ra3 + p]);
            x30 = v.fma(b0, x30);
            x31 = v.fma(b1, x31);
            x32 = v.fma(b2, x32);
        }
        x00.intoArray(c, rc);
        x01.intoArray(c, rc + L);
        x02.intoArray(c, rc + 2 * L);
        x10.intoArray(c, rc1);
        x11.intoArray(c, rc1 + L);
        x12.intoArray(c, rc1 + 2 * L);
        x20.intoArray(c, rc2);
        x21.intoArray(c, rc2 + L);
        x22.intoArray(c, rc2 + 2 * L);
        x30.intoArray(c, rc3);
        x31.intoArray(c, rc3 + L);
        x32.intoArray(c, rc3 + 2 * L);
    }

    /** Two rows of C by one packed strip (the rows a 4-row block leaves, e.g. a 6-filter convolution's last two). */
    private static void pair(
            float[] a, int ra, int lda, float[] w, int pb, int bs, int depth, float[] c, int rc, int ldc) {
        int ra1 = ra + lda;
        int rc1 = rc + ldc;
        FloatVector x00 = FloatVector.fromArray(S, c, rc);
        FloatVector x01 = FloatVector.fromArray(S, c, rc + L);
        FloatVector x02 = FloatVector.fromArray(S, c, rc + 2 * L);
        FloatVector x10 = FloatVector.fromArray(S, c, rc1);
        FloatVector x11 = FloatVector.fromArray(S, c, rc1 + L);
        FloatVector x12 = FloatVector.fromArray(S, c, rc1 + 2 * L);
        for (int p = 0; p < depth; p++) {
            int rb = pb + p * bs;
            FloatVector b0 = FloatVector.fromArray(S, w, rb);
            FloatVector b1 = FloatVector.fromArray(S, w, rb + L);
            FloatVector b2 = FloatVector.fromArray(S, w, rb + 2 * L);
            FloatVector v = FloatVector.broadcast(S, a[ra + p]);
            x00 = v.fma(b0, x00);
            x01 = v.fma(b1, x01);
            x02 = v.fma(b2, x02);
            v = FloatVector.broadcast(S, a[ra1 + p]);
            x10 = v.fma(b0, x10);
            x11 = v.fma(b1, x11);
            x12 = v.fma(b2, x12);
        }
        x00.intoArray(c, rc);
        x01.intoArray(c, rc + L);
        x02.intoArray(c, rc + 2 * L);
        x10.intoArray(c, rc1);
        x11.intoArray(c, rc1 + L);
        x12.intoArray(c, rc1 + 2 * L);
    }

    /** One row of C by one packed strip, over the depth. */
    private static void single(float[] a, int ra, float[] w, int pb, int bs, int depth, float[] c, int rc) {
        FloatVector x0 = FloatVector.fromArray(S, c, rc);
        FloatVector x1 = FloatVector.fromArray(S, c, rc + L);
        FloatVector x2 = FloatVector.fromArray(S, c, rc + 2 * L);
        for (int p = 0; p < depth; p++) {
            int rb = pb + p * bs;
            FloatVector v = FloatVector.broadcast(S, a[ra + p]);
            x0 = v.fma(FloatVector.fromArray(S, w, rb), x0);
            x1 = v.fma(FloatVector.fromArray(S, w, rb + L), x1);
            x2 = v.fma(FloatVector.fromArray(S, w, rb + 2 * L), x2);
        }
        x0.intoArray(c, rc);
        x1.intoArray(c, rc + L);
        x2.intoArray(c, rc + 2 * L);
    }
}
