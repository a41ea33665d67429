package io.dgating.export;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgating.api.Shape;
import io.dgating.api.data.Dataset;
import io.dgating.api.data.DatasetSplits;
import io.dgating.api.data.Standardization;
import io.dgating.api.data.Task;
import io.dgating.api.engine.EngineConfig;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.model.Activation;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.train.TrainingConfig;
import io.dgating.api.train.TrainingRequest;
import io.dgating.api.train.TrainingResult;
import io.dgating.engine.cpu.CpuEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sequence models (token ids in, per-position layers) exported to ONNX and run in ONNX Runtime on
 * token ids: the output must match the engine's forward pass to 1e-5 of its scale, dense and compact.
 */
class SequenceExportIT {

    private static final int VOCABULARY = 7;
    private static final int T = 5;

    static Stream<Arguments> models() {
        return Stream.of(
                Arguments.of("embeddings, layer norm, dense per position", ModelSpec.builder(Shape.of(T))
                        .embedding(VOCABULARY, 6).positionEmbedding().layerNorm().dense(6, Activation.GELU)
                        .add("ln1", "dense1").flatten().dense(3, Activation.IDENTITY).build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void onnxRuntimeReproducesTheEngineOnTokenIds(String name, ModelSpec model) throws Exception {
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
        DatasetSplits data = new DatasetSplits(all, all.select(new int[] {0, 1}, "/v"), all.select(new int[] {2, 3}, "/t"),
                Standardization.identity(T));
        TrainingResult r;
        float[] engineOut;
        try (CpuEngine engine = new CpuEngine(new EngineConfig(1, "cpu"))) {
            r = engine.train(TrainingRequest.of(model, GatingConfig.none(),
                    TrainingConfig.builder().epochs(3).batchSize(8).learningRate(0.05).seed(1).build(), data));
            engineOut = engine.predict(model, r.collapsed(), x, n);
        }
        for (ExportOptions options : new ExportOptions[] {ExportOptions.dense(), ExportOptions.compact()}) {
            float[] ort = OrtRunner.run(new OnnxExporter().export(r, options).bytes(), x, new long[] {n, T},
                    OnnxExporter.OUTPUT);
            double scale = 0;
            double diff = 0;
            for (int i = 0; i < ort.length; i++) {
                scale = Math.max(scale, Math.abs(engineOut[i]));
                diff = Math.max(diff, Math.abs(ort[i] - engineOut[i]));
            }
            assertTrue(ort.length == engineOut.length, name + ": " + ort.length + " outputs, engine " + engineOut.length);
            assertTrue(diff <= 1e-5 * Math.max(1, scale), name + " " + options.variant() + ": ONNX Runtime differs by "
                    + diff + " at output scale " + scale);
        }
    }
}
