package io.dgating.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgating.api.Shape;
import io.dgating.api.data.BundledDataset;
import io.dgating.api.data.DatasetSplits;
import io.dgating.api.engine.Engine;
import io.dgating.api.engine.EngineConfig;
import io.dgating.api.engine.EngineRegistry;
import io.dgating.api.gating.GatingConfig;
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
import io.dgating.api.model.Nonlinearity;
import io.dgating.api.model.Pool2d;
import io.dgating.api.model.PositionEmbedding;
import io.dgating.api.train.TrainingConfig;
import io.dgating.api.train.TrainingRequest;
import io.dgating.api.train.TrainingResult;
import io.dgating.export.ExportOptions;
import io.dgating.export.OnnxExporter;
import io.dgating.store.TrainingResultFile;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every layer kind the API permits is known everywhere it must be: both engines train it, the
 * pruning planner and the ONNX writer export it, and the result file stores and reads it back. A
 * new kind added to {@code LayerSpec}'s permits list fails here until it has an example below,
 * and then until every module handles it.
 */
class LayerKindCoverageTest {

    /**
     * One example of every kind: flat kinds before a dense output layer of a 4-input model (iris),
     * image kinds in a small network on the 8x8 digits, each placed after a convolution.
     */
    private static final Map<Class<?>, LayerSpec> EXAMPLES = new LinkedHashMap<>();

    static {
        EXAMPLES.put(Dense.class, new Dense("hidden", 5, Activation.GELU, true));
        EXAMPLES.put(Dropout.class, new Dropout("drop", 0.2));
        EXAMPLES.put(Flatten.class, new Flatten("flat"));
        EXAMPLES.put(Conv2d.class, new Conv2d("conv", 3, 3, 2, 1, 1, true));
        EXAMPLES.put(BatchNorm.class, BatchNorm.of("bn"));
        EXAMPLES.put(LayerNorm.class, LayerNorm.of("ln"));
        EXAMPLES.put(Embedding.class, new Embedding("embed", 8, 4));
        EXAMPLES.put(PositionEmbedding.class, new PositionEmbedding("pos"));
        EXAMPLES.put(MultiHeadAttention.class, new MultiHeadAttention("attn", 2, 3, true));
        EXAMPLES.put(Pool2d.class, new Pool2d("pool", Pool2d.Mode.AVERAGE, 2, 2, 0));
        EXAMPLES.put(GlobalAvgPool.class, new GlobalAvgPool("gap"));
        EXAMPLES.put(Nonlinearity.class, new Nonlinearity("act", Activation.TANH));
        EXAMPLES.put(Add.class, new Add("join"));
    }

    private static ModelSpec modelAround(LayerSpec kind) {
        if (kind instanceof Embedding || kind instanceof PositionEmbedding || kind instanceof MultiHeadAttention) {
            ModelBuilder b = ModelSpec.builder(Shape.of(6)).layer(new Embedding("embed", 8, 4));
            if (!(kind instanceof Embedding)) {
                b.layer(kind);
            }
            return b.flatten().dense(3, Activation.IDENTITY).build();
        }
        if (kind instanceof Dense || kind instanceof Dropout || kind instanceof Flatten || kind instanceof LayerNorm) {
            return ModelSpec.builder(4)
                    .layer(kind)
                    .layer(new Dense("out", 3, Activation.IDENTITY, true))
                    .head(Head.SOFTMAX_CROSS_ENTROPY)
                    .build();
        }
        ModelBuilder b = ModelSpec.builder(Shape.of(1, 8, 8)).conv(2, 3, 1);
        if (kind instanceof Add) {
            b.conv(2, 3, 1).add("conv1", "conv2");
        } else {
            b.layer(kind);
        }
        return b.flatten().dense(10, Activation.IDENTITY).build();
    }

    @TempDir
    Path dir;

    /** Sequences of 6 token ids from 8; the class is the first id modulo 3. */
    private static DatasetSplits tokens() {
        java.util.Random rnd = new java.util.Random(4);
        int n = 48;
        float[] x = new float[n * 6];
        float[] y = new float[n];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextInt(8);
        }
        for (int r = 0; r < n; r++) {
            y[r] = x[r * 6] % 3;
        }
        java.util.List<String> names = java.util.List.of("t0", "t1", "t2", "t3", "t4", "t5");
        io.dgating.api.data.Dataset d = new io.dgating.api.data.Dataset(
                "tokens",
                Shape.of(6),
                n,
                x,
                y,
                io.dgating.api.data.Task.CLASSIFICATION,
                names,
                java.util.List.of("a", "b", "c"));
        return new DatasetSplits(
                d.select(java.util.stream.IntStream.range(0, 32).toArray(), "/train"),
                d.select(java.util.stream.IntStream.range(32, 40).toArray(), "/v"),
                d.select(java.util.stream.IntStream.range(40, 48).toArray(), "/t"),
                io.dgating.api.data.Standardization.identity(6));
    }

    @Test
    void everyPermittedKindHasAnExample() {
        Set<Class<?>> permitted =
                Arrays.stream(LayerSpec.class.getPermittedSubclasses()).collect(Collectors.toSet());
        assertEquals(permitted, EXAMPLES.keySet(), "add an example for every kind LayerSpec permits");
    }

    @Test
    void bothEnginesSayTheyImplementEveryKind() {
        EngineRegistry registry = EngineRegistry.fromServiceLoader();
        for (String engineName : new String[] {"cpu", "djl"}) {
            try (Engine engine = registry.create(engineName, new EngineConfig(1, "cpu"))) {
                assertEquals(EnumSet.allOf(LayerKind.class), Set.copyOf(engine.layerKinds()), engineName);
            }
        }
    }

    @Test
    void bothEnginesTrainEveryKindAndItExportsAndRoundTrips() throws Exception {
        DatasetSplits iris =
                DatasetSplits.random(BundledDataset.IRIS.load(), 0.2, 0.2, 1).standardized();
        DatasetSplits digits =
                DatasetSplits.random(BundledDataset.DIGITS.load(), 0.8, 0.1, 1).standardized();
        EngineRegistry registry = EngineRegistry.fromServiceLoader();
        for (LayerSpec kind : EXAMPLES.values()) {
            ModelSpec model = modelAround(kind);
            DatasetSplits data = model.layers().get(0) instanceof Embedding
                    ? tokens()
                    : model.inputShape().rank() == 1 ? iris : digits;
            for (String engineName : new String[] {"cpu", "djl"}) {
                String what = kind.getClass().getSimpleName() + " on " + engineName;
                TrainingResult r;
                try (Engine engine = registry.create(engineName, new EngineConfig(1, "cpu"))) {
                    r = engine.train(TrainingRequest.of(
                            model,
                            GatingConfig.none(),
                            TrainingConfig.builder()
                                    .epochs(1)
                                    .batchSize(16)
                                    .seed(2)
                                    .build(),
                            data));
                }
                assertEquals(model, r.model(), what);
                assertTrue(new OnnxExporter().export(r, ExportOptions.dense()).bytes().length > 0, what + " exports");
                Path file = dir.resolve(kind.name() + "-" + engineName + ".dgr");
                TrainingResultFile.write(r, file, false);
                assertEquals(
                        model, TrainingResultFile.read(file).model(), what + " round-trips through the result file");
            }
        }
    }
}
