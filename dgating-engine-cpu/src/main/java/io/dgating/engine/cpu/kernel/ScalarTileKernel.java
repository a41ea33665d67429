package io.dgating.engine.cpu.kernel;

/**
 * Portable tile kernel: i-k-j loops inside (k, j) tiles, four rows of C at a time so each load
 * of a B row serves four output rows. Each element is {@code c = a0*b0; c += a_p*b_p} for
 * p ascending, with separate multiply and add (Java never fuses them implicitly).
 */
final class ScalarTileKernel implements TileKernel {

    static final ScalarTileKernel INSTANCE = new ScalarTileKernel();

    /** Multiply-add rounds of one burst of the peak measurement. */
    private static final int BURST = 1024;

    private ScalarTileKernel() {}

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public double peakFlopsPerSecond(long nanos) {
        return PeakMeter.flopsPerSecond(nanos, ScalarTileKernel::burst, 2.0 * 12 * BURST);
    }

    private static float burst(float seed) {
        float m = 0.999f;
        float x0 = 1e-3f + seed * 1e-30f;
        float x1 = x0, x2 = x0, x3 = x0, x4 = x0, x5 = x0, x6 = x0, x7 = x0, x8 = x0, x9 = x0, x10 = x0, x11 = x0;
        for (int i = 0; i < BURST; i++) {
            // separate multiply and add, as in this kernel's products
            x0 = x0 * m + m;
            x1 = x1 * m + m;
            x2 = x2 * m + m;
            x3 = x3 * m + m;
            x4 = x4 * m + m;
            x5 = x5 * m + m;
            x6 = x6 * m + m;
            x7 = x7 * m + m;
            x8 = x8 * m + m;
            x9 = x9 * m + m;
            x10 = x10 * m + m;
            x11 = x11 * m + m;
        }
        return (x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10 + x11) * 1e-30f;
    }

    /** {@inheritDoc} */
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
        if (k == 0) {
            Gemm.zeroTile(r0, r1, c0, c1, c, cOff, ldc);
            return;
        }
        for (int jj = c0; jj < c1; jj += KernelConstants.COL_BLOCK) {
            int jEnd = Math.min(jj + KernelConstants.COL_BLOCK, c1);
            for (int kk = 0; kk < k; kk += KernelConstants.DEPTH_BLOCK) {
                int kEnd = Math.min(kk + KernelConstants.DEPTH_BLOCK, k);
                int i = r0;
                // four rows of C share every load of a B row: a quarter of the B traffic
                for (; i + 4 <= r1; i += 4) {
                    rows4(i, jj, jEnd, kk, kEnd, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
                }
                for (; i < r1; i++) {
                    row1(i, jj, jEnd, kk, kEnd, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
                }
            }
        }
    }

    private static void rows4(
            int i,
            int jj,
            int jEnd,
            int kk,
            int kEnd,
            float[] a,
            int aOff,
            int lda,
            float[] b,
            int bOff,
            int ldb,
            float[] c,
            int cOff,
            int ldc) {
        int c0 = cOff + i * ldc;
        int c1 = c0 + ldc;
        int c2 = c1 + ldc;
        int c3 = c2 + ldc;
        int a0 = aOff + i * lda;
        int a1 = a0 + lda;
        int a2 = a1 + lda;
        int a3 = a2 + lda;
        int p = kk;
        if (kk == 0) {
            // the first depth tile sets C, so C needs no separate zeroing pass
            float x0 = a[a0];
            float x1 = a[a1];
            float x2 = a[a2];
            float x3 = a[a3];
            for (int j = jj; j < jEnd; j++) {
                float bv = b[bOff + j];
                c[c0 + j] = x0 * bv;
                c[c1 + j] = x1 * bv;
                c[c2 + j] = x2 * bv;
                c[c3 + j] = x3 * bv;
            }
            p = 1;
        }
        for (; p < kEnd; p++) {
            float x0 = a[a0 + p];
            float x1 = a[a1 + p];
            float x2 = a[a2 + p];
            float x3 = a[a3 + p];
            int bRow = bOff + p * ldb;
            for (int j = jj; j < jEnd; j++) {
                float bv = b[bRow + j];
                c[c0 + j] += x0 * bv;
                c[c1 + j] += x1 * bv;
                c[c2 + j] += x2 * bv;
                c[c3 + j] += x3 * bv;
            }
        }
    }

    private static void row1(
            int i,
            int jj,
            int jEnd,
            int kk,
            int kEnd,
            float[] a,
            int aOff,
            int lda,
            float[] b,
            int bOff,
            int ldb,
            float[] c,
            int cOff,
            int ldc) {
        int cRow = cOff + i * ldc;
        int aRow = aOff + i * lda;
        int p = kk;
        if (kk == 0) {
            float x = a[aRow];
            for (int j = jj; j < jEnd; j++) {
                c[cRow + j] = x * b[bOff + j];
            }
            p = 1;
        }
        for (; p < kEnd; p++) {
            float x = a[aRow + p];
            int bRow = bOff + p * ldb;
            for (int j = jj; j < jEnd; j++) {
                c[cRow + j] += x * b[bRow + j];
            }
        }
    }
}
