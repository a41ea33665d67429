package io.dgating.engine.cpu.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link VectorTileKernel}'s register blocks for strips of two vectors: a tile's last strip when
 * at most 2L columns remain, so the 16, 32 and 64 columns of a convolution's weight gradient
 * need no zero-padded strip of three. Same fma chain per element as the wide blocks.
 */
final class NarrowStrips {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private NarrowStrips() {}

    /** Four rows of C (at {@code rc}, stride {@code ldc}) by one packed strip, over the depth. */
    static void quad(float[] a, int ra, int lda, float[] w, int pb, int bs, int depth, float[] c, int rc, int ldc) {
        int ra1 = ra + lda;
        int ra2 = ra1 + lda;
        int ra3 = ra2 + lda;
        int rc1 = rc + ldc;
        int rc2 = rc1 + ldc;
        int rc3 = rc2 + ldc;
        FloatVector x00 = FloatVector.fromArray(S, c, rc);
        FloatVector x01 = FloatVector.fromArray(S, c, rc + L);
        FloatVector x10 = FloatVector.fromArray(S, c, rc1);
        FloatVector x11 = FloatVector.fromArray(S, c, rc1 + L);
        FloatVector x20 = FloatVector.fromArray(S, c, rc2);
        FloatVector x21 = FloatVector.fromArray(S, c, rc2 + L);
        FloatVector x30 = FloatVector.fromArray(S, c, rc3);
        FloatVector x31 = FloatVector.fromArray(S, c, rc3 + L);
        for (int p = 0; p < depth; p++) {
            int rb = pb + p * bs;
            FloatVector b0 = FloatVector.fromArray(S, w, rb);
            FloatVector b1 = FloatVector.fromArray(S, w, rb + L);
            FloatVector v = FloatVector.broadcast(S, a[ra + p]);
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
        x00.intoArray(c, rc);
        x01.intoArray(c, rc + L);
        x10.intoArray(c, rc1);
        x11.intoArray(c, rc1 + L);
        x20.intoArray(c, rc2);
        x21.intoArray(c, rc2 + L);
        x30.intoArray(c, rc3);
        x31.intoArray(c, rc3 + L);
    }

    /** Two rows of C by one packed strip (the rows a 4-row block leaves, e.g. a 6-filter convolution's last two). */
    static void pair(float[] a, int ra, int lda, float[] w, int pb, int bs, int depth, float[] c, int rc, int ldc) {
        int ra1 = ra + lda;
        int rc1 = rc + ldc;
        FloatVector x00 = FloatVector.fromArray(S, c, rc);
        FloatVector x01 = FloatVector.fromArray(S, c, rc + L);
        FloatVector x10 = FloatVector.fromArray(S, c, rc1);
        FloatVector x11 = FloatVector.fromArray(S, c, rc1 + L);
        for (int p = 0; p < depth; p++) {
            int rb = pb + p * bs;
            FloatVector b0 = FloatVector.fromArray(S, w, rb);
            FloatVector b1 = FloatVector.fromArray(S, w, rb + L);
            FloatVector v = FloatVector.broadcast(S, a[ra + p]);
            x00 = v.fma(b0, x00);
            x01 = v.fma(b1, x01);
            v = FloatVector.broadcast(S, a[ra1 + p]);
            x10 = v.fma(b0, x10);
            x11 = v.fma(b1, x11);
        }
        x00.intoArray(c, rc);
        x01.intoArray(c, rc + L);
        x10.intoArray(c, rc1);
        x11.intoArray(c, rc1 + L);
    }

    /** One row of C by one packed strip, over the depth. */
    static void single(float[] a, int ra, float[] w, int pb, int bs, int depth, float[] c, int rc) {
        FloatVector x0 = FloatVector.fromArray(S, c, rc);
        FloatVector x1 = FloatVector.fromArray(S, c, rc + L);
        for (int p = 0; p < depth; p++) {
            FloatVector v = FloatVector.broadcast(S, a[ra + p]);
            x0 = v.fma(FloatVector.fromArray(S, w, pb + p * bs), x0);
            x1 = v.fma(FloatVector.fromArray(S, w, pb + p * bs + L), x1);
        }
        x0.intoArray(c, rc);
        x1.intoArray(c, rc + L);
    }
}
