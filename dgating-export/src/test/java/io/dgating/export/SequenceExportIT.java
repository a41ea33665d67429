package io.dgating.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgating.api.ParamRef;
import io.dgating.api.ParameterSet;
import io.dgating.api.Shape;
import io.dgating.api.Tensor;
import io.dgating.api.data.Dataset;
import io.dgating.api.data.DatasetSplits;
import io.dgating.api.data.Standardization;
import io.dgating.api.data.Task;
import io.dgating.api.engine.EngineConfig;
import io.dgating.api.gating.GateGroups;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.gating.GroupKind;
import io.dgating.api.gating.GroupSlice;
import io.dgating.api.gating.ParameterInitializer;
import io.dgating.api.model.Activation;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.train.TrainingConfig;
import io.dgating.api.train.TrainingRequest;
import io.dgating.api.train.TrainingResult;
import io.dgating.engine.cpu.CpuEngine;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sequence models (token ids in) exported to ONNX and run in ONNX Runtime on token ids: the output
 * must match the engine's forward pass to 1e-5 of its scale, dense and compact. The GPT-like model
 * has two causal attention layers with gated heads; chosen heads start (gates and group) at exactly
 * zero, a fixed point of training, so the compact graph must attend with the other heads only: two
 * of four kept, one of four kept, and none of two (the block becomes its folded bias).
 */
class SequenceExportIT {

    private static final int VOCABULARY = 7;
    private static final int T = 6;

    static ModelSpec gpt() {
        return ModelSpec.builder(Shape.of(T))
                .embedding(VOCABULARY, 8)
                .positionEmbedding()
                .layerNorm()
                .attention(4, 2)
                .add("pos1", "attn1")
                .layerNorm()
                .dense(16, Activation.GELU)
                .dense(8, Activation.IDENTITY)
                .add("add1", "dense2")
                .layerNorm()
                .attention(2, 4)
                .add("add2", "attn2")
                .layerNorm()
                .dense(VOCABULARY, Activation.IDENTITY)
                .flatten()
                .dense(3, Activation.IDENTITY)
                .build();
    }

    static Stream<Arguments> models() {
        ModelSpec gpt = gpt();
        return Stream.of(
                Arguments.of(
                        "embeddings, layer norm, dense per position",
                        ModelSpec.builder(Shape.of(T))
                                .embedding(VOCABULARY, 6)
                                .positionEmbedding()
                                .layerNorm()
                                .dense(6, Activation.GELU)
                                .add("ln1", "dense1")
                                .flatten()
                                .dense(3, Activation.IDENTITY)
                                .build(),
                        GatingConfig.none(),
                        new int[0]),
                Arguments.of("GPT, ungated", gpt, GatingConfig.none(), new int[0]),
                Arguments.of(
                        "GPT, value-row heads D = 2, heads 0 and 2 of attn1 and all of attn2 removed",
                        gpt,
                        heads(gpt, 2, GroupKind.HEADS),
                        new int[] {0, 2}),
                Arguments.of(
                        "GPT, value-row heads D = 3, one head of attn1 kept",
                        gpt,
                        heads(gpt, 3, GroupKind.HEADS),
                        new int[] {0, 1, 3}),
                Arguments.of(
                        "GPT, wide heads D = 4, heads 1 and 3 of attn1 and all of attn2 removed",
                        gpt,
                        heads(gpt, 4, GroupKind.HEADS_WIDE),
                        new int[] {1, 3}));
    }

    private static GatingConfig heads(ModelSpec m, int depth, GroupKind kind) {
        return GatingConfig.builder()
                .depth(depth)
                .lambda(0.01)
                .gateHeads(m, kind)
                .build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void onnxRuntimeReproducesTheEngineOnTokenIds(String name, ModelSpec model, GatingConfig gating, int[] closed)
            throws Exception {
        int n = 40;
        Random rnd = new Random(3);
        float[] x = new float[n * T];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = rnd.nextInt(3);
            for (int t = 0; t < T; t++) {
                x[i * T + t] = t == 2 ? y[i] : rnd.nextInt(VOCABULARY);
            }
        }
        List<String> names = new ArrayList<>();
        for (int t = 0; t < T; t++) {
            names.add("t" + t);
        }
        Dataset all = new Dataset("tokens", Shape.of(T), n, x, y, Task.CLASSIFICATION, names, List.of("a", "b", "c"));
        DatasetSplits data = new DatasetSplits(
                all,
                all.select(new int[] {0, 1}, "/v"),
                all.select(new int[] {2, 3}, "/t"),
                Standardization.identity(T));
        TrainingResult r;
        float[] engineOut;
        try (CpuEngine engine = new CpuEngine(new EngineConfig(1, "cpu"))) {
            ParameterSet init = ParameterInitializer.initialize(model, gating, 1);
            if (!gating.gates().isEmpty()) {
                init = close(init, gating.groupsOf(model, "attn1"), closed);
                init = close(init, gating.groupsOf(model, "attn2"), new int[] {0, 1});
            }
            r = engine.train(TrainingRequest.of(
                            model,
                            gating,
                            TrainingConfig.builder()
                                    .epochs(3)
                                    .batchSize(8)
                                    .learningRate(0.05)
                                    .seed(1)
                                    .build(),
                            data)
                    .withInitialParameters(init));
            engineOut = engine.predict(model, r.collapsed(), x, n);
        }
        for (ExportOptions options : new ExportOptions[] {ExportOptions.dense(), ExportOptions.compact()}) {
            ExportedModel exported = new OnnxExporter().export(r, options);
            float[] ort = OrtRunner.run(exported.bytes(), x, new long[] {n, T}, OnnxExporter.OUTPUT);
            assertEquals(engineOut.length, ort.length, name);
            double scale = 0;
            double diff = 0;
            for (int i = 0; i < ort.length; i++) {
                scale = Math.max(scale, Math.abs(engineOut[i]));
                diff = Math.max(diff, Math.abs(ort[i] - engineOut[i]));
            }
            assertTrue(
                    diff <= 1e-5 * Math.max(1, scale),
                    name + " " + options.variant() + ": ONNX Runtime differs by " + diff + " at output scale " + scale);
            if (!gating.gates().isEmpty()) {
                boolean compact = options.variant() == ExportOptions.Variant.COMPACT;
                LayerReport a1 = layer(exported, "attn1");
                LayerReport a2 = layer(exported, "attn2");
                assertEquals(compact ? 4 - closed.length : 4, a1.unitsAfter(), name + ": heads of attn1 " + a1);
                assertEquals(compact ? 0 : 2, a2.unitsAfter(), name + ": heads of attn2 " + a2);
                assertTrue(!compact || a1.macsAfter() < a1.macsBefore(), name + ": fewer multiply-adds " + a1);
                assertEquals(compact ? closed.length : 0, a1.removedGroups(), name);
            }
        }
    }

    private static LayerReport layer(ExportedModel m, String name) {
        return m.report().layers().stream()
                .filter(l -> l.layer().equals(name))
                .findFirst()
                .orElseThrow();
    }

    /** Zeroes the gates and the grouped parameters of the given groups: a fixed point of training for every D. */
    private static ParameterSet close(ParameterSet init, GateGroups groups, int[] which) {
        Map<String, Tensor> out = new LinkedHashMap<>(init.asMap());
        Tensor gates = out.get(ParamRef.gatesOf(groups.layer()).name());
        float[] g = gates.data();
        int factors = gates.dim(1);
        for (int j : which) {
            Arrays.fill(g, j * factors, (j + 1) * factors, 0f);
            for (GroupSlice s : groups.groups().get(j)) {
                Tensor t = out.get(s.param().name());
                float[] v = t.data();
                for (int e : s.elements(Shape.of(t.shape()))) {
                    v[e] = 0f;
                }
                out.put(s.param().name(), new Tensor(t.shape(), v));
            }
        }
        out.put(ParamRef.gatesOf(groups.layer()).name(), new Tensor(gates.shape(), g));
        return new ParameterSet(out);
    }
}
