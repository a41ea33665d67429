package io.dgating.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.dgating.api.data.CsvReader;
import io.dgating.api.data.Dataset;
import io.dgating.api.data.DatasetSplits;
import io.dgating.api.data.Task;
import io.dgating.api.engine.EngineConfig;
import io.dgating.api.gating.GateSpec;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.gating.GroupKind;
import io.dgating.api.model.Activation;
import io.dgating.api.model.Head;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.train.TrainingConfig;
import io.dgating.api.train.TrainingRequest;
import io.dgating.api.train.TrainingResult;
import io.dgating.engine.cpu.CpuEngine;
import io.dgating.runtime.ExportMetadata;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A model trained on a table with categorical columns, exported with string inputs: ONNX Runtime
 * fed the raw strings (and numbers) computes what the engine computes on the one-hot rows, built
 * here from the raw values independently of the reader; a category never seen in training
 * (and a missing value) gives the all-zero indicators, as the reader gives them.
 */
class CategoricalOnnxIT {

    private static final String[] COLORS = {"red", "green", "blue", "violet"};
    private static final String[] SHAPES = {"circle", "square"};

    @Test
    void stringInputsReproduceTheEngineOnOneHotRows() throws Exception {
        Random rnd = new Random(5);
        StringBuilder csv = new StringBuilder("color,size,shape,noise,label\n");
        for (int i = 0; i < 300; i++) {
            String color = COLORS[rnd.nextInt(COLORS.length)];
            double size = rnd.nextGaussian() * 2 + 10;
            String shape = SHAPES[rnd.nextInt(2)];
            boolean pos = (color.equals("red") || color.equals("blue")) ^ size > 10.5;
            csv.append(color)
                    .append(',')
                    .append((float) size)
                    .append(',')
                    .append(shape)
                    .append(',')
                    .append((float) rnd.nextGaussian())
                    .append(',')
                    .append(pos ? "yes" : "no")
                    .append('\n');
        }
        Dataset table = CsvReader.of("label", Task.CLASSIFICATION)
                .withAutoCategorical()
                .read(new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)), "table", "table");
        DatasetSplits raw = DatasetSplits.random(table, 0.2, 0.2, 3);
        DatasetSplits data = raw.standardized();
        int width = data.train().cols();
        ModelSpec model = ModelSpec.mlp(width, List.of(12), 2, Activation.RELU, Head.SOFTMAX_CROSS_ENTROPY);
        GatingConfig gating = GatingConfig.builder()
                .depth(3)
                .lambda(0.03)
                .gate(new GateSpec(
                        "dense1",
                        GroupKind.INPUT_FEATURES,
                        table.encoding().orElseThrow().featureGroups()))
                .build();
        TrainingResult r;
        try (CpuEngine engine = new CpuEngine(new EngineConfig(1, "cpu"))) {
            r = engine.train(TrainingRequest.of(
                    model,
                    gating,
                    TrainingConfig.builder()
                            .epochs(40)
                            .batchSize(16)
                            .learningRate(0.05)
                            .build(),
                    data));
        }
        var encoding = raw.train().encoding().orElseThrow();

        // rows to score: the usual values, a colour the training rows never had, a missing shape
        String[][] colors = {{"red"}, {"green"}, {"blue"}, {"violet"}, {"teal"}, {"red"}};
        String[][] shapes = {{"circle"}, {"square"}, {"square"}, {"circle"}, {"circle"}, {""}};
        float[] sizes = {9f, 11f, 12.5f, 8f, 10f, 10.7f};
        float[] noise = {0.3f, -1f, 0.1f, 2f, -0.5f, 0f};
        int n = colors.length;
        float[] oneHot = new float[n * width];
        List<String> names = r.featureNames();
        for (int i = 0; i < n; i++) {
            put(oneHot, i, width, names, "color=" + colors[i][0], 1f);
            put(oneHot, i, width, names, "shape=" + shapes[i][0], 1f);
            put(oneHot, i, width, names, "size", sizes[i]);
            put(oneHot, i, width, names, "noise", noise[i]);
        }
        float[] std = oneHot.clone();
        for (int i = 0; i < n; i++) {
            r.standardization().applyInPlace(std, i * width);
        }
        float[] reference;
        try (CpuEngine engine = new CpuEngine(new EngineConfig(1, "cpu"))) {
            reference = engine.predict(model, r.collapsed(), std, n);
        }
        Map<String, Object> rawColumns = Map.of("color", colors, "shape", shapes, "size", sizes, "noise", noise);
        OnnxExporter exporter = new OnnxExporter();
        for (ExportOptions o : List.of(
                ExportOptions.compact().withCategorical(encoding),
                ExportOptions.dense().withCategorical(encoding))) {
            ExportedModel m = exporter.export(r, o);
            float[] actual = run(m, rawColumns, n);
            double scale = 0;
            double worst = 0;
            for (int i = 0; i < reference.length; i++) {
                scale = Math.max(scale, Math.abs(reference[i]));
                worst = Math.max(worst, Math.abs(reference[i] - actual[i]));
            }
            assertTrue(
                    worst <= 1e-5 * Math.max(scale, 1e-30),
                    o.variant() + ": max |ORT - engine| = " + worst + " at output scale " + scale);
        }
        // the dense model reads every column: both string inputs and the float input
        try (OrtSession s = OrtEnvironment.getEnvironment()
                .createSession(
                        exporter.export(r, ExportOptions.dense().withCategorical(encoding))
                                .bytes(),
                        new OrtSession.SessionOptions())) {
            assertEquals(Set.of("features", "color", "shape"), s.getInputNames());
        }
    }

    @Test
    void aColumnNamedLikeTheNumericInputIsRefused() throws Exception {
        String csv = "features,x,label\na,1,p\nb,2,q\na,3,p\nb,4,q\na,5,p\nb,6,q\n";
        Dataset table = CsvReader.of("label", Task.CLASSIFICATION)
                .withCategorical(List.of("features"))
                .read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "t", "t");
        DatasetSplits data = DatasetSplits.random(table, 0.0, 0.0, 1).standardized();
        ModelSpec model =
                ModelSpec.mlp(data.train().cols(), List.of(4), 2, Activation.RELU, Head.SOFTMAX_CROSS_ENTROPY);
        TrainingResult r;
        try (CpuEngine engine = new CpuEngine(new EngineConfig(1, "cpu"))) {
            r = engine.train(TrainingRequest.of(
                    model,
                    GatingConfig.none(),
                    TrainingConfig.builder().epochs(1).build(),
                    data));
        }
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new OnnxExporter()
                        .export(
                                r,
                                ExportOptions.dense()
                                        .withCategorical(table.encoding().orElseThrow())));
        assertTrue(e.getMessage().contains("has the name of the numeric input"), e.getMessage());
    }

    private static void put(float[] rows, int i, int width, List<String> names, String feature, float v) {
        int k = names.indexOf(feature);
        if (k >= 0) {
            rows[i * width + k] = v; // an unseen or missing category has no indicator: all zeros
        }
    }

    private static float[] run(ExportedModel m, Map<String, Object> columns, int n) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession s = env.createSession(m.bytes(), new OrtSession.SessionOptions())) {
            Map<String, OnnxTensor> feeds = new HashMap<>();
            List<String> numeric = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readValue(
                            s.getMetadata().getCustomMetadata().get(ExportMetadata.NUMERIC_INPUT_NAMES),
                            new com.fasterxml.jackson.core.type.TypeReference<List<String>>() {});
            try {
                for (String in : s.getInputNames()) {
                    if (in.equals(OnnxExporter.INPUT)) {
                        float[][] x = new float[n][numeric.size()];
                        for (int i = 0; i < n; i++) {
                            for (int k = 0; k < numeric.size(); k++) {
                                x[i][k] = ((float[]) columns.get(numeric.get(k)))[i];
                            }
                        }
                        feeds.put(in, OnnxTensor.createTensor(env, x));
                    } else {
                        feeds.put(in, OnnxTensor.createTensor(env, (String[][]) columns.get(in)));
                    }
                }
                try (OrtSession.Result res = s.run(feeds)) {
                    float[][] out = (float[][]) res.get(0).getValue();
                    float[] flat = new float[n * out[0].length];
                    for (int i = 0; i < n; i++) {
                        System.arraycopy(out[i], 0, flat, i * out[0].length, out[0].length);
                    }
                    return flat;
                }
            } finally {
                feeds.values().forEach(OnnxTensor::close);
            }
        }
    }
}
