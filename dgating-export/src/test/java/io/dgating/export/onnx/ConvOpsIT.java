package io.dgating.export.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The convolutional operators of the ONNX builder, with list and string attributes, checked in
 * ONNX Runtime against a plain float64 implementation written here: a padded, strided conv with
 * bias, inference-mode batch normalization, ReLU, max pooling, global average pooling, flatten.
 */
class ConvOpsIT {

    private static final int N = 3;
    private static final int C = 2;
    private static final int H = 7;
    private static final int M = 4;
    private static final int K = 3;

    @Test
    void aSmallCnnRunsInOnnxRuntimeAsTheReferenceComputesIt() throws Exception {
        Random rnd = new Random(5);
        float[] x = gaussian(rnd, N * C * H * H);
        float[] w = gaussian(rnd, M * C * K * K);
        float[] b = gaussian(rnd, M);
        float[] scale = gaussian(rnd, M);
        float[] shift = gaussian(rnd, M);
        float[] mean = gaussian(rnd, M);
        float[] var = new float[M];
        for (int m = 0; m < M; m++) {
            var[m] = 0.5f + rnd.nextFloat();
        }
        OnnxGraph g = new OnnxGraph("cnn");
        ValueRef in = g.input("x", OnnxGraph.BATCH, C, H, H);
        ValueRef y = in.apply(
                        Op.CONV,
                        Map.of(
                                "kernel_shape",
                                new long[] {K, K},
                                "pads",
                                new long[] {1, 1, 1, 1},
                                "strides",
                                new long[] {2, 2}),
                        g.initializer("w", w, M, C, K, K),
                        g.initializer("b", b, M))
                .apply(
                        Op.BATCH_NORMALIZATION,
                        Map.of("epsilon", 1e-5f),
                        g.initializer("scale", scale, M),
                        g.initializer("shift", shift, M),
                        g.initializer("mean", mean, M),
                        g.initializer("var", var, M))
                .apply(Op.RELU)
                .apply(
                        Op.MAX_POOL,
                        Map.of("kernel_shape", new long[] {2, 2}, "strides", new long[] {1, 1}, "auto_pad", "NOTSET"))
                .apply(Op.GLOBAL_AVERAGE_POOL)
                .apply(Op.FLATTEN, Map.of("axis", 1L));
        g.output(y, "out", OnnxGraph.BATCH, M);
        OnnxMl.GraphProto graph = g.build();
        OnnxMl.NodeProto conv = graph.getNode(0);
        assertEquals(
                OnnxMl.AttributeProto.AttributeType.INTS,
                conv.getAttributeList().stream()
                        .filter(a -> a.getName().equals("pads"))
                        .findFirst()
                        .orElseThrow()
                        .getType());
        byte[] model = OnnxModelWriter.write(graph, "test", Map.of());

        double[] expected = reference(x, w, b, scale, shift, mean, var);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions();
                OrtSession s = env.createSession(model, o);
                OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[] {N, C, H, H});
                OrtSession.Result r = s.run(Map.of("x", t))) {
            float[][] out = (float[][]) r.get("out").orElseThrow().getValue();
            double worst = 0;
            for (int n = 0; n < N; n++) {
                for (int m = 0; m < M; m++) {
                    worst = Math.max(worst, Math.abs(out[n][m] - expected[n * M + m]));
                }
            }
            assertTrue(worst < 1e-5, "max |ORT - reference| " + worst);
        }
    }

    @Test
    void listAttributesAreCheckedByKind() {
        OnnxGraph g = new OnnxGraph("bad");
        ValueRef in = g.input("x", OnnxGraph.BATCH, 1, 4, 4);
        assertEquals(
                "MaxPool attribute 'kernel_shape' must be INTS, got Long",
                assertThrows(IllegalArgumentException.class, () -> in.apply(Op.MAX_POOL, Map.of("kernel_shape", 2L)))
                        .getMessage());
        assertEquals(
                "MaxPool needs attribute 'kernel_shape'",
                assertThrows(IllegalArgumentException.class, () -> in.apply(Op.MAX_POOL))
                        .getMessage());
    }

    private static double[] reference(
            float[] x, float[] w, float[] b, float[] scale, float[] shift, float[] mean, float[] var) {
        int ho = (H + 2 - K) / 2 + 1; // pad 1 each side, stride 2
        double[] conv = new double[N * M * ho * ho];
        for (int n = 0; n < N; n++) {
            for (int m = 0; m < M; m++) {
                for (int i = 0; i < ho; i++) {
                    for (int j = 0; j < ho; j++) {
                        double s = b[m];
                        for (int c = 0; c < C; c++) {
                            for (int ki = 0; ki < K; ki++) {
                                for (int kj = 0; kj < K; kj++) {
                                    int r = i * 2 - 1 + ki;
                                    int q = j * 2 - 1 + kj;
                                    if (r >= 0 && r < H && q >= 0 && q < H) {
                                        s += (double) x[((n * C + c) * H + r) * H + q]
                                                * w[((m * C + c) * K + ki) * K + kj];
                                    }
                                }
                            }
                        }
                        double bn = (s - mean[m]) / Math.sqrt(var[m] + 1e-5) * scale[m] + shift[m];
                        conv[((n * M + m) * ho + i) * ho + j] = Math.max(0, bn);
                    }
                }
            }
        }
        int hp = ho - 1; // 2x2 max pool, stride 1
        double[] out = new double[N * M];
        for (int n = 0; n < N; n++) {
            for (int m = 0; m < M; m++) {
                double sum = 0;
                for (int i = 0; i < hp; i++) {
                    for (int j = 0; j < hp; j++) {
                        double mx = Double.NEGATIVE_INFINITY;
                        for (int di = 0; di < 2; di++) {
                            for (int dj = 0; dj < 2; dj++) {
                                mx = Math.max(mx, conv[((n * M + m) * ho + i + di) * ho + j + dj]);
                            }
                        }
                        sum += mx;
                    }
                }
                out[n * M + m] = sum / (hp * hp);
            }
        }
        return out;
    }

    private static float[] gaussian(Random rnd, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) rnd.nextGaussian();
        }
        return v;
    }
}
