package io.dgating.engine.cpu.internal;

import static io.dgating.api.testing.NumericAssertions.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dgating.api.ParameterSet;
import io.dgating.api.Shape;
import io.dgating.api.Tensor;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.gating.ParameterInitializer;
import io.dgating.api.model.Activation;
import io.dgating.api.model.Conv2d;
import io.dgating.api.model.Embedding;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.model.MultiHeadAttention;
import io.dgating.api.model.Multiply;
import io.dgating.api.model.Pool2d;
import io.dgating.engine.cpu.kernel.GemmMt;
import io.dgating.engine.cpu.kernel.WorkerPool;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every graph layer kind's backward pass (conv with padding, stride 2 and dilation, batch norm in
 * training mode, max and average pooling with padding, global average pool, activations, a
 * residual add with fan-out, a squeeze-excitation product, layer norm, token and position embeddings) against central finite differences of {@link ReferenceGraph}, an
 * independent float64 implementation. Tolerance: relative 2e-3, absolute 2e-6.
 */
class LayerGradientNumericTest {

    private static final WorkerPool POOL = new WorkerPool(2);
    private static final double H = 1e-5;

    @AfterAll
    static void shutdown() {
        POOL.close();
    }

    static Stream<Arguments> models() {
        Shape img = Shape.of(2, 7, 7);
        return Stream.of(
                Arguments.of(
                        "conv pad 1 stride 2 + bias, avg pool pad 1",
                        ModelSpec.builder(img)
                                .conv(3, 3, 2, 1, true)
                                .activation(Activation.TANH)
                                .layer(new Pool2d("avg", Pool2d.Mode.AVERAGE, 2, 1, 1))
                                .flatten()
                                .dense(3, Activation.IDENTITY)
                                .build()),
                Arguments.of(
                        "dilated conv, batch norm, max pool pad 1 stride 2",
                        ModelSpec.builder(img)
                                .layer(new Conv2d("dil", 4, 2, 1, 0, 2, false))
                                .batchNorm()
                                .activation(Activation.GELU)
                                .layer(new Pool2d("max", Pool2d.Mode.MAX, 3, 2, 1))
                                .globalAvgPool()
                                .flatten()
                                .dense(3, Activation.IDENTITY)
                                .build()),
                Arguments.of(
                        "residual block with a strided 1x1 shortcut",
                        ModelSpec.builder(img)
                                .conv(3, 3, 1, 1, false)
                                .batchNorm()
                                .activation(Activation.RELU)
                                .conv(4, 3, 2, 1, false)
                                .batchNorm()
                                .activation(Activation.RELU)
                                .conv(4, 3, 1, 1, false)
                                .batchNorm()
                                .from("relu1")
                                .conv(4, 1, 2, 0, false)
                                .batchNorm()
                                .add("bn3", "bn4")
                                .activation(Activation.RELU)
                                .globalAvgPool()
                                .flatten()
                                .dense(3, Activation.IDENTITY)
                                .build()),
                Arguments.of(
                        "layer norm over image rows and over flat features",
                        ModelSpec.builder(img)
                                .conv(3, 3, 1, 1, true)
                                .layerNorm()
                                .activation(Activation.GELU)
                                .flatten()
                                .dense(6, Activation.TANH)
                                .layerNorm()
                                .dense(3, Activation.IDENTITY)
                                .build()),
                Arguments.of(
                        "dense and layer norm over every position of a sequence",
                        ModelSpec.builder(Shape.of(3, 4))
                                .dense(4, Activation.TANH)
                                .layerNorm()
                                .dense(4, Activation.GELU)
                                .add("ln1", "dense2")
                                .flatten()
                                .dense(3, Activation.IDENTITY)
                                .build()),
                Arguments.of(
                        "token and position embeddings (ids repeat, so rows collect several gradients)",
                        ModelSpec.builder(Shape.of(6))
                                .embedding(4, 3)
                                .positionEmbedding()
                                .layerNorm()
                                .dense(3, Activation.TANH)
                                .flatten()
                                .dense(3, Activation.IDENTITY)
                                .build()),
                Arguments.of(
                        "a GPT block: causal attention (3 heads of 2) and a GELU MLP, each in a residual",
                        ModelSpec.builder(Shape.of(5))
                                .embedding(6, 4)
                                .positionEmbedding()
                                .layerNorm()
                                .attention(3, 2)
                                .add("pos1", "attn1")
                                .layerNorm()
                                .dense(8, Activation.GELU)
                                .dense(4, Activation.IDENTITY)
                                .add("add1", "dense2")
                                .layerNorm()
                                .dense(6, Activation.IDENTITY)
                                .flatten()
                                .dense(3, Activation.IDENTITY)
                                .build()),
                Arguments.of(
                        "non-causal attention on real-valued sequences",
                        ModelSpec.builder(Shape.of(4, 3))
                                .layer(new MultiHeadAttention("att", 2, 3, false))
                                .flatten()
                                .dense(3, Activation.IDENTITY)
                                .build()),
                Arguments.of(
                        "squeeze-excitation: an image times its per-channel gates, and a product of equal shapes",
                        ModelSpec.builder(img)
                                .conv(3, 3, 1, 1, true)
                                .globalAvgPool()
                                .conv(3, 1, 0)
                                .activation(Activation.SIGMOID)
                                .from("conv1", "sigmoid1")
                                .layer(new Multiply("excite"))
                                .from("excite", "conv1")
                                .layer(new Multiply("square"))
                                .flatten()
                                .dense(3, Activation.IDENTITY)
                                .build()),
                Arguments.of(
                        "identity residual with fan-out to dense",
                        ModelSpec.builder(img)
                                .conv(2, 3, 1, 1, true)
                                .activation(Activation.RELU)
                                .conv(2, 3, 1, 1, true)
                                .add("relu1", "conv2")
                                .flatten()
                                .batchNorm()
                                .dense(3, Activation.IDENTITY)
                                .build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void gradientsMatchFiniteDifferencesOfFloat64Reference(String name, ModelSpec model) {
        Random rnd = new Random(name.hashCode());
        ParameterSet params = spread(ParameterInitializer.initialize(model, GatingConfig.none(), 3), rnd);
        int n = 5;
        int size = model.inputSize();
        float[] x = new float[n * size];
        double[][] xd = new double[n][size];
        float[] y = new float[n];
        int[] yi = new int[n];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < size; j++) {
                x[r * size + j] = model.layers().get(0) instanceof Embedding e
                        ? rnd.nextInt(e.vocabulary())
                        : (float) rnd.nextGaussian();
                xd[r][j] = x[r * size + j];
            }
            yi[r] = rnd.nextInt(model.outputSize());
            y[r] = yi[r];
        }
        Network net = new Network(model, GatingConfig.none(), params, new GemmMt(POOL), 1L);
        double loss = net.lossAndGradients(x, y, n);
        ReferenceGraph ref = new ReferenceGraph(model, params);
        assertEquals(ref.loss(xd, yi), loss, 1e-5 * Math.max(1, Math.abs(loss)), "loss");
        assertGradientsMatch(net, ref, () -> ref.loss(xd, yi));
    }

    /** Every parameter's gradient against central differences of the reference loss in its own parameters. */
    private static void assertGradientsMatch(Network net, ReferenceGraph ref, DoubleSupplier loss) {
        for (Param p : net.params()) {
            double[] values = ref.params().get(p.name());
            double[] fd = new double[values.length];
            for (int i = 0; i < values.length; i++) {
                double keep = values[i];
                values[i] = keep + H;
                double plus = loss.getAsDouble();
                values[i] = keep - H;
                double minus = loss.getAsDouble();
                values[i] = keep;
                fd[i] = (plus - minus) / (2 * H);
            }
            assertClose(p.grad(), fd, 2e-3, 2e-6, p.name());
        }
    }

    @Test
    void batchNormKeepsPyTorchsRunningStatistics() {
        ModelSpec model = ModelSpec.builder(Shape.of(1, 2, 2))
                .batchNorm()
                .flatten()
                .dense(2, Activation.IDENTITY)
                .build();
        ParameterSet params = ParameterInitializer.initialize(model, GatingConfig.none(), 1);
        Network net = new Network(model, GatingConfig.none(), params, new GemmMt(POOL), 1L);
        float[] x = {1, 2, 3, 4, 5, 6, 7, 10};
        net.forward(x, 2, true);
        // batch of 8 values: mean 4.75, unbiased variance 8.5; running = 0.9 * (0, 1) + 0.1 * (mean, var)
        ParameterSet after = net.snapshot();
        assertEquals(0.475, after.get("bn1.running_mean").data()[0], 1e-6);
        assertEquals(0.9 + 0.85, after.get("bn1.running_var").data()[0], 1e-6);
        assertEquals(
                List.of("bn1.weight", "bn1.bias", "dense1.weight", "dense1.bias"),
                net.params().stream().map(Param::name).toList(),
                "running statistics are not trained");
    }

    @Test
    void nextTokenLossAtEveryPositionMatchesFiniteDifferences() {
        ModelSpec model = ModelSpec.builder(Shape.of(5))
                .embedding(6, 4)
                .positionEmbedding()
                .layerNorm()
                .attention(2, 2)
                .add("pos1", "attn1")
                .layerNorm()
                .dense(6, Activation.IDENTITY)
                .build();
        Random rnd = new Random(12);
        ParameterSet params = spread(ParameterInitializer.initialize(model, GatingConfig.none(), 3), rnd);
        int n = 3;
        float[] x = new float[n * 5];
        float[] y = new float[n * 5];
        double[][] xd = new double[n][5];
        int[][] yi = new int[n][5];
        for (int r = 0; r < n; r++) {
            for (int t = 0; t < 5; t++) {
                x[r * 5 + t] = rnd.nextInt(6);
                xd[r][t] = x[r * 5 + t];
                yi[r][t] = rnd.nextInt(6);
                y[r * 5 + t] = yi[r][t];
            }
        }
        Network net = new Network(model, GatingConfig.none(), params, new GemmMt(POOL), 1L);
        double loss = net.lossAndGradients(x, y, n);
        ReferenceGraph ref = new ReferenceGraph(model, params);
        assertEquals(ref.sequenceLoss(xd, yi), loss, 1e-5, "mean over the 15 positions");
        assertGradientsMatch(net, ref, () -> ref.sequenceLoss(xd, yi));
    }

    @Test
    void aTokenIdOutsideTheVocabularyIsNamed() {
        ModelSpec model = ModelSpec.builder(Shape.of(3))
                .embedding(4, 2)
                .flatten()
                .dense(2, Activation.IDENTITY)
                .build();
        Network net = new Network(
                model,
                GatingConfig.none(),
                ParameterInitializer.initialize(model, GatingConfig.none(), 1),
                new GemmMt(POOL),
                1L);
        for (float bad : new float[] {4f, -1f, 1.5f}) {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
                    IllegalArgumentException.class, () -> net.forward(new float[] {0, 1, 2, 3, bad, 0}, 2, false));
            assertEquals(
                    "embedding 'embed1': token id " + bad + " at position 1 of example 1 is not an integer in [0, 4)",
                    e.getMessage());
        }
    }

    /** Batch- and layer-norm scales start at 1 and shifts at 0; spread them so their gradients are generic. */
    private static ParameterSet spread(ParameterSet p, Random rnd) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (var e : p.asMap().entrySet()) {
            Tensor t = e.getValue();
            if (e.getKey().startsWith("bn") || e.getKey().startsWith("ln")) {
                float[] v = t.data();
                for (int i = 0; i < v.length; i++) {
                    v[i] += (float) (0.3 * rnd.nextGaussian());
                }
                t = new Tensor(t.shape(), v);
            }
            out.put(e.getKey(), t);
        }
        return new ParameterSet(out);
    }
}
