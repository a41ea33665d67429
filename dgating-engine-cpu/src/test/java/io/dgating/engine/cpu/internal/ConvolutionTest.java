package io.dgating.engine.cpu.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dgating.api.Shape;
import io.dgating.api.model.Conv2d;
import io.dgating.engine.cpu.kernel.GemmMt;
import io.dgating.engine.cpu.kernel.WorkerPool;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The im2col convolution (chunked, its same-width row copy, chunks in parallel or in turn) against
 * the textbook six-loop convolution in float64, forward and both gradients; and one thread against
 * three, bit for bit. Batches span several chunks so the parallel chunk path and the weight
 * gradient's chunk-order sum are exercised.
 */
class ConvolutionTest {

    private static final WorkerPool ONE = new WorkerPool(1);
    private static final WorkerPool THREE = new WorkerPool(3);

    @AfterAll
    static void shutdown() {
        ONE.close();
        THREE.close();
    }

    static Stream<Arguments> shapes() {
        return Stream.of(
                // name, channels, height, width, filters, kernel, stride, padding, dilation, batch
                Arguments.of("LeNet-5 first layer: 5x5 same", 1, 12, 12, 3, 5, 1, 2, 1, 70),
                Arguments.of("3x3 same, dilation 2", 2, 9, 7, 4, 3, 1, 2, 2, 40),
                Arguments.of("3x3 same, 1 pixel", 3, 8, 10, 5, 3, 1, 1, 1, 40),
                Arguments.of("valid 5x5", 2, 11, 11, 4, 5, 1, 0, 1, 60),
                Arguments.of("stride 2, padding 1", 2, 9, 9, 3, 3, 2, 1, 1, 50),
                Arguments.of("wider padding than the kernel reaches", 1, 5, 6, 2, 3, 1, 3, 1, 30));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void matchesTheDirectConvolution(
            String name, int c, int h, int w, int f, int k, int stride, int pad, int dil, int n) {
        Conv2d spec = new Conv2d("conv", f, k, stride, pad, dil, true);
        Shape in = Shape.of(c, h, w);
        Shape out = spec.outputShape(in);
        int oh = out.dim(1);
        int ow = out.dim(2);
        Random rnd = new Random(name.hashCode());
        float[] x = random(rnd, n * c * h * w);
        float[] wt = random(rnd, f * c * k * k);
        float[] b = random(rnd, f);
        float[] dy = random(rnd, n * f * oh * ow);

        float[][] one = run(ONE, spec, in, x, wt, b, dy, n);
        float[][] three = run(THREE, spec, in, x, wt, b, dy, n);
        for (int i = 0; i < one.length; i++) {
            assertArrayEquals(one[i], three[i], "output " + i + " on one and three threads");
        }

        double[] y = new double[n * f * oh * ow];
        double[] dx = new double[n * c * h * w];
        double[] dW = new double[wt.length];
        for (int img = 0; img < n; img++) {
            for (int o = 0; o < f; o++) {
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        int yi = ((img * f + o) * oh + oy) * ow + ox;
                        double sum = b[o];
                        for (int ch = 0; ch < c; ch++) {
                            for (int ky = 0; ky < k; ky++) {
                                for (int kx = 0; kx < k; kx++) {
                                    int iy = oy * stride - pad + ky * dil;
                                    int ix = ox * stride - pad + kx * dil;
                                    if (iy < 0 || iy >= h || ix < 0 || ix >= w) {
                                        continue;
                                    }
                                    int xi = ((img * c + ch) * h + iy) * w + ix;
                                    int wi = ((o * c + ch) * k + ky) * k + kx;
                                    sum += (double) wt[wi] * x[xi];
                                    dx[xi] += (double) wt[wi] * dy[yi];
                                    dW[wi] += (double) x[xi] * dy[yi];
                                }
                            }
                        }
                        y[yi] = sum;
                    }
                }
            }
        }
        assertClose(y, one[0], "output");
        assertClose(dx, one[1], "input gradient");
        assertClose(dW, one[2], "weight gradient");
    }

    private static float[][] run(
            WorkerPool pool, Conv2d spec, Shape in, float[] x, float[] wt, float[] b, float[] dy, int n) {
        int ckk = wt.length / spec.filters();
        Param weight = Param.of("w", new int[] {spec.filters(), ckk}, wt.clone(), false);
        Param bias = Param.of("b", new int[] {spec.filters()}, b.clone(), false);
        Conv2dLayer layer = new Conv2dLayer(spec, in, weight, bias, new GemmMt(pool), ConvScratch.perThread());
        float[] y = layer.forward(x, n, true).clone();
        float[] dx = layer.backward(dy, n, true).clone();
        return new float[][] {y, dx, weight.grad().clone(), bias.grad().clone()};
    }

    private static void assertClose(double[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            double tol = 1e-4 * (1 + Math.abs(expected[i]));
            assertEquals(expected[i], actual[i], tol, what + " at " + i);
        }
    }

    private static float[] random(Random rnd, int size) {
        float[] v = new float[size];
        for (int i = 0; i < size; i++) {
            v[i] = (float) rnd.nextGaussian();
        }
        return v;
    }
}
