package io.dgating.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgating.api.data.BundledDataset;
import io.dgating.api.data.DatasetSplits;
import io.dgating.api.engine.Engine;
import io.dgating.api.engine.EngineConfig;
import io.dgating.api.engine.EngineRegistry;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.model.Activation;
import io.dgating.api.model.Dense;
import io.dgating.api.model.Dropout;
import io.dgating.api.model.Flatten;
import io.dgating.api.model.Head;
import io.dgating.api.model.LayerSpec;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.train.TrainingConfig;
import io.dgating.api.train.TrainingRequest;
import io.dgating.api.train.TrainingResult;
import io.dgating.export.ExportOptions;
import io.dgating.export.OnnxExporter;
import io.dgating.export.result.TrainingResultFile;
import java.nio.file.Path;
import java.util.Arrays;
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

    /** One example of every kind, placed before a dense output layer of a 4-input model. */
    private static final Map<Class<?>, LayerSpec> EXAMPLES = new LinkedHashMap<>();

    static {
        EXAMPLES.put(Dense.class, new Dense("hidden", 5, Activation.GELU, true));
        EXAMPLES.put(Dropout.class, new Dropout("drop", 0.2));
        EXAMPLES.put(Flatten.class, new Flatten("flat"));
    }

    @TempDir
    Path dir;

    @Test
    void everyPermittedKindHasAnExample() {
        Set<Class<?>> permitted = Arrays.stream(LayerSpec.class.getPermittedSubclasses()).collect(Collectors.toSet());
        assertEquals(permitted, EXAMPLES.keySet(), "add an example for every kind LayerSpec permits");
    }

    @Test
    void bothEnginesTrainEveryKindAndItExportsAndRoundTrips() throws Exception {
        DatasetSplits data = DatasetSplits.random(BundledDataset.IRIS.load(), 0.2, 0.2, 1).standardized();
        EngineRegistry registry = EngineRegistry.fromServiceLoader();
        for (LayerSpec kind : EXAMPLES.values()) {
            ModelSpec model = ModelSpec.builder(4).layer(kind).layer(new Dense("out", 3, Activation.IDENTITY, true))
                    .head(Head.SOFTMAX_CROSS_ENTROPY).build();
            for (String engineName : new String[] {"cpu", "djl"}) {
                String what = kind.getClass().getSimpleName() + " on " + engineName;
                TrainingResult r;
                try (Engine engine = registry.create(engineName, new EngineConfig(1, "cpu"))) {
                    r = engine.train(TrainingRequest.of(model, GatingConfig.none(),
                            TrainingConfig.builder().epochs(1).batchSize(16).seed(2).build(), data));
                }
                assertEquals(model, r.model(), what);
                assertTrue(new OnnxExporter().export(r, ExportOptions.dense()).bytes().length > 0, what + " exports");
                Path file = dir.resolve(kind.name() + "-" + engineName + ".dgr");
                TrainingResultFile.write(r, file, false);
                assertEquals(model, TrainingResultFile.read(file).model(), what + " round-trips through the result file");
            }
        }
    }
}
