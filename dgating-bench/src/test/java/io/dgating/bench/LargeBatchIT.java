package io.dgating.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.dgating.api.Shape;
import io.dgating.api.data.Dataset;
import io.dgating.api.data.DatasetSplits;
import io.dgating.api.data.Standardization;
import io.dgating.api.data.Task;
import io.dgating.api.engine.EngineConfig;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.model.Architectures;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.train.TrainingConfig;
import io.dgating.api.train.TrainingRequest;
import io.dgating.api.train.TrainingResult;
import io.dgating.engine.cpu.CpuEngine;
import io.dgating.export.ExportOptions;
import io.dgating.export.OnnxExporter;
import io.dgating.runtime.OrtModel;
import io.dgating.runtime.Provider;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Whole test sets go through the engine and ONNX Runtime in calls of at most 1,024 rows (a CNN's
 * activations for 10,000 images took more than the heap): results over 2,500 rows, split across
 * three calls, equal those of each row run alone, on both sides.
 */
class LargeBatchIT {

    @Test
    void batchedRunsEqualRowByRowRuns() {
        ModelSpec model = Architectures.vgg(Shape.of(1, 6, 6), List.of("2", "M"), 3);
        int rows = 2500;
        Random rnd = new Random(3);
        float[] x = new float[rows * model.inputSize()];
        float[] y = new float[rows];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rnd.nextGaussian();
        }
        for (int i = 0; i < rows; i++) {
            y[i] = rnd.nextInt(3);
        }
        List<String> names = new ArrayList<>();
        for (int k = 0; k < model.inputSize(); k++) {
            names.add("p" + k);
        }
        Dataset d =
                new Dataset("big", model.inputShape(), rows, x, y, Task.CLASSIFICATION, names, List.of("a", "b", "c"));
        DatasetSplits splits = new DatasetSplits(
                d.select(new int[] {0, 1, 2, 3}, "/t"),
                d.select(new int[0], "/v"),
                d.select(new int[] {0}, "/e"),
                Standardization.identity(model.inputSize()));
        try (CpuEngine engine = new CpuEngine(new EngineConfig(1, "cpu"))) {
            TrainingResult r = engine.train(TrainingRequest.of(
                    model,
                    GatingConfig.none(),
                    TrainingConfig.builder().epochs(1).batchSize(4).seed(1).build(),
                    splits));
            float[] all = engine.predict(model, r.collapsed(), x, rows);
            byte[] onnx = new OnnxExporter().export(r, ExportOptions.dense()).bytes();
            try (OrtModel ort = OrtModel.load(onnx, Provider.CPU, 1, w -> {})) {
                float[] ortAll = ort.run(x, rows);
                for (int i : new int[] {0, 1023, 1024, 2047, 2048, 2499}) {
                    float[] row = Arrays.copyOfRange(x, i * model.inputSize(), (i + 1) * model.inputSize());
                    assertArrayEquals(
                            engine.predict(model, r.collapsed(), row, 1),
                            Arrays.copyOfRange(all, i * 3, i * 3 + 3),
                            "engine row " + i);
                    assertArrayEquals(
                            ort.run(row, 1),
                            Arrays.copyOfRange(ortAll, i * 3, i * 3 + 3),
                            1e-6f,
                            "ONNX Runtime row " + i);
                }
            }
        }
    }
}
