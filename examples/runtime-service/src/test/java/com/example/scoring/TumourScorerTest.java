package com.example.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The service diagnoses the first 100 biopsies of the Wisconsin data as the compact model's own
 * verification did (test accuracy 0.97), and it computes what ONNX Runtime computes on the file
 * when the columns are picked by their names in the model's metadata rather than by the
 * predictor's indices.
 */
class TumourScorerTest {

    private static final String[] CLASSES = {"malignant", "benign"};

    @Test
    void theClassPathHoldsNoTrainingStack() {
        String cp = System.getProperty("java.class.path");
        for (String absent : List.of("djl", "xchart", "dgating-api", "dgating-export", "onnxruntime_gpu")) {
            assertTrue(!cp.contains(absent), absent + " on " + cp);
        }
    }

    @Test
    void diagnosesLabelledBiopsies() throws Exception {
        List<String[]> rows = rows();
        String[] header = rows.get(0);
        int correct = 0;
        try (TumourScorer scorer = new TumourScorer()) {
            assertEquals(30, scorer.measurements());
            assertEquals(List.of(CLASSES), scorer.diagnoses());
            for (String[] r : rows.subList(1, rows.size())) {
                String label = CLASSES[Integer.parseInt(r[header.length - 1])];
                correct += scorer.diagnose(measurements(r)).equals(label) ? 1 : 0;
            }
        }
        assertTrue(correct >= 93, correct + " of 100 diagnosed as labelled");
    }

    @Test
    void computesWhatOnnxRuntimeComputesOnTheKeptColumnsByName() throws Exception {
        List<String[]> rows = rows();
        List<String> header = Arrays.asList(rows.get(0));
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        byte[] model;
        try (InputStream in = TumourScorer.class.getResourceAsStream(TumourScorer.MODEL)) {
            model = in.readAllBytes();
        }
        try (OrtSession session = env.createSession(model, new OrtSession.SessionOptions());
                TumourScorer scorer = new TumourScorer()) {
            String names = session.getMetadata().getCustomMetadata().get("dgating.kept_feature_names");
            List<String> kept = Arrays.asList(names.replaceAll("^\\[\"|\"\\]$", "").split("\",\""));
            assertEquals(9, kept.size(), names);
            String input = session.getInputNames().iterator().next();
            for (String[] r : rows.subList(1, rows.size())) {
                float[][] x = new float[1][kept.size()];
                for (int k = 0; k < kept.size(); k++) {
                    x[0][k] = Float.parseFloat(r[header.indexOf(kept.get(k))]);
                }
                float[] logits;
                try (OnnxTensor t = OnnxTensor.createTensor(env, x);
                        OrtSession.Result out = session.run(java.util.Map.of(input, t))) {
                    logits = ((float[][]) out.get(0).getValue())[0];
                }
                String expected = CLASSES[logits[1] > logits[0] ? 1 : 0];
                assertEquals(expected, scorer.diagnose(measurements(r)), Arrays.toString(r));
            }
        }
    }

    private static float[] measurements(String[] row) {
        float[] x = new float[row.length - 1];
        for (int i = 0; i < x.length; i++) {
            x[i] = Float.parseFloat(row[i]);
        }
        return x;
    }

    private static List<String[]> rows() throws Exception {
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                TumourScorerTest.class.getResourceAsStream("/breast-cancer-100.csv"), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                rows.add(line.split(","));
            }
        }
        return rows;
    }
}
