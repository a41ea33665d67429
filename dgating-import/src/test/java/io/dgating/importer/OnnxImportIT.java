package io.dgating.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.dgating.api.Shape;
import io.dgating.api.data.Dataset;
import io.dgating.api.data.DatasetSplits;
import io.dgating.api.data.Standardization;
import io.dgating.api.data.Task;
import io.dgating.api.engine.EngineConfig;
import io.dgating.api.gating.GateCollapse;
import io.dgating.api.gating.GateFactorization;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.gating.GroupKind;
import io.dgating.api.model.Activation;
import io.dgating.api.model.Add;
import io.dgating.api.model.BatchNorm;
import io.dgating.api.model.Conv2d;
import io.dgating.api.model.Dense;
import io.dgating.api.model.LayerSpec;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.model.Pool2d;
import io.dgating.api.train.TrainingConfig;
import io.dgating.api.train.TrainingRequest;
import io.dgating.api.train.TrainingResult;
import io.dgating.engine.cpu.CpuEngine;
import io.dgating.export.ExportOptions;
import io.dgating.export.OnnxExporter;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Files written by PyTorch's own exporter ({@code scripts/make-onnx-fixtures.py}) and by dgating
 * itself, imported and run by the CPU engine before any training: the engine must reproduce ONNX
 * Runtime on the original file to 1e-5 of the output scale.
 */
class OnnxImportIT {

    static final Path FIXTURES = Path.of("..", "examples", "onnx");

    static Stream<Arguments> fixtures() {
        return Stream.of(
                Arguments.of("mlp-mnist.onnx", OutputTransform.NONE, (Predicate<ModelSpec>)
                        m -> count(m, Dense.class) == 3 && ((Dense) m.layers().get(0)).activation() == Activation.RELU),
                Arguments.of("lenet5-mnist.onnx", OutputTransform.LOG_SOFTMAX, (Predicate<ModelSpec>)
                        m -> count(m, Conv2d.class) == 2 && count(m, Pool2d.class) == 2),
                Arguments.of("vgg-bn-fashion.onnx", OutputTransform.NONE, (Predicate<ModelSpec>)
                        m -> count(m, Conv2d.class) == 5 && count(m, BatchNorm.class) == 5),
                Arguments.of("vgg-fused-fashion-opset13.onnx", OutputTransform.NONE, (Predicate<ModelSpec>)
                        m -> count(m, Conv2d.class) == 5 && count(m, BatchNorm.class) == 0),
                Arguments.of("resnet18-narrow-random.onnx", OutputTransform.NONE, (Predicate<ModelSpec>)
                        m -> count(m, Conv2d.class) == 20 && count(m, Add.class) == 8),
                Arguments.of("activations-random.onnx", OutputTransform.SOFTMAX, (Predicate<ModelSpec>)
                        m -> m.layers().stream()
                                .map(l -> ((Dense) l).activation())
                                .toList()
                                .equals(List.of(
                                        Activation.GELU, Activation.TANH, Activation.SIGMOID, Activation.IDENTITY))),
                Arguments.of("gelu-tanh-random.onnx", OutputTransform.NONE, (Predicate<ModelSpec>) m ->
                        m.layers().size() == 2 && ((Dense) m.layers().get(0)).activation() == Activation.GELU_TANH));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void theImportedModelComputesWhatOnnxRuntimeComputesOnTheOriginal(
            String file, OutputTransform transform, Predicate<ModelSpec> structure) throws Exception {
        OnnxModel imported = OnnxModel.read(FIXTURES.resolve(file));
        assertEquals(transform, imported.output(), file);
        assertTrue(
                structure.test(imported.model()),
                file + ": unexpected structure " + imported.model().layers());
        assertEquals("input", imported.input().name());
        int rows = 12;
        float[] raw =
                rawInputs(imported.model().inputShape(), rows, file.contains("random") && !file.contains("resnet"));
        float[] original = ort(imported.bytes(), imported.input(), raw, rows);
        float[] ours;
        try (CpuEngine engine = new CpuEngine(new EngineConfig(1, "cpu"))) {
            ours = imported.output()
                    .apply(
                            engine.predict(
                                    imported.model(),
                                    imported.weights(),
                                    normalized(imported.inputNormalization(), raw, rows),
                                    rows),
                            imported.model().outputSize());
        }
        assertClose(original, ours, file);
    }

    @Test
    void aBalancedGatedStartIsTheOriginalFunction() throws Exception {
        OnnxModel imported = OnnxModel.read(FIXTURES.resolve("vgg-bn-fashion.onnx"));
        GatingConfig gating = GatingConfig.builder()
                .depth(3)
                .lambda(0.01)
                .gateFilters(imported.model(), GroupKind.FILTERS)
                .build();
        int rows = 6;
        float[] raw = rawInputs(imported.model().inputShape(), rows, false);
        float[] original = ort(imported.bytes(), imported.input(), raw, rows);
        for (GateFactorization.Start start : GateFactorization.Start.values()) {
            var gated = imported.gatedStart(gating, start);
            try (CpuEngine engine = new CpuEngine(new EngineConfig(1, "cpu"))) {
                float[] ours = engine.predict(
                        imported.model(),
                        GateCollapse.collapse(imported.model(), gating, gated),
                        normalized(imported.inputNormalization(), raw, rows),
                        rows);
                assertClose(original, ours, "vgg-bn " + start);
            }
        }
    }

    @Test
    void modelsThatDgatingExportsImportBackToTheSameFunction() throws Exception {
        ModelSpec model = ModelSpec.builder(Shape.of(2, 8, 8))
                .conv(4, 3, 1)
                .batchNorm()
                .activation(Activation.RELU)
                .conv(4, 3, 1)
                .add("relu1", "conv2")
                .pool(Pool2d.Mode.MAX, 2, 2)
                .flatten()
                .dense(6, Activation.GELU_TANH)
                .dense(3, Activation.IDENTITY)
                .build();
        int n = 24;
        Random rnd = new Random(3);
        float[] x = new float[n * model.inputSize()];
        float[] y = new float[n];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (50 + 20 * rnd.nextGaussian());
        }
        for (int i = 0; i < n; i++) {
            y[i] = i % 3;
        }
        List<String> names = new ArrayList<>();
        for (int k = 0; k < model.inputSize(); k++) {
            names.add("v" + k);
        }
        Dataset all =
                new Dataset("toy", model.inputShape(), n, x, y, Task.CLASSIFICATION, names, List.of("a", "b", "c"));
        Standardization s = Standardization.fitPerChannel(all);
        Dataset std = all.standardized(s);
        TrainingResult r;
        try (CpuEngine engine = new CpuEngine(new EngineConfig(1, "cpu"))) {
            r = engine.train(TrainingRequest.of(
                    model,
                    GatingConfig.none(),
                    TrainingConfig.builder()
                            .epochs(2)
                            .batchSize(8)
                            .learningRate(0.05)
                            .seed(1)
                            .build(),
                    new DatasetSplits(std, std.select(new int[0], "/v"), std, s)));
        }
        byte[] exported = new OnnxExporter().export(r, ExportOptions.dense()).bytes();
        OnnxModel back = OnnxModel.of(exported, "exported");
        assertEquals(OnnxExporter.INPUT, back.input().name());
        assertEquals(Activation.GELU_TANH, back.model().denseLayers().get(0).activation(), "our GELU nodes fuse back");
        float[] original = ort(exported, back.input(), x, n);
        try (CpuEngine engine = new CpuEngine(new EngineConfig(1, "cpu"))) {
            float[] ours = engine.predict(back.model(), back.weights(), normalized(back.inputNormalization(), x, n), n);
            assertClose(original, ours, "round trip");
        }
    }

    static float[] normalized(Standardization s, float[] raw, int rows) {
        float[] out = raw.clone();
        for (int r = 0; r < rows; r++) {
            s.applyInPlace(out, r * s.size());
        }
        return out;
    }

    static float[] rawInputs(Shape shape, int rows, boolean gaussian) {
        Random rnd = new Random(11);
        float[] x = new float[rows * shape.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = gaussian ? (float) rnd.nextGaussian() : rnd.nextInt(256);
        }
        return x;
    }

    static float[] ort(byte[] model, OnnxModel.InputContract input, float[] x, int rows) throws Exception {
        long[] dims = input.dims();
        dims[0] = rows;
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions();
                OrtSession session = env.createSession(model, opts);
                OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), dims);
                OrtSession.Result r = session.run(Map.of(input.name(), in))) {
            FloatBuffer fb = ((OnnxTensor) r.get(0)).getFloatBuffer();
            float[] out = new float[fb.remaining()];
            fb.get(out);
            return out;
        }
    }

    static void assertClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": output size");
        double scale = 1;
        double diff = 0;
        for (int i = 0; i < expected.length; i++) {
            scale = Math.max(scale, Math.abs(expected[i]));
            diff = Math.max(diff, Math.abs(expected[i] - actual[i]));
        }
        assertTrue(diff <= 1e-5 * scale, what + ": max |difference| " + diff + " at output scale " + scale);
    }

    static int count(ModelSpec m, Class<? extends LayerSpec> kind) {
        return (int) m.layers().stream().filter(kind::isInstance).count();
    }
}
