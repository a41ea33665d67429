package io.dgating.engine.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.dgating.api.data.BundledDataset;
import io.dgating.api.data.Dataset;
import io.dgating.api.data.DatasetSplits;
import io.dgating.api.data.Standardization;
import io.dgating.api.data.Task;
import io.dgating.api.engine.EngineConfig;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.gating.GroupKind;
import io.dgating.api.model.Activation;
import io.dgating.api.model.Head;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.train.Split;
import io.dgating.api.train.TrainingConfig;
import io.dgating.api.train.TrainingRequest;
import io.dgating.api.train.TrainingResult;
import io.dgating.export.ExportOptions;
import io.dgating.export.ExportedModel;
import io.dgating.export.OnnxExporter;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The DJL engine end to end: feature selection as on the CPU engine, and export to ONNX Runtime. */
class DjlEngineIT {

    /** The foundation's synthetic problem: 5 of 50 inputs decide the class. */
    private static DatasetSplits sparse() {
        Random rnd = new Random(11);
        double[] w = {1, -1.25, 1.5, -1.75, 2};
        int p = 50;
        Dataset[] parts = new Dataset[3];
        int[] sizes = {1000, 300, 1000};
        List<String> names = new ArrayList<>();
        for (int k = 0; k < p; k++) {
            names.add("x" + k);
        }
        for (int s = 0; s < 3; s++) {
            int n = sizes[s];
            float[] x = new float[n * p];
            float[] y = new float[n];
            for (int i = 0; i < n; i++) {
                double score = 0;
                for (int k = 0; k < p; k++) {
                    x[i * p + k] = (float) rnd.nextGaussian();
                    if (k < 5) {
                        score += w[k] * x[i * p + k];
                    }
                }
                score += 0.5 * x[i * p] * x[i * p + 1];
                y[i] = score > 0 ? 1 : 0;
            }
            parts[s] = new Dataset("sparse" + s, n, p, x, y, Task.CLASSIFICATION, names, List.of("neg", "pos"));
        }
        return new DatasetSplits(parts[0], parts[1], parts[2], Standardization.identity(p));
    }

    @Test
    void keepsExactlyTheFiveInformativeInputsLikeTheCpuEngine() {
        ModelSpec model = ModelSpec.mlp(50, List.of(32), 2, Activation.RELU, Head.SOFTMAX_CROSS_ENTROPY);
        GatingConfig gating = GatingConfig.builder()
                .depth(3)
                .lambda(0.1)
                .gate("dense1", GroupKind.INPUT_FEATURES)
                .build();
        TrainingConfig training = TrainingConfig.builder()
                .epochs(60)
                .batchSize(64)
                .learningRate(0.05)
                .seed(1)
                .build();
        try (DjlEngine engine = new DjlEngine(new EngineConfig(2, "auto"))) {
            TrainingResult r = engine.train(TrainingRequest.of(model, gating, training, sparse()));
            assertEquals(List.of("x0", "x1", "x2", "x3", "x4"), r.keptFeatures());
            assertTrue(
                    r.metrics(Split.TEST).accuracy() > 0.93,
                    "test accuracy " + r.metrics(Split.TEST).accuracy());
            assertEquals("djl", r.provenance().get("engine"));
            assertEquals("cpu()", r.provenance().get("device"));
        }
    }

    @Test
    void exportOfADjlTrainedModelRunsInOnnxRuntimeWithDjlsOutputs() throws Exception {
        DatasetSplits raw = DatasetSplits.random(BundledDataset.WINE.load(), 0.2, 0.2, 1);
        DatasetSplits data = raw.standardized();
        ModelSpec model = ModelSpec.builder(13)
                .dense(24, Activation.GELU)
                .dropout(0.1)
                .dense(12, Activation.RELU)
                .dense(3, Activation.IDENTITY)
                .head(Head.SOFTMAX_CROSS_ENTROPY)
                .build();
        GatingConfig gating = GatingConfig.builder()
                .depth(3)
                .lambda(0.1)
                .gate("dense1", GroupKind.INPUT_FEATURES)
                .gate("dense2", GroupKind.NEURONS)
                .build();
        try (DjlEngine engine = new DjlEngine(new EngineConfig(2, "cpu"))) {
            TrainingResult r = engine.train(TrainingRequest.of(
                    model,
                    gating,
                    TrainingConfig.builder()
                            .epochs(80)
                            .batchSize(16)
                            .learningRate(0.05)
                            .build(),
                    data));
            ExportedModel compact = new OnnxExporter().export(r, ExportOptions.compact());
            assertTrue(compact.report().keptFeatureIndices().length < 13, "lambda 0.1 removes wine features");
            float[] x = data.test().features();
            int n = data.test().rows();
            float[] djlOut = engine.predict(model, r.collapsed(), x, n);
            int[] kept = compact.report().keptFeatureIndices();
            float[] rawKept = new float[n * kept.length];
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < kept.length; k++) {
                    rawKept[i * kept.length + k] = raw.test().feature(i, kept[k]);
                }
            }
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            try (OrtSession.SessionOptions o = new OrtSession.SessionOptions();
                    OrtSession s = env.createSession(compact.bytes(), o);
                    OnnxTensor in =
                            OnnxTensor.createTensor(env, FloatBuffer.wrap(rawKept), new long[] {n, kept.length});
                    OrtSession.Result res = s.run(Map.of("features", in))) {
                float[][] ort = (float[][]) res.get("output").orElseThrow().getValue();
                double scale = 0;
                double worst = 0;
                for (int i = 0; i < n; i++) {
                    for (int c = 0; c < 3; c++) {
                        scale = Math.max(scale, Math.abs(djlOut[i * 3 + c]));
                        worst = Math.max(worst, Math.abs(djlOut[i * 3 + c] - ort[i][c]));
                    }
                }
                assertTrue(worst <= 1e-5 * scale, "max |ORT - DJL| " + worst + " at output scale " + scale);
            }
        }
    }
}
