package io.dgating.engine.cpu.kernel;

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
 * core, same bits, since every element's chain is the same).
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
    private static final ThreadLocal<float[]> WORKSPACE = ThreadLocal.withInitial(
            () -> new float[MAX_STRIPS * STRIP * KernelConstants.DEPTH_BLOCK + 4 * STRIP]);

    @Override
    public String name() {
        return "simd-" + S.vectorBitSize();
    }

    /** Returns the strip width: three vectors. */
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
        return x0.add(x1).add(x2).add(x3).add(x4).add(x5).add(x6).add(x7).add(x8).add(x9).add(x10).add(x11)
                .reduceLanes(jdk.incubator.vector.VectorOperators.ADD) * 1e-30f;
    }

    @Override
    public void multiplyTile(int r0, int r1, int c0, int c1, int k, float[] a, int aOff, int lda, float[] b,
            int bOff, int ldb, float[] c, int cOff, int ldc) {
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
                for (int j = jj, strip = 0; j < jEnd; j += STRIP, strip++) {
                    int width = Math.min(STRIP, jEnd - j);
                    if (direct && width == STRIP) {
                        strip(r0, r1, a, aOff + kk, lda, b, bRows + j, ldb, depth, STRIP, c, cOff + j, ldc, w, stage);
                    } else if (direct) {
                        pack(b, bRows, ldb, j, jEnd, depth, w);
                        strip(r0, r1, a, aOff + kk, lda, w, 0, STRIP, depth, width, c, cOff + j, ldc, w, stage);
                    } else {
                        strip(r0, r1, a, aOff + kk, lda, w, strip * STRIP * depth, STRIP, depth, width, c, cOff + j,
                                ldc, w, stage);
                    }
                }
            }
        }
    }

    /**
     * Rows {@code [r0, r1)} of C times one strip of B ({@code depth} rows of {@link #STRIP} values,
     * row {@code p} at {@code pb + p * bs}) into C's {@code width} columns at {@code cCol}: four rows at a
     * time, then two, then one. A partial strip (packed, so zero-padded) works on staged full-width
     * copies of its C rows.
     */
    private static void strip(int r0, int r1, float[] a, int aCol, int lda, float[] bv, int pb, int bs, int depth,
            int width, float[] c, int cCol, int ldc, float[] w, int stage) {
        int i = r0;
        for (; i + 4 <= r1; i += 4) {
            int ra = aCol + i * lda;
            int rc = cCol + i * ldc;
            if (width == STRIP) {
                quad(a, ra, lda, bv, pb, bs, depth, c, rc, ldc);
            } else {
                stageIn(c, rc, ldc, 4, width, w, stage);
                quad(a, ra, lda, bv, pb, bs, depth, w, stage, STRIP);
                stageOut(w, stage, 4, width, c, rc, ldc);
            }
        }
        if (i + 2 <= r1) {
            int ra = aCol + i * lda;
            int rc = cCol + i * ldc;
            if (width == STRIP) {
                pair(a, ra, lda, bv, pb, bs, depth, c, rc, ldc);
            } else {
                stageIn(c, rc, ldc, 2, width, w, stage);
                pair(a, ra, lda, bv, pb, bs, depth, w, stage, STRIP);
                stageOut(w, stage, 2, width, c, rc, ldc);
            }
            i += 2;
        }
        if (i < r1) {
            int ra = aCol + i * lda;
            int rc = cCol + i * ldc;
            if (width == STRIP) {
                single(a, ra, bv, pb, bs, depth, c, rc);
            } else {
                stageIn(c, rc, ldc, 1, width, w, stage);
                single(a, ra, bv, pb, bs, depth, w, stage);
                stageOut(w, stage, 1, width, c, rc, ldc);
            }
        }
    }

    /** Copies {@code rows} rows of {@code width} C entries into zero-padded rows of {@link #STRIP} at {@code stage}. */
    private static void stageIn(float[] c, int rc, int ldc, int rows, int width, float[] w, int stage) {
        for (int r = 0; r < rows; r++) {
            System.arraycopy(c, rc + r * ldc, w, stage + r * STRIP, width);
            java.util.Arrays.fill(w, stage + r * STRIP + width, stage + (r + 1) * STRIP, 0f);
        }
    }

    /** Copies the {@code width} kept entries of staged rows back into C (the padding lanes are dropped). */
    private static void stageOut(float[] w, int stage, int rows, int width, float[] c, int rc, int ldc) {
        for (int r = 0; r < rows; r++) {
            System.arraycopy(w, stage + r * STRIP, c, rc + r * ldc, width);
        }
    }

    /** Packs {@code B[0, depth) x [j0, j1)} (rows from {@code off}) into zero-padded strips of {@link #STRIP} columns. */
    private static void pack(float[] b, int off, int ldb, int j0, int j1, int depth, float[] w) {
        for (int j = j0, at = 0; j < j1; j += STRIP, at += STRIP * depth) {
            int width = Math.min(STRIP, j1 - j);
            for (int p = 0; p < depth; p++) {
                int dst = at + p * STRIP;
                System.arraycopy(b, off + p * ldb + j, w, dst, width);
                if (width < STRIP) {
                    java.util.Arrays.fill(w, dst + width, dst + STRIP, 0f);
                }
            }
        }
    }

    /** Four rows of C (at {@code rc}, stride {@code ldc}) by one packed strip, over the depth. */
    private static void quad(float[] a, int ra, int lda, float[] w, int pb, int bs, int depth, float[] c, int rc,
            int ldc) {
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
    private static void pair(float[] a, int ra, int lda, float[] w, int pb, int bs, int depth, float[] c, int rc,
            int ldc) {
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
