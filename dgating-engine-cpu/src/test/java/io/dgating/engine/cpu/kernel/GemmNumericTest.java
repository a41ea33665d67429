package io.dgating.engine.cpu.kernel;

import static io.dgating.api.testing.NumericAssertions.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The blocked kernels against a naive float64 triple loop, on shapes that include 0, 1 and
 * sizes that are not multiples of the block sizes; threaded against single-threaded
 * (bit-identical); the SIMD kernel against the naive product, and bit-identical across thread
 * counts and tile splits; transposed variants against explicit transposes.
 */
class GemmNumericTest {

    private static final WorkerPool POOL = new WorkerPool(4);

    @AfterAll
    static void shutdown() {
        POOL.close();
    }

    static Stream<Arguments> shapes() {
        int b = KernelConstants.COL_BLOCK;
        int d = KernelConstants.DEPTH_BLOCK;
        return Stream.of(
                Arguments.of(0, 3, 4),
                Arguments.of(3, 0, 4),
                Arguments.of(3, 4, 0),
                Arguments.of(1, 1, 1),
                Arguments.of(1, 7, 5),
                Arguments.of(7, 1, 5),
                Arguments.of(5, 7, 1),
                Arguments.of(17, 33, 65),
                Arguments.of(64, b + 3, d + 5),
                Arguments.of(3, 2 * b + 1, 2 * d - 1),
                Arguments.of(130, 300, 784),
                // whole two-vector tails (16, 32 and 40 columns on AVX2), read in place (7 rows) and packed (37)
                Arguments.of(7, 40, 30),
                Arguments.of(37, 40, 300),
                Arguments.of(16, 16, 144),
                Arguments.of(37, 32, 50));
    }

    @ParameterizedTest(name = "m={0} n={1} k={2}")
    @MethodSource("shapes")
    void blockedProductMatchesNaive(int m, int n, int k) {
        Random rnd = new Random(m * 31L + n * 7L + k);
        float[] a = random(m * k, rnd);
        float[] bm = random(k * n, rnd);
        float[] c = new float[m * n];
        Arrays.fill(c, Float.NaN); // the kernel must overwrite, not accumulate
        Gemm.multiply(m, n, k, a, 0, k, bm, 0, n, c, 0, n);
        assertClose(c, naive(m, n, k, a, bm), 1e-5, 1e-5 * Math.sqrt(k), "C");
    }

    @ParameterizedTest(name = "m={0} n={1} k={2}")
    @MethodSource("shapes")
    void threadedIsBitIdenticalToSingleThreaded(int m, int n, int k) {
        Random rnd = new Random(k * 131L + n);
        float[] a = random(m * k, rnd);
        float[] bm = random(k * n, rnd);
        float[] single = new float[m * n];
        float[] multi = new float[m * n];
        Gemm.multiply(m, n, k, a, 0, k, bm, 0, n, single, 0, n);
        new GemmMt(POOL, TileKernels.scalar()).multiply(m, n, k, a, bm, multi);
        assertArrayEquals(single, multi);
    }

    @ParameterizedTest(name = "m={0} n={1} k={2}")
    @MethodSource("shapes")
    void simdMatchesNaiveAndIsBitIdenticalOnAnyThreadCount(int m, int n, int k) {
        Optional<TileKernel> simd = TileKernels.simd();
        assumeTrue(simd.isPresent(), "module jdk.incubator.vector not enabled in this JVM (surefire enables it)");
        Random rnd = new Random(m * 17L + k);
        float[] a = random(m * k, rnd);
        float[] bm = random(k * n, rnd);
        float[] one = new float[m * n];
        float[] four = new float[m * n];
        Arrays.fill(one, Float.NaN);
        WorkerPool single = new WorkerPool(1);
        try {
            new GemmMt(single, simd.get()).multiply(m, n, k, a, bm, one);
        } finally {
            single.close();
        }
        new GemmMt(POOL, simd.get()).multiply(m, n, k, a, bm, four);
        assertArrayEquals(one, four);
        assertClose(one, naive(m, n, k, a, bm), 1e-5, 1e-5 * Math.sqrt(k), "SIMD C");
        // and a tile split at an odd column must not change a bit (tails use the same fused chain)
        float[] split = new float[m * n];
        if (m > 0 && n > 2) {
            simd.get().multiplyTile(0, m, 0, n / 2 + 1, k, a, 0, k, bm, 0, n, split, 0, n);
            simd.get().multiplyTile(0, m, n / 2 + 1, n, k, a, 0, k, bm, 0, n, split, 0, n);
            assertArrayEquals(one, split);
        }
    }

    /**
     * {@code A B^T} two ways: small batches compute {@code (B A^T)^T}, which moves less data;
     * either way every bit must equal the product with B transposed explicitly, on both kernels.
     */
    @ParameterizedTest(name = "m={0}")
    @org.junit.jupiter.params.provider.ValueSource(ints = {1, 37, 64, 200, 600})
    void productWithTransposedBIsBitIdenticalToExplicitTranspose(int m) {
        Random rnd = new Random(3 + m);
        int n = 290;
        int k = 301;
        float[] a = random(m * k, rnd);
        float[] bt = random(n * k, rnd); // B^T stored [n x k]
        float[] b = new float[k * n];
        Gemm.transpose(bt, 0, n, k, b);
        List<TileKernel> kernels = new ArrayList<>(List.of(TileKernels.scalar()));
        TileKernels.simd().ifPresent(kernels::add);
        for (TileKernel kernel : kernels) {
            GemmMt gemm = new GemmMt(POOL, kernel);
            float[] c = new float[m * n];
            Arrays.fill(c, Float.NaN);
            gemm.multiplyTransB(m, n, k, a, bt, c, new float[n * k]);
            float[] explicit = new float[m * n];
            gemm.multiply(m, n, k, a, b, explicit);
            assertArrayEquals(explicit, c, kernel.name() + ": A*B^T, m=" + m);
            assertClose(c, naive(m, n, k, a, b), 1e-5, 1e-4, kernel.name() + " A*B^T");
        }
    }

    @Test
    void productWithTransposedAMatchesExplicitTranspose() {
        Random rnd = new Random(3);
        int m = 37;
        int n = 290;
        int k = 301;
        float[] a = random(m * k, rnd);
        float[] b = random(k * n, rnd);
        float[] at = new float[k * m]; // A stored transposed [k x m]
        Gemm.transpose(a, 0, m, k, at);
        float[] c2 = new float[m * n];
        new GemmMt(POOL).multiplyTransA(m, n, k, at, b, c2, new float[m * k]);
        assertClose(c2, naive(m, n, k, a, b), 1e-5, 1e-4, "A^T*B");
    }

    @Test
    void outputMustNotOverlapAnOperandButMayShareItsArray() {
        float[] buf = new float[40];
        float[] a = random(6, new Random(1));
        // B = buf[0..6) as [3 x 2], C = buf[6..10) as [2 x 2]: same array, disjoint: allowed
        Gemm.multiply(2, 2, 3, a, 0, 3, buf, 0, 2, buf, 6, 2);
        assertThrows(IllegalArgumentException.class, () -> Gemm.multiply(2, 2, 3, a, 0, 3, buf, 0, 2, buf, 5, 2));
    }

    @Test
    void offsetsAndLeadingDimensionsAreHonoured() {
        Random rnd = new Random(5);
        float[] big = random(20 * 20, rnd);
        // A = rows 2..5, cols 3..9 of a 20x20 matrix; B = rows 0..6, cols 0..4 of the same
        int m = 4;
        int k = 7;
        int n = 5;
        float[] a = new float[m * k];
        float[] b = new float[k * n];
        for (int i = 0; i < m; i++) {
            for (int p = 0; p < k; p++) {
                a[i * k + p] = big[(2 + i) * 20 + 3 + p];
            }
        }
        for (int p = 0; p < k; p++) {
            for (int j = 0; j < n; j++) {
                b[p * n + j] = big[p * 20 + j];
            }
        }
        float[] c = new float[3 * 10];
        Gemm.multiply(m, n, k, big, 2 * 20 + 3, 20, big, 0, 20, c, 1, 6);
        double[] want = naive(m, n, k, a, b);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                assertClose(c[1 + i * 6 + j], want[i * n + j], 1e-5, 1e-5, "C[" + i + "," + j + "]");
            }
        }
    }

    @Test
    void rejectsAliasingAndShortBuffers() {
        float[] a = new float[4];
        assertThrows(
                IllegalArgumentException.class, () -> Gemm.multiply(2, 2, 2, a, 0, 2, new float[4], 0, 2, a, 0, 2));
        assertThrows(
                IllegalArgumentException.class,
                () -> Gemm.multiply(2, 2, 2, new float[3], 0, 2, new float[4], 0, 2, new float[4], 0, 2));
        assertThrows(IllegalArgumentException.class, () -> Gemm.transpose(a, 0, 2, 2, a));
    }

    private static float[] random(int size, Random rnd) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) rnd.nextGaussian();
        }
        return x;
    }

    private static double[] naive(int m, int n, int k, float[] a, float[] b) {
        double[] c = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += (double) a[i * k + p] * b[p * n + j];
                }
                c[i * n + j] = s;
            }
        }
        return c;
    }
}
