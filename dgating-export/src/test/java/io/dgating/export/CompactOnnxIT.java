package io.dgating.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl;
import io.dgating.api.data.BundledDataset;
import io.dgating.api.data.DatasetSplits;
import io.dgating.api.engine.EngineConfig;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.gating.GroupKind;
import io.dgating.api.model.Activation;
import io.dgating.api.model.Head;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.train.TrainingConfig;
import io.dgating.api.train.TrainingRequest;
import io.dgating.api.train.TrainingResult;
import io.dgating.engine.cpu.CpuEngine;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compact and dense exports run in the real ONNX Runtime and compute what the CPU engine's
 * forward pass of the collapsed dense model computes: max |difference| <= 1e-5 times the
 * output scale (max |reference output|) on 1,000 rows.
 */
class CompactOnnxIT {

    private static final int ROWS = 1000;
    private static final ModelSpec MLP = ModelSpec.builder(12)
            .dense(16, Activation.RELU)
            .dense(8, Activation.GELU)
            .dropout(0.1)
            .dense(3, Activation.IDENTITY)
            .head(Head.SOFTMAX_CROSS_ENTROPY)
            .build();
    private final OnnxExporter exporter = new OnnxExporter();

    static Stream<Arguments> gatings() {
        return Stream.of(2, 3, 4)
                .flatMap(
                        d -> Stream.of(Arguments.of(d, "inputs"), Arguments.of(d, "neurons"), Arguments.of(d, "both")));
    }

    private static TrainingResult model(int depth, String kind) {
        GatingConfig.Builder g = GatingConfig.builder().depth(depth).lambda(0.01);
        Map<String, Set<Integer>> zero = new HashMap<>();
        switch (kind) {
            case "inputs" -> {
                g.gate("dense1", GroupKind.INPUT_FEATURES);
                zero.put("dense1", Set.of(1, 4, 5, 9));
            }
            case "neurons" -> {
                g.gate("dense1", GroupKind.NEURONS).gate("dense2", GroupKind.NEURONS);
                zero.put("dense1", Set.of(0, 3, 7, 8, 15));
                zero.put("dense2", Set.of(2, 5));
            }
            default -> {
                g.gate("dense1", GroupKind.INPUT_FEATURES).gate("dense2", GroupKind.NEURONS);
                zero.put("dense1", Set.of(0, 2, 11));
                zero.put("dense2", Set.of(1, 6));
            }
        }
        return Models.withZeroGroups(MLP, g.build(), zero, true, 31L * depth + kind.length());
    }

    static void assertMatches(TrainingResult r, ExportedModel exported) throws Exception {
        float[] raw = Models.rawRows(r, ROWS, 99);
        float[] reference = Models.reference(r, raw, ROWS);
        int all = r.model().inputSize();
        boolean keptOnly = exported.options().input() == ExportOptions.InputMode.KEPT_FEATURES;
        int[] kept = exported.report().keptFeatureIndices();
        float[] x = keptOnly ? Models.columns(raw, ROWS, all, kept) : raw;
        float[] actual = OrtRunner.run(exported.bytes(), x, ROWS, keptOnly ? kept.length : all, OnnxExporter.OUTPUT);
        assertEquals(reference.length, actual.length);
        double scale = 0;
        double worst = 0;
        for (int i = 0; i < reference.length; i++) {
            scale = Math.max(scale, Math.abs(reference[i]));
            worst = Math.max(worst, Math.abs(reference[i] - actual[i]));
        }
        assertTrue(worst <= 1e-5 * Math.max(scale, 1e-30), "max |ORT - Java| = " + worst + " at output scale " + scale);
    }

    @ParameterizedTest(name = "D={0} {1}")
    @MethodSource("gatings")
    void compactAndDenseMatchTheJavaForwardPass(int depth, String kind) throws Exception {
        TrainingResult r = model(depth, kind);
        for (ExportOptions o : List.of(
                ExportOptions.compact(),
                new ExportOptions(ExportOptions.Variant.COMPACT, ExportOptions.InputMode.ALL_FEATURES),
                ExportOptions.dense())) {
            assertMatches(r, exporter.export(r, o));
        }
    }

    @Test
    void removedNeuronsWithPositiveBiasAreFoldedNotDropped() throws Exception {
        // sanity check of the test itself: without folding relu(b) > 0 the outputs would differ
        TrainingResult r = model(3, "neurons");
        ExportedModel compact = exporter.export(r, ExportOptions.compact());
        LayerReportAssert.units(compact, "dense1", 16, 11);
        LayerReportAssert.units(compact, "dense2", 8, 6);
        assertMatches(r, compact);
    }

    @Test
    void compactFileIsSmallerByTheRemovedShareAndWeightShapesAreTheKeptCounts() throws Exception {
        TrainingResult r = model(3, "both");
        ExportedModel compact = exporter.export(r, ExportOptions.compact());
        ExportedModel dense = exporter.export(r, ExportOptions.dense());
        Map<String, long[]> shapes = new HashMap<>();
        long floats = 0;
        for (OnnxMl.TensorProto t :
                OnnxMl.ModelProto.parseFrom(compact.bytes()).getGraph().getInitializerList()) {
            shapes.put(
                    t.getName(),
                    t.getDimsList().stream().mapToLong(Long::longValue).toArray());
            if (t.getName().endsWith(".weight") || t.getName().endsWith(".bias")) {
                floats += t.getRawData().size() / 4;
            }
        }
        // 12 features, 3 removed; dense2 keeps 6 of 8 units
        assertArrayEquals(new long[] {16, 9}, shapes.get("dense1.weight"));
        assertArrayEquals(new long[] {6, 16}, shapes.get("dense2.weight"));
        assertArrayEquals(new long[] {3, 6}, shapes.get("dense3.weight"));
        assertEquals(compact.report().exportedParameters(), floats);
        long removed = compact.report().denseParameters() - compact.report().exportedParameters();
        assertEquals(16 * 3 + 2 * 16 + 2 + 3 * 2, removed);
        long metadataSlack = 512;
        assertTrue(
                dense.size() - compact.size() >= 4 * removed - metadataSlack,
                "dense " + dense.size() + " B, compact " + compact.size() + " B, removed " + removed + " parameters");
    }

    @Test
    void nothingRemovedGivesTheDenseFunctionAndSize() throws Exception {
        GatingConfig g = GatingConfig.builder()
                .depth(3)
                .gate("dense1", GroupKind.NEURONS)
                .build();
        TrainingResult r = Models.withZeroGroups(MLP, g, Map.of("dense1", Set.of()), false, 5);
        ExportedModel compact = exporter.export(r, ExportOptions.compact());
        ExportedModel dense = exporter.export(r, ExportOptions.dense());
        assertEquals(dense.report().exportedParameters(), compact.report().exportedParameters());
        float[] raw = Models.rawRows(r, ROWS, 3);
        assertArrayEquals(
                OrtRunner.run(dense.bytes(), raw, ROWS, 12, OnnxExporter.OUTPUT),
                OrtRunner.run(compact.bytes(), raw, ROWS, 12, OnnxExporter.OUTPUT));
        assertMatches(r, compact);
    }

    @Test
    void aHiddenLayerWithEveryUnitRemovedIsFoldedToConstants() throws Exception {
        GatingConfig g = GatingConfig.builder()
                .depth(3)
                .gate("dense2", GroupKind.NEURONS)
                .build();
        TrainingResult r = Models.withZeroGroups(MLP, g, Map.of("dense2", Set.of(0, 1, 2, 3, 4, 5, 6, 7)), true, 8);
        ExportedModel compact = exporter.export(r, ExportOptions.compact());
        assertTrue(compact.report().constantOutput());
        assertEquals(0, compact.report().keptFeatureIndices().length);
        assertTrue(
                compact.report().notes().get(0).contains("layer dense2: all 8 units removed"),
                compact.report().notes().toString());
        assertMatches(r, compact);
        assertMatches(
                r,
                exporter.export(
                        r, new ExportOptions(ExportOptions.Variant.COMPACT, ExportOptions.InputMode.ALL_FEATURES)));
    }

    @Test
    void everyInputFeatureRemovedGivesAConstantModel() throws Exception {
        GatingConfig g = GatingConfig.builder()
                .depth(2)
                .gate("dense1", GroupKind.INPUT_FEATURES)
                .build();
        TrainingResult r = Models.withZeroGroups(
                MLP,
                g,
                Map.of("dense1", Set.copyOf(IntStream.range(0, 12).boxed().toList())),
                false,
                9);
        ExportedModel compact = exporter.export(
                r, new ExportOptions(ExportOptions.Variant.COMPACT, ExportOptions.InputMode.ALL_FEATURES));
        assertTrue(compact.report().constantOutput());
        assertMatches(r, compact);
    }

    @Test
    void aSingleKeptFeature() throws Exception {
        GatingConfig g = GatingConfig.builder()
                .depth(4)
                .gate("dense1", GroupKind.INPUT_FEATURES)
                .build();
        TrainingResult r = Models.withZeroGroups(
                MLP,
                g,
                Map.of(
                        "dense1",
                        Set.copyOf(IntStream.range(0, 12)
                                .filter(j -> j != 7)
                                .boxed()
                                .toList())),
                false,
                10);
        ExportedModel compact = exporter.export(r, ExportOptions.compact());
        assertArrayEquals(new int[] {7}, compact.report().keptFeatureIndices());
        assertEquals(List.of("f7"), compact.report().keptFeatureNames());
        assertMatches(r, compact);
    }

    @Test
    void aRealTrainingRunExportsToTheSameFunction() throws Exception {
        DatasetSplits data =
                DatasetSplits.random(BundledDataset.WINE.load(), 0.2, 0.2, 1).standardized();
        ModelSpec model = ModelSpec.mlp(13, List.of(24, 12), 3, Activation.RELU, Head.SOFTMAX_CROSS_ENTROPY);
        GatingConfig gating = GatingConfig.builder()
                .depth(3)
                .lambda(0.1)
                .gate("dense1", GroupKind.INPUT_FEATURES)
                .gate("dense2", GroupKind.NEURONS)
                .build();
        TrainingResult r;
        try (CpuEngine engine = new CpuEngine(new EngineConfig(1, "cpu"))) {
            r = engine.train(TrainingRequest.of(
                    model,
                    gating,
                    TrainingConfig.builder()
                            .epochs(80)
                            .batchSize(16)
                            .learningRate(0.05)
                            .build(),
                    data));
        }
        ExportedModel compact = exporter.export(r, ExportOptions.compact());
        assertTrue(compact.report().keptFeatureIndices().length < 13, "lambda should remove some wine features");
        assertMatches(r, compact);
        assertMatches(r, exporter.export(r, ExportOptions.dense()));
    }

    @Test
    void metadataCarriesTheGatingAndFeatures() throws Exception {
        TrainingResult r = model(3, "inputs");
        Map<String, String> meta =
                OrtRunner.metadata(exporter.export(r, ExportOptions.compact()).bytes());
        assertEquals("3", meta.get("dgating.depth"));
        assertEquals("0.01", meta.get("dgating.lambda"));
        assertEquals("[0,2,3,6,7,8,10,11]", meta.get("dgating.kept_feature_indices"));
        assertEquals("[\"class0\",\"class1\",\"class2\"]", meta.get("dgating.class_names"));
        assertTrue(
                meta.get("dgating.layers")
                        .contains("\"layer\":\"dense1\",\"groups_kind\":\"input_features\","
                                + "\"groups\":12,\"groups_removed\":4"),
                meta.get("dgating.layers"));
        OnnxMl.ModelProto proto = OnnxMl.ModelProto.parseFrom(
                exporter.export(r, ExportOptions.compact()).bytes());
        assertEquals("dgating", proto.getProducerName());
        assertEquals(17, proto.getOpsetImport(0).getVersion());
        assertEquals(8, proto.getIrVersion());
    }
}
