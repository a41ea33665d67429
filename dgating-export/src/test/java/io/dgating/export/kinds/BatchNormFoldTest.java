package io.dgating.export.kinds;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fold of an inference batch norm into the layer before it, against computing the two
 * separately in double: {@code gamma (w.x + b - mean) / sqrt(var + eps) + beta} must equal
 * {@code w'.x + b'} for random inputs, filters and statistics, with and without a bias.
 */
class BatchNormFoldTest {

    @Test
    void foldedConvolutionEqualsConvolutionThenBatchNorm() {
        Random rnd = new Random(4);
        int filters = 5;
        int per = 12;
        for (boolean withBias : new boolean[] {true, false}) {
            float[] w = random(rnd, filters * per, 1);
            float[] b = withBias ? random(rnd, filters, 1) : null;
            float[] gamma = random(rnd, filters, 2);
            float[] beta = random(rnd, filters, 1);
            float[] mean = random(rnd, filters, 3);
            float[] var = new float[filters];
            for (int f = 0; f < filters; f++) {
                var[f] = (float) (0.01 + rnd.nextDouble() * 4);
            }
            double eps = 1e-5;
            BatchNormFold fold = BatchNormFold.of(w, b, gamma, beta, mean, var, eps);
            for (int trial = 0; trial < 20; trial++) {
                float[] x = random(rnd, per, 2);
                for (int f = 0; f < filters; f++) {
                    double z = withBias ? b[f] : 0;
                    double folded = fold.bias()[f];
                    for (int i = 0; i < per; i++) {
                        z += (double) w[f * per + i] * x[i];
                        folded += (double) fold.weight()[f * per + i] * x[i];
                    }
                    double expected = gamma[f] * (z - mean[f]) / Math.sqrt(var[f] + eps) + beta[f];
                    assertEquals(expected, folded, 1e-5 * Math.max(1, Math.abs(expected)), "filter " + f);
                }
            }
        }
    }

    private static float[] random(Random rnd, int n, double scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (scale * rnd.nextGaussian());
        }
        return v;
    }
}
