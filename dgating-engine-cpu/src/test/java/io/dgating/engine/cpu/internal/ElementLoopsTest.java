package io.dgating.engine.cpu.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgating.api.Shape;
import io.dgating.api.model.Activation;
import io.dgating.api.model.Pool2d;
import io.dgating.engine.cpu.kernel.WorkerPool;
import io.dgating.engine.cpu.kernel.Workers;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The branch-free ReLU and max-pool loops against the plain branching rules they replace, on the
 * values where the two could part: signed zeros, infinities, subnormals, NaNs and ties; and the
 * parallel split of those loops against one thread, bit for bit.
 */
class ElementLoopsTest {

    private static final WorkerPool ONE = new WorkerPool(1);
    private static final WorkerPool THREE = new WorkerPool(3);
    private static final float[] SPECIAL = {
        0f,
        -0f,
        1f,
        -1f,
        Float.MIN_VALUE,
        -Float.MIN_VALUE,
        Float.MIN_NORMAL,
        Float.MAX_VALUE,
        -Float.MAX_VALUE,
        Float.POSITIVE_INFINITY,
        Float.NEGATIVE_INFINITY,
        Float.NaN,
        Float.intBitsToFloat(0xffc00001),
        3.5e-7f
    };

    @AfterAll
    static void shutdown() {
        ONE.close();
        THREE.close();
    }

    @Test
    void reluGradientMasksExactlyWhereTheInputIsNotPositive() {
        for (float x : SPECIAL) {
            for (float g : SPECIAL) {
                float expected = x > 0f ? g : 0f;
                assertEquals(
                        Float.floatToRawIntBits(expected),
                        Float.floatToRawIntBits(ActivationLayer.reluGradient(x, g)),
                        "x = " + x + ", g = " + g);
            }
        }
    }

    @Test
    void reluForwardMatchesTheReferenceAndKeepsNaN() {
        float[] x = SPECIAL.clone();
        float[] y = new ActivationLayer(Activation.RELU, x.length, new Workers(ONE)).forward(x, 1, true);
        for (int i = 0; i < x.length; i++) {
            if (Float.isNaN(x[i])) {
                assertTrue(Float.isNaN(y[i]), "NaN propagates as in PyTorch");
            } else {
                assertEquals(Activation.RELU.apply(x[i]), y[i], 0.0, "x = " + x[i]);
                assertEquals(0, Float.floatToRawIntBits(y[i]) >>> 31, "never a negative zero");
            }
        }
    }

    @Test
    void maxPoolPicksTheSerialWinnerOnTiesZerosAndNaNs() {
        // large enough that the pool splits the planes (see Workers.splits)
        int n = 40;
        int c = 4;
        int side = 33;
        Random rnd = new Random(5);
        float[] x = new float[n * c * side * side];
        for (int i = 0; i < x.length; i++) {
            // few distinct values: many ties, some signed zeros and NaNs
            x[i] = SPECIAL[rnd.nextInt(4)] * rnd.nextInt(3);
            if (rnd.nextInt(40) == 0) {
                x[i] = Float.NaN;
            }
        }
        for (int[] ks : new int[][] {{2, 2}, {2, 1}, {3, 2}}) {
            int k = ks[0];
            int stride = ks[1];
            Pool2d spec = new Pool2d("p", Pool2d.Mode.MAX, k, stride, 0);
            Shape in = Shape.of(c, side, side);
            Shape out = spec.outputShape(in);
            Pool2dLayer layer = new Pool2dLayer(spec, in, new Workers(ONE));
            float[] y = layer.forward(x, n, true).clone();
            float[] dy = new float[n * out.size()];
            for (int i = 0; i < dy.length; i++) {
                dy[i] = i + 1;
            }
            float[] dx = layer.backward(dy, n, true).clone();
            float[] expectedDx = new float[x.length];
            for (int plane = 0; plane < n * c; plane++) {
                for (int oy = 0; oy < out.dim(1); oy++) {
                    for (int ox = 0; ox < out.dim(2); ox++) {
                        int at = serialWinner(x, plane * side * side, side, oy * stride, ox * stride, k);
                        int o = (plane * out.dim(1) + oy) * out.dim(2) + ox;
                        assertEquals(Float.floatToRawIntBits(x[at]), Float.floatToRawIntBits(y[o]), "output " + o);
                        expectedDx[at] += dy[o];
                    }
                }
            }
            assertArrayEquals(expectedDx, dx, "gradient goes to the serial winner, k = " + k);
            assertTrue(new Workers(THREE).splits(n * c, (long) out.dim(1) * out.dim(2) * k * k), "the loop is split");
            Pool2dLayer parallel = new Pool2dLayer(spec, in, new Workers(THREE));
            assertArrayEquals(y, parallel.forward(x, n, true), "three threads, k = " + k);
            assertArrayEquals(dx, parallel.backward(dy, n, true), "three threads, k = " + k);
        }
    }

    /** The rule the loop replaces: first on ties, a later NaN takes over. */
    private static int serialWinner(float[] x, int plane, int side, int y0, int x0, int k) {
        float best = Float.NEGATIVE_INFINITY;
        int at = -1;
        for (int ky = 0; ky < k; ky++) {
            for (int kx = 0; kx < k; kx++) {
                int i = plane + (y0 + ky) * side + x0 + kx;
                if (at < 0 || x[i] > best || Float.isNaN(x[i])) {
                    best = x[i];
                    at = i;
                }
            }
        }
        return at;
    }
}
