package io.dgating.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgating.api.ParamRef;
import io.dgating.api.ParameterSet;
import io.dgating.api.Shape;
import io.dgating.api.Tensor;
import io.dgating.api.data.BundledDataset;
import io.dgating.api.data.Dataset;
import io.dgating.api.data.DatasetSplits;
import io.dgating.api.data.Standardization;
import io.dgating.api.data.Task;
import io.dgating.api.engine.Engine;
import io.dgating.api.engine.EngineConfig;
import io.dgating.api.engine.EngineRegistry;
import io.dgating.api.gating.GateFactorization;
import io.dgating.api.gating.GateGroups;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.gating.GroupKind;
import io.dgating.api.gating.ParameterInitializer;
import io.dgating.api.model.Activation;
import io.dgating.api.model.Add;
import io.dgating.api.model.BatchNorm;
import io.dgating.api.model.Conv2d;
import io.dgating.api.model.Dense;
import io.dgating.api.model.Dropout;
import io.dgating.api.model.Embedding;
import io.dgating.api.model.Flatten;
import io.dgating.api.model.GlobalAvgPool;
import io.dgating.api.model.Head;
import io.dgating.api.model.LayerKind;
import io.dgating.api.model.LayerNorm;
import io.dgating.api.model.LayerSpec;
import io.dgating.api.model.ModelBuilder;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.model.MultiHeadAttention;
import io.dgating.api.model.Multiply;
import io.dgating.api.model.Nonlinearity;
import io.dgating.api.model.Pool2d;
import io.dgating.api.model.PositionEmbedding;
import io.dgating.api.train.TrainingConfig;
import io.dgating.api.train.TrainingRequest;
import io.dgating.api.train.TrainingResult;
import io.dgating.bench.GraphStats;
import io.dgating.export.ExportOptions;
import io.dgating.export.ExportedModel;
import io.dgating.export.LayerReport;
import io.dgating.export.OnnxExporter;
import io.dgating.runtime.OrtModel;
import io.dgating.runtime.Provider;
import io.dgating.store.TrainingResultFile;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every layer kind works end to end, on both engines. For each kind a small model is built around
 * it, with a gating whose first group starts at exactly zero (every factor of it, so training keeps
 * it there: each factor's gradient is a product of the others). Each engine trains it; the compact
 * export must remove that group, ONNX Runtime must compute on the compact file what the engine
 * computes, the result must survive the result file bit for bit, and the multiply-adds the planner
 * reports and those counted in the ONNX graph must both equal a count by hand, before and after
 * removal. A kind added to {@code LayerSpec}'s permits list fails here until it has a case, and a
 * module without a registration for it fails here naming both.
 */
class LayerKindCoverageTest {

    /**
     * A model around one kind.
     *
     * @param model the model
     * @param gating its gating (D = 3); group 0 of {@code zeroed} starts at zero
     * @param zeroed the gated layer whose first group is removed
     * @param raw the rows as the exported model takes them
     * @param data the rows as the engine takes them (standardised on the training rows)
     * @param denseMacs multiply-adds per example before removal, counted by hand
     * @param compactMacs after removing group 0, counted by hand
     */
    private record Case(
            ModelSpec model,
            GatingConfig gating,
            String zeroed,
            DatasetSplits raw,
            DatasetSplits data,
            long denseMacs,
            long compactMacs) {}

    private static DatasetSplits iris;
    private static DatasetSplits digits;
    private static DatasetSplits tokens;

    @TempDir
    Path dir;

    @BeforeAll
    static void data() {
        iris = DatasetSplits.random(BundledDataset.IRIS.load(), 0.2, 0.2, 1);
        digits = DatasetSplits.random(BundledDataset.DIGITS.load(), 0.8, 0.1, 1);
        tokens = tokens();
    }

    /** One case per kind; the comments count multiply-adds per example by hand. */
    private static Map<LayerKind, Case> cases() {
        Map<LayerKind, Case> c = new EnumMap<>(LayerKind.class);
        // iris: 4 features, 3 classes; hidden 5 -> 4 neurons: 4*5 + 5*3 = 35 -> 4*4 + 4*3 = 28
        c.put(LayerKind.DENSE, flat(new Dense("extra", 5, Activation.GELU, true), "hidden", GroupKind.NEURONS, 35, 28));
        c.put(LayerKind.DROPOUT, flat(new Dropout("drop", 0.2), "hidden", GroupKind.NEURONS, 35, 28));
        // a layer norm mixes the hidden neurons, so none goes; the output layer drops one of its 5 inputs:
        // 4*5 + 5*3 = 35 -> 4*5 + 4*3 = 32
        c.put(LayerKind.LAYER_NORM, flat(LayerNorm.of("norm"), "out", GroupKind.INPUT_FEATURES, 35, 32));
        // digits: 1x8x8; conv 2 filters 3x3 pad 1 -> 1 filter: 2*9*64 = 1152 -> 576, then a dense layer to 10
        c.put(LayerKind.CONV2D, image(b -> b, 1152 + 2 * 64 * 10, 576 + 64 * 10));
        c.put(LayerKind.FLATTEN, image(b -> b, 1152 + 2 * 64 * 10, 576 + 64 * 10));
        // folded into the convolution: no products of its own
        c.put(LayerKind.BATCH_NORM, image(b -> b.layer(BatchNorm.of("bn")), 1152 + 1280, 576 + 640));
        c.put(LayerKind.ACTIVATION, image(b -> b.layer(new Nonlinearity("act", Activation.TANH)), 2432, 1216));
        // 2x2 average pool, stride 2: 4x4 positions reach the dense layer
        c.put(
                LayerKind.POOL2D,
                image(
                        b -> b.layer(new Pool2d("pool", Pool2d.Mode.AVERAGE, 2, 2, 0)),
                        1152 + 2 * 16 * 10,
                        576 + 16 * 10));
        c.put(LayerKind.GLOBAL_AVG_POOL, image(b -> b.layer(new GlobalAvgPool("gap")), 1152 + 2 * 10, 576 + 10));
        // a second convolution joined to the first by Add: their filters are coupled, so filter 0 of both goes;
        // conv2 reads 2 channels: 1152 + 2*2*9*64 + 1280 = 4736 -> 576 + 576 + 640 = 1792
        c.put(
                LayerKind.ADD,
                image(
                        b -> b.layer(new Conv2d("conv2", 2, 3, 1, 1, 1, true))
                                .from("conv1", "conv2")
                                .layer(new Add("join")),
                        4736,
                        1792));
        // squeeze-excitation: conv1's channels times sigmoid(1x1 conv of their means); the 1x1 conv is coupled to conv1
        // through the product and loses filter 0 and its input 0 with it: 1152 + 2*2 + 1280 -> 576 + 1 + 640
        c.put(
                LayerKind.MULTIPLY,
                image(
                        b -> b.layer(new GlobalAvgPool("gap"))
                                .layer(new Conv2d("se", 2, 1, 1, 0, 1, true))
                                .layer(new Nonlinearity("gate", Activation.SIGMOID))
                                .from("conv1", "gate")
                                .layer(new Multiply("excite")),
                        1152 + 4 + 1280,
                        576 + 1 + 640));
        // tokens: 6 ids from 8, embedded in 4; the dense layer drops one of its 24 inputs: 24*3 -> 23*3
        c.put(LayerKind.EMBEDDING, sequence(b -> b, 72, 69));
        c.put(LayerKind.POSITION_EMBEDDING, sequence(b -> b.layer(new PositionEmbedding("pos")), 72, 69));
        c.put(LayerKind.ATTENTION, attention());
        return c;
    }

    @Test
    void everyPermittedKindHasAKindConstantAndACase() {
        Set<Class<?>> permitted = Set.of(LayerSpec.class.getPermittedSubclasses());
        Set<Class<?>> typed =
                EnumSet.allOf(LayerKind.class).stream().map(LayerKind::type).collect(Collectors.toSet());
        assertEquals(permitted, typed, "LayerKind needs one constant per record LayerSpec permits");
        assertEquals(EnumSet.allOf(LayerKind.class), cases().keySet(), "add a case for every layer kind");
        cases().forEach((kind, c) -> assertTrue(
                c.model().layers().stream().anyMatch(l -> l.kind() == kind), kind + ": its case has no such layer"));
    }

    @Test
    void everyEngineRegistersEveryKind() {
        EngineRegistry registry = EngineRegistry.fromServiceLoader();
        for (String engineName : List.of("cpu", "djl")) {
            try (Engine engine = registry.create(engineName, new EngineConfig(1, "cpu"))) {
                Set<LayerKind> missing = EnumSet.allOf(LayerKind.class);
                missing.removeAll(engine.layerKinds());
                assertEquals(Set.of(), missing, "engine '" + engineName + "' has no layer for these kinds");
            }
        }
    }

    @Test
    void everyKindTrainsOnBothEnginesAndItsCompactExportIsExactAndCountedByHand() throws Exception {
        EngineRegistry registry = EngineRegistry.fromServiceLoader();
        for (Map.Entry<LayerKind, Case> e : cases().entrySet()) {
            Case c = e.getValue();
            ParameterSet start = withFirstGroupZero(c);
            for (String engineName : List.of("cpu", "djl")) {
                String what = e.getKey().id() + " on " + engineName;
                try (Engine engine = registry.create(engineName, new EngineConfig(1, "cpu"))) {
                    TrainingResult r = engine.train(TrainingRequest.of(
                                    c.model(),
                                    c.gating(),
                                    TrainingConfig.builder()
                                            .epochs(2)
                                            .batchSize(16)
                                            .learningRate(0.02)
                                            .seed(2)
                                            .build(),
                                    c.data())
                            .withInitialParameters(start));
                    check(what, c, engine, r);
                }
            }
        }
    }

    private void check(String what, Case c, Engine engine, TrainingResult r) throws Exception {
        OnnxExporter exporter = new OnnxExporter();
        ExportedModel compact = exporter.export(
                r,
                new ExportOptions(
                        ExportOptions.Variant.COMPACT, ExportOptions.InputMode.ALL_FEATURES, Optional.empty()));
        ExportedModel dense = exporter.export(r, ExportOptions.dense());
        LayerReport gated = compact.report().layers().stream()
                .filter(l -> l.layer().equals(c.zeroed()))
                .findFirst()
                .orElseThrow(() -> new AssertionError(what + ": no report for " + c.zeroed()));
        assertTrue(gated.removedGroups() >= 1, what + ": the zero group is removed: " + gated);

        // ONNX Runtime on the compact file computes what the engine computes on the test rows
        Dataset test = c.data().test();
        float[] expected = engine.predict(c.model(), r.collapsed(), test.features(), test.rows());
        try (OrtModel ort = OrtModel.load(compact.bytes(), Provider.CPU, 1, m -> {})) {
            Dataset raw = c.raw().test();
            assertEquals(raw.cols(), ort.inputWidth(), what + ": the compact model takes every column");
            float[] actual = ort.run(raw.features(), raw.rows());
            assertEquals(expected.length, actual.length, what);
            double scale = 1;
            double worst = 0;
            for (int i = 0; i < expected.length; i++) {
                scale = Math.max(scale, Math.abs(expected[i]));
                worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
            }
            assertTrue(worst <= 1e-4 * scale, what + ": ONNX Runtime differs from the engine by " + worst);
        }

        // multiply-adds: the planner's and the graph's, both against the hand count
        assertEquals(c.denseMacs(), compact.report().multiplyAddsBefore(), what + ": planner, before removal");
        assertEquals(c.compactMacs(), compact.report().multiplyAddsAfter(), what + ": planner, after removal");
        GraphStats compactGraph = GraphStats.of(compact.bytes());
        GraphStats denseGraph = GraphStats.of(dense.bytes());
        assertEquals(Set.of(), compactGraph.uncounted(), what + ": operators whose cost is unknown");
        assertEquals(Set.of(), denseGraph.uncounted(), what + ": operators whose cost is unknown");
        assertEquals(c.compactMacs(), compactGraph.macsPerRow(), what + ": the compact ONNX graph");
        assertEquals(c.denseMacs(), denseGraph.macsPerRow(), what + ": the dense ONNX graph");

        // the result file keeps the model and every parameter, so it exports the same bytes
        Path file = dir.resolve(what.replace(' ', '-') + ".dgr");
        TrainingResultFile.write(r, file, false);
        TrainingResult back = TrainingResultFile.read(file);
        assertEquals(c.model(), back.model(), what + ": model after the result file");
        for (String name : r.parameters().names()) {
            assertArrayEquals(
                    r.parameters().get(name).data(), back.parameters().get(name).data(), what + ": " + name);
        }
        assertArrayEquals(
                compact.bytes(),
                exporter.export(back, compact.options()).bytes(),
                what + ": the read-back result exports the same compact file");
    }

    /** Seeded plain weights with group 0 of the zeroed layer set to zero, factorised into the gating. */
    private static ParameterSet withFirstGroupZero(Case c) {
        ParameterSet plain = ParameterInitializer.initialize(c.model(), GatingConfig.none(), 5);
        GateGroups groups = c.gating().groupsOf(c.model(), c.zeroed());
        Map<String, Tensor> zeroed = new LinkedHashMap<>(plain.asMap());
        for (ParamRef p : groups.params()) {
            Tensor t = plain.get(p);
            int[] groupOf = groups.groupOfElement(p, Shape.of(t.shape()));
            float[] v = t.data();
            for (int i = 0; i < v.length; i++) {
                if (groupOf[i] == 0) {
                    v[i] = 0;
                }
            }
            zeroed.put(p.name(), new Tensor(t.shape(), v));
        }
        return GateFactorization.factorize(
                c.model(), c.gating(), new ParameterSet(zeroed), GateFactorization.Start.BALANCED);
    }

    /** Iris through a hidden dense layer of 5, the kind, and a dense output layer. */
    private static Case flat(LayerSpec kind, String zeroed, GroupKind groups, long denseMacs, long compactMacs) {
        ModelBuilder b = ModelSpec.builder(4).layer(new Dense("hidden", 5, Activation.RELU, true));
        if (kind instanceof Dense d) {
            // the kind is the hidden layer itself
            b = ModelSpec.builder(4).layer(new Dense("hidden", d.units(), d.activation(), d.bias()));
        } else {
            b.layer(kind);
        }
        ModelSpec model = b.layer(new Dense("out", 3, Activation.IDENTITY, true))
                .head(Head.SOFTMAX_CROSS_ENTROPY)
                .build();
        GatingConfig gating = GatingConfig.builder()
                .depth(3)
                .lambda(1e-3)
                .gate(zeroed, groups)
                .build();
        return new Case(model, gating, zeroed, iris, iris.standardized(), denseMacs, compactMacs);
    }

    /** Digits through a 2-filter convolution, the kind, a flatten and a dense output layer; filters gated. */
    private static Case image(UnaryOperator<ModelBuilder> kind, long denseMacs, long compactMacs) {
        ModelBuilder b = ModelSpec.builder(Shape.of(1, 8, 8)).layer(new Conv2d("conv1", 2, 3, 1, 1, 1, true));
        ModelSpec model = kind.apply(b)
                .layer(new Flatten("flat"))
                .layer(new Dense("out", 10, Activation.IDENTITY, true))
                .head(Head.SOFTMAX_CROSS_ENTROPY)
                .build();
        GatingConfig gating = GatingConfig.builder()
                .depth(3)
                .lambda(1e-3)
                .gateFilters(model, GroupKind.FILTERS)
                .build();
        return new Case(model, gating, "conv1", digits, digits.standardized(), denseMacs, compactMacs);
    }

    /** Token windows through an embedding, the kind, a flatten and a dense output layer gated by its inputs. */
    private static Case sequence(UnaryOperator<ModelBuilder> kind, long denseMacs, long compactMacs) {
        ModelBuilder b = ModelSpec.builder(Shape.of(6)).layer(new Embedding("embed", 8, 4));
        ModelSpec model = kind.apply(b)
                .layer(new Flatten("flat"))
                .layer(new Dense("out", 3, Activation.IDENTITY, true))
                .head(Head.SOFTMAX_CROSS_ENTROPY)
                .build();
        GatingConfig gating = GatingConfig.builder()
                .depth(3)
                .lambda(1e-3)
                .gate("out", GroupKind.INPUT_FEATURES)
                .build();
        return new Case(model, gating, "out", tokens, tokens, denseMacs, compactMacs);
    }

    /**
     * Tokens through causal attention with 2 heads of width 3 over 6 positions of width 4, heads gated.
     * Per head and example: query, key and value projections 3 * 6*4*3 = 216, scores 6*6*3 = 108 (every
     * position against every position: the mask is added after the product), mixing 6*6*3 = 108, and the
     * output projection 6*3*4 = 72: 504; the dense output layer reads 24 values: 72. Two heads: 1080, one: 576.
     */
    private static Case attention() {
        ModelSpec model = ModelSpec.builder(Shape.of(6))
                .layer(new Embedding("embed", 8, 4))
                .layer(new MultiHeadAttention("attn", 2, 3, true))
                .layer(new Flatten("flat"))
                .layer(new Dense("out", 3, Activation.IDENTITY, true))
                .head(Head.SOFTMAX_CROSS_ENTROPY)
                .build();
        GatingConfig gating = GatingConfig.builder()
                .depth(3)
                .lambda(1e-3)
                .gateHeads(model, GroupKind.HEADS)
                .build();
        return new Case(model, gating, "attn", tokens, tokens, 2 * 504 + 72, 504 + 72);
    }

    /** Windows of 6 token ids from 8; the class is the first id modulo 3. */
    private static DatasetSplits tokens() {
        Random rnd = new Random(4);
        int n = 64;
        float[] x = new float[n * 6];
        float[] y = new float[n];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextInt(8);
        }
        for (int r = 0; r < n; r++) {
            y[r] = x[r * 6] % 3;
        }
        List<String> names = IntStream.range(0, 6).mapToObj(i -> "t" + i).toList();
        Dataset d = new Dataset("tokens", Shape.of(6), n, x, y, Task.CLASSIFICATION, names, List.of("a", "b", "c"));
        return new DatasetSplits(
                d.select(IntStream.range(0, 40).toArray(), "/train"),
                d.select(IntStream.range(40, 48).toArray(), "/validation"),
                d.select(IntStream.range(48, 64).toArray(), "/test"),
                Standardization.identity(6));
    }
}
