package io.dgating.engine.cpu.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD tile kernel on the JDK's incubating Vector API: a 4 x (2 vectors) block of C lives in
 * registers for a whole depth tile, so C is read and written once per tile instead of once
 * per k, and each B vector load feeds four fused multiply-adds.
 *
 * <p>Every element of C, in the vector body and in the scalar tails alike, is the chain
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
            for (int i = r0; i < r1; i++) {
                java.util.Arrays.fill(c, cOff + i * ldc + c0, cOff + i * ldc + c1, 0f);
            }
            return;
        }
        for (int jj = c0; jj < c1; jj += KernelConstants.COL_BLOCK) {
            int jEnd = Math.min(jj + KernelConstants.COL_BLOCK, c1);
            for (int kk = 0; kk < k; kk += KernelConstants.DEPTH_BLOCK) {
                int kEnd = Math.min(kk + KernelConstants.DEPTH_BLOCK, k);
                boolean first = kk == 0;
                int i = r0;
                for (; i + 4 <= r1; i += 4) {
                    quad(i, jj, jEnd, kk, kEnd, first, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
                }
                for (; i < r1; i++) {
                    single(i, jj, jEnd, kk, kEnd, first, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
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
        if (j < jEnd) {
            scalarTail(i, i + 4, j, jEnd, kk, kEnd, first, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
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
        if (j < jEnd) {
            scalarTail(i, i + 1, j, jEnd, kk, kEnd, first, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        }
    }

    /**
     * The same fused chain as the vector lanes, one element at a time. (Masked vectors would do
     * the same but are not intrinsified by JDK 17's incubator API and measured slower here.)
     */
    private static void scalarTail(int i0, int i1, int j0, int j1, int kk, int kEnd, boolean first, float[] a,
            int aOff, int lda, float[] b, int bOff, int ldb, float[] c, int cOff, int ldc) {
        for (int i = i0; i < i1; i++) {
            int ra = aOff + i * lda;
            int rc = cOff + i * ldc;
            for (int j = j0; j < j1; j++) {
                float x = first ? 0f : c[rc + j];
                for (int p = kk; p < kEnd; p++) {
                    x = Math.fma(a[ra + p], b[bOff + p * ldb + j], x);
                }
                c[rc + j] = x;
            }
        }
    }
}
