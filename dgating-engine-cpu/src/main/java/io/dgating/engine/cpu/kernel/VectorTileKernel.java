package io.dgating.engine.cpu.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD tile kernel on the JDK's incubating Vector API: a 4 x (2 vectors) block of C lives in
 * registers for a whole depth tile, so C is read and written once per tile instead of once
 * per k, and each B vector load feeds four fused multiply-adds.
 *
 * <p>Every element of C, in the vector body and in the packed tails alike, is the chain
 * {@code c = fma(a_p, b_p, c)} for p ascending starting from 0, so tile bounds (and thread
 * counts) never change a result bit. It differs from {@link ScalarTileKernel} by the
 * rounding of fused versus separate multiply-add (a few ulps). Only loaded when the module
 * {@code jdk.incubator.vector} is in the boot layer; see {@link TileKernels}.
 */
final class VectorTileKernel implements TileKernel {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    @Override
    public String name() {
        return "simd-" + S.vectorBitSize();
    }

    @Override
    public void multiplyTile(int r0, int r1, int c0, int c1, int k, float[] a, int aOff, int lda, float[] b,
            int bOff, int ldb, float[] c, int cOff, int ldc) {
        if (k == 0) {
            Gemm.zeroTile(r0, r1, c0, c1, c, cOff, ldc);
            return;
        }
        for (int jj = c0; jj < c1; jj += KernelConstants.COL_BLOCK) {
            int jEnd = Math.min(jj + KernelConstants.COL_BLOCK, c1);
            for (int kk = 0; kk < k; kk += KernelConstants.DEPTH_BLOCK) {
                int kEnd = Math.min(kk + KernelConstants.DEPTH_BLOCK, k);
                boolean first = kk == 0;
                // whole vectors up to jVec, then one packed pass over the (< L) tail columns
                int jVec = jj + (jEnd - jj) / L * L;
                int i = r0;
                for (; i + 4 <= r1; i += 4) {
                    quad(i, jj, jVec, kk, kEnd, first, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
                }
                for (; i < r1; i++) {
                    single(i, jj, jVec, kk, kEnd, first, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
                }
                if (jVec < jEnd) {
                    tail(r0, r1, jVec, jEnd, kk, kEnd, first, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
                }
            }
        }
    }

    private static FloatVector start(boolean first, float[] c, int at) {
        return first ? FloatVector.zero(S) : FloatVector.fromArray(S, c, at);
    }

    private static void quad(int i, int jj, int jEnd, int kk, int kEnd, boolean first, float[] a, int aOff, int lda,
            float[] b, int bOff, int ldb, float[] c, int cOff, int ldc) {
        int ra0 = aOff + i * lda;
        int ra1 = ra0 + lda;
        int ra2 = ra1 + lda;
        int ra3 = ra2 + lda;
        int rc0 = cOff + i * ldc;
        int rc1 = rc0 + ldc;
        int rc2 = rc1 + ldc;
        int rc3 = rc2 + ldc;
        int j = jj;
        for (; j + 2 * L <= jEnd; j += 2 * L) {
            FloatVector x00 = start(first, c, rc0 + j);
            FloatVector x01 = start(first, c, rc0 + j + L);
            FloatVector x10 = start(first, c, rc1 + j);
            FloatVector x11 = start(first, c, rc1 + j + L);
            FloatVector x20 = start(first, c, rc2 + j);
            FloatVector x21 = start(first, c, rc2 + j + L);
            FloatVector x30 = start(first, c, rc3 + j);
            FloatVector x31 = start(first, c, rc3 + j + L);
            for (int p = kk; p < kEnd; p++) {
                int rb = bOff + p * ldb + j;
                FloatVector b0 = FloatVector.fromArray(S, b, rb);
                FloatVector b1 = FloatVector.fromArray(S, b, rb + L);
                FloatVector v = FloatVector.broadcast(S, a[ra0 + p]);
                x00 = v.fma(b0, x00);
                x01 = v.fma(b1, x01);
                v = FloatVector.broadcast(S, a[ra1 + p]);
                x10 = v.fma(b0, x10);
                x11 = v.fma(b1, x11);
                v = FloatVector.broadcast(S, a[ra2 + p]);
                x20 = v.fma(b0, x20);
                x21 = v.fma(b1, x21);
                v = FloatVector.broadcast(S, a[ra3 + p]);
                x30 = v.fma(b0, x30);
                x31 = v.fma(b1, x31);
            }
            x00.intoArray(c, rc0 + j);
            x01.intoArray(c, rc0 + j + L);
            x10.intoArray(c, rc1 + j);
            x11.intoArray(c, rc1 + j + L);
            x20.intoArray(c, rc2 + j);
            x21.intoArray(c, rc2 + j + L);
            x30.intoArray(c, rc3 + j);
            x31.intoArray(c, rc3 + j + L);
        }
        for (; j + L <= jEnd; j += L) {
            FloatVector x0 = start(first, c, rc0 + j);
            FloatVector x1 = start(first, c, rc1 + j);
            FloatVector x2 = start(first, c, rc2 + j);
            FloatVector x3 = start(first, c, rc3 + j);
            for (int p = kk; p < kEnd; p++) {
                FloatVector b0 = FloatVector.fromArray(S, b, bOff + p * ldb + j);
                x0 = FloatVector.broadcast(S, a[ra0 + p]).fma(b0, x0);
                x1 = FloatVector.broadcast(S, a[ra1 + p]).fma(b0, x1);
                x2 = FloatVector.broadcast(S, a[ra2 + p]).fma(b0, x2);
                x3 = FloatVector.broadcast(S, a[ra3 + p]).fma(b0, x3);
            }
            x0.intoArray(c, rc0 + j);
            x1.intoArray(c, rc1 + j);
            x2.intoArray(c, rc2 + j);
            x3.intoArray(c, rc3 + j);
        }
    }

    private static void single(int i, int jj, int jEnd, int kk, int kEnd, boolean first, float[] a, int aOff,
            int lda, float[] b, int bOff, int ldb, float[] c, int cOff, int ldc) {
        int ra = aOff + i * lda;
        int rc = cOff + i * ldc;
        int j = jj;
        for (; j + L <= jEnd; j += L) {
            FloatVector x = start(first, c, rc + j);
            for (int p = kk; p < kEnd; p++) {
                x = FloatVector.broadcast(S, a[ra + p]).fma(FloatVector.fromArray(S, b, bOff + p * ldb + j), x);
            }
            x.intoArray(c, rc + j);
        }
    }

    /**
     * Columns {@code [j0, j1)}, fewer than one vector: B's tail columns are packed into a
     * zero-padded {@code [k, L]} buffer so full vectors can run over them; padded lanes are
     * computed and dropped. Each kept lane is the same fused chain as in the vector body.
     * (JDK 17's masked vector loads are not intrinsified and measured slower than this.)
     */
    private static void tail(int i0, int i1, int j0, int j1, int kk, int kEnd, boolean first, float[] a, int aOff,
            int lda, float[] b, int bOff, int ldb, float[] c, int cOff, int ldc) {
        int w = j1 - j0;
        int depth = kEnd - kk;
        float[] packed = new float[depth * L];
        for (int p = 0; p < depth; p++) {
            System.arraycopy(b, bOff + (kk + p) * ldb + j0, packed, p * L, w);
        }
        float[] rows = new float[4 * L];
        int i = i0;
        for (; i + 4 <= i1; i += 4) {
            // four independent chains, so the fused multiply-adds overlap instead of waiting on each other
            int ra = aOff + i * lda + kk;
            int rc = cOff + i * ldc + j0;
            FloatVector x0 = tailStart(first, c, rc, w, rows, 0);
            FloatVector x1 = tailStart(first, c, rc + ldc, w, rows, L);
            FloatVector x2 = tailStart(first, c, rc + 2 * ldc, w, rows, 2 * L);
            FloatVector x3 = tailStart(first, c, rc + 3 * ldc, w, rows, 3 * L);
            for (int p = 0; p < depth; p++) {
                FloatVector bv = FloatVector.fromArray(S, packed, p * L);
                x0 = FloatVector.broadcast(S, a[ra + p]).fma(bv, x0);
                x1 = FloatVector.broadcast(S, a[ra + lda + p]).fma(bv, x1);
                x2 = FloatVector.broadcast(S, a[ra + 2 * lda + p]).fma(bv, x2);
                x3 = FloatVector.broadcast(S, a[ra + 3 * lda + p]).fma(bv, x3);
            }
            x0.intoArray(rows, 0);
            x1.intoArray(rows, L);
            x2.intoArray(rows, 2 * L);
            x3.intoArray(rows, 3 * L);
            for (int r = 0; r < 4; r++) {
                System.arraycopy(rows, r * L, c, rc + r * ldc, w);
            }
        }
        for (; i < i1; i++) {
            int ra = aOff + i * lda + kk;
            int rc = cOff + i * ldc + j0;
            FloatVector x = tailStart(first, c, rc, w, rows, 0);
            for (int p = 0; p < depth; p++) {
                x = FloatVector.broadcast(S, a[ra + p]).fma(FloatVector.fromArray(S, packed, p * L), x);
            }
            x.intoArray(rows, 0);
            System.arraycopy(rows, 0, c, rc, w);
        }
    }

    private static FloatVector tailStart(boolean first, float[] c, int at, int w, float[] rows, int slot) {
        if (first) {
            return FloatVector.zero(S);
        }
        System.arraycopy(c, at, rows, slot, w);
        java.util.Arrays.fill(rows, slot + w, slot + L, 0f);
        return FloatVector.fromArray(S, rows, slot);
    }
}
