package io.dgating.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.dgating.api.ParamRef;
import io.dgating.api.ParameterSet;
import io.dgating.api.Shape;
import io.dgating.api.Tensor;
import io.dgating.api.data.Dataset;
import io.dgating.api.data.DatasetSplits;
import io.dgating.api.data.Standardization;
import io.dgating.api.data.Task;
import io.dgating.api.engine.EngineConfig;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.gating.GroupKind;
import io.dgating.api.gating.ParameterInitializer;
import io.dgating.api.model.Activation;
import io.dgating.api.model.Architectures;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.train.TrainingConfig;
import io.dgating.api.train.TrainingRequest;
import io.dgating.api.train.TrainingResult;
import io.dgating.engine.cpu.CpuEngine;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Convolutional models exported to ONNX and run in ONNX Runtime on the values as stored (the
 * graph standardises them itself): LeNet-5 with a D-Gated classifier head (dense, and compact
 * with a third of its head's input and neuron groups held at exactly zero, so removed),
 * a VGG configuration and a ResNet (batch norm folded into the convolutions, residual adds). ONNX
 * Runtime must reproduce the engine's inference forward pass to 1e-5 of the output scale, and
 * every {@code value_info} shape must be the shape ONNX Runtime actually produces for that value.
 */
class CnnExportIT {

    static Stream<Arguments> models() {
        Shape img = Shape.of(1, 14, 14);
        return Stream.of(
                Arguments.of(
                        "lenet5",
                        Architectures.lenet5(img, 3),
                        GatingConfig.builder()
                                .depth(3)
                                .lambda(0.05)
                                .gate("dense1", GroupKind.INPUT_FEATURES)
                                .gate("dense2", GroupKind.NEURONS)
                                .build()),
                Arguments.of(
                        "vgg:4,M,8,M", Architectures.vgg(img, List.of("4", "M", "8", "M"), 3), GatingConfig.none()),
                Arguments.of("resnet:8", Architectures.resnet(Shape.of(2, 8, 8), 8, 3), GatingConfig.none()),
                Arguments.of(
                        "layer norms over image rows and flat features",
                        ModelSpec.builder(img)
                                .conv(4, 3, 2, 1, true)
                                .layerNorm()
                                .activation(Activation.RELU)
                                .flatten()
                                .dense(8, Activation.GELU)
                                .layerNorm()
                                .dense(3, Activation.IDENTITY)
                                .build(),
                        GatingConfig.none()),
                Arguments.of(
                        "dense layers and a layer norm over a sequence [5, 6]",
                        ModelSpec.builder(Shape.of(5, 6))
                                .dense(8, Activation.GELU)
                                .layerNorm()
                                .dense(8, Activation.IDENTITY)
                                .add("ln1", "dense2")
                                .flatten()
                                .dense(3, Activation.IDENTITY)
                                .build(),
                        GatingConfig.none()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void onnxRuntimeReproducesTheEngineOnStoredValues(String name, ModelSpec model, GatingConfig gating)
            throws Exception {
        int n = 48;
        Random rnd = new Random(7);
        int size = model.inputSize();
        float[] raw = new float[n * size];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = rnd.nextInt(3);
            for (int k = 0; k < size; k++) {
                // stored like image bytes: 0-255, with a class-dependent pattern
                raw[i * size + k] = (float) Math.floor(Math.min(
                        255, Math.max(0, 100 + 40 * rnd.nextGaussian() + (k % 5 == y[i] ? 60 : 0))));
            }
        }
        List<String> names = new ArrayList<>();
        for (int k = 0; k < size; k++) {
            names.add("px" + k);
        }
        Dataset all =
                new Dataset("img", model.inputShape(), n, raw, y, Task.CLASSIFICATION, names, List.of("a", "b", "c"));
        Standardization s = Standardization.fit(all);
        Dataset std = all.standardized(s);
        DatasetSplits data = new DatasetSplits(std, std.select(new int[0], "/v"), std, s);
        TrainingResult r;
        float[] engineOut;
        try (CpuEngine engine = new CpuEngine(new EngineConfig(1, "cpu"))) {
            r = engine.train(TrainingRequest.of(
                            model,
                            gating,
                            TrainingConfig.builder()
                                    .epochs(3)
                                    .batchSize(16)
                                    .learningRate(0.05)
                                    .seed(1)
                                    .build(),
                            data)
                    .withInitialParameters(closeEveryThirdGroup(ParameterInitializer.initialize(model, gating, 1))));
            engineOut = engine.predict(model, r.collapsed(), std.features(), n);
        }
        for (ExportOptions options : new ExportOptions[] {ExportOptions.dense(), ExportOptions.compact()}) {
            ExportedModel exported = new OnnxExporter().export(r, options);
            if (!gating.gates().isEmpty() && options.variant() == ExportOptions.Variant.COMPACT) {
                // a group whose D - 1 = 2 gates are both 0 is a fixed point (every factor's gradient has the
                // other as a factor), so every third group is exactly zero and must be gone from the graph
                var head = layer(exported, "dense1");
                assertTrue(
                        head.inputsAfter() < head.inputsBefore(), name + ": compact head reads fewer inputs " + head);
                assertTrue(
                        layer(exported, "dense2").unitsAfter()
                                < layer(exported, "dense2").unitsBefore(),
                        name + ": compact head drops neurons");
            }
            long[] dims = new long[model.inputShape().rank() + 1];
            dims[0] = n;
            for (int a = 0; a < model.inputShape().rank(); a++) {
                dims[a + 1] = model.inputShape().dim(a);
            }
            float[] ort = OrtRunner.run(exported.bytes(), raw, dims, OnnxExporter.OUTPUT);
            double scale = 0;
            double diff = 0;
            for (int i = 0; i < ort.length; i++) {
                scale = Math.max(scale, Math.abs(engineOut[i]));
                diff = Math.max(diff, Math.abs(ort[i] - engineOut[i]));
            }
            assertTrue(
                    diff <= 1e-5 * Math.max(1, scale),
                    name + " " + options.variant() + ": ONNX Runtime differs by " + diff + " at output scale " + scale);
            assertValueInfoMatchesRuntime(exported.bytes(), raw, dims, name);
        }
    }

    private static LayerReport layer(ExportedModel m, String name) {
        return m.report().layers().stream()
                .filter(l -> l.layer().equals(name))
                .findFirst()
                .orElseThrow();
    }

    /** Sets both gates of every third group of every gated layer to 0. */
    private static ParameterSet closeEveryThirdGroup(ParameterSet init) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (var e : init.asMap().entrySet()) {
            Tensor t = e.getValue();
            if (e.getKey().endsWith("." + ParamRef.GATES)) {
                float[] v = t.data();
                int factors = t.dim(1);
                for (int j = 0; j < t.dim(0); j += 3) {
                    Arrays.fill(v, j * factors, (j + 1) * factors, 0f);
                }
                t = new Tensor(t.shape(), v);
            }
            out.put(e.getKey(), t);
        }
        return new ParameterSet(out);
    }

    /** Exposes every value_info entry as a graph output and compares the declared shape with the one computed. */
    private static void assertValueInfoMatchesRuntime(byte[] bytes, float[] x, long[] dims, String what)
            throws Exception {
        OnnxMl.ModelProto model = OnnxMl.ModelProto.parseFrom(bytes);
        OnnxMl.GraphProto.Builder graph = model.getGraph().toBuilder();
        Map<String, long[]> declared = new HashMap<>();
        for (OnnxMl.ValueInfoProto v : model.getGraph().getValueInfoList()) {
            List<OnnxMl.TensorShapeProto.Dimension> d =
                    v.getType().getTensorType().getShape().getDimList();
            long[] shape = new long[d.size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = d.get(i).hasDimValue() ? d.get(i).getDimValue() : dims[0];
            }
            declared.put(v.getName(), shape);
            graph.addOutput(v);
        }
        assertTrue(
                declared.size() >= model.getGraph().getNodeCount() - 3, what + ": most node outputs have value_info");
        byte[] probe = model.toBuilder().setGraph(graph).build().toByteArray();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions();
                OrtSession session = env.createSession(probe, opts)) {
            FloatBuffer buf = ByteBuffer.allocateDirect(x.length * 4)
                    .order(ByteOrder.nativeOrder())
                    .asFloatBuffer();
            buf.put(x).rewind();
            try (OnnxTensor input = OnnxTensor.createTensor(env, buf, dims);
                    OrtSession.Result result = session.run(Map.of(OnnxExporter.INPUT, input))) {
                for (var e : declared.entrySet()) {
                    OnnxTensor t = (OnnxTensor) result.get(e.getKey()).orElseThrow();
                    assertArrayEquals(e.getValue(), t.getInfo().getShape(), what + ": value_info of " + e.getKey());
                }
            }
        }
    }
}
