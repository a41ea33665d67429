package io.dgating.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dgating.api.data.CategoricalEncoding;
import io.dgating.api.data.Dataset;
import io.dgating.export.OnnxExporter;
import io.dgating.runtime.Columns;
import io.dgating.runtime.ExportMetadata;
import io.dgating.runtime.OrtModel;
import io.dgating.runtime.OrtRuntime;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Feeds rows of a table to an exported model the way a caller would: the model's features from
 * the raw rows, and for a model trained on categorical columns the numeric columns in its float
 * input and each categorical column's value, as a string, in the input of that name (read back from
 * the rows' indicators; a row with none gets the empty string, which the model treats as unseen).
 */
public final class TableInputs {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TableInputs() {}

    /**
     * Runs a model on raw rows.
     *
     * @param m the model
     * @param raw unstandardised rows with every column of the training table
     * @param features the columns a numeric compact model reads (used when its input is narrower than the rows)
     * @return the model's first output, row-major
     */
    public static float[] run(OrtModel m, Dataset raw, int[] features) {
        if (!m.hasStringInputs()) {
            float[] x = raw.features();
            return m.run(
                    m.inputWidth() == raw.cols() ? x : Columns.select(x, raw.rows(), raw.cols(), features), raw.rows());
        }
        CategoricalEncoding e = raw.encoding()
                .orElseThrow(() -> new IllegalArgumentException("the model takes "
                        + "categorical columns as strings, but " + raw.name() + " has no categorical encoding"));
        Map<String, String> meta = m.metadata();
        List<String> numericNames = parse(meta.get(ExportMetadata.NUMERIC_INPUT_NAMES), new TypeReference<>() {});
        List<Map<String, Object>> cats = parse(meta.get(ExportMetadata.CATEGORICAL_INPUTS), new TypeReference<>() {});
        int[] numeric = numericNames.stream().mapToInt(n -> index(raw, n)).toArray();
        List<CategoricalEncoding.Column> columns = new ArrayList<>();
        for (Map<String, Object> c : cats) {
            String name = (String) c.get("input");
            columns.add(e.columns().stream()
                    .filter(x -> x.name().equals(name))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("the model reads categorical column '" + name
                            + "', which " + raw.name() + " does not have")));
        }
        OrtEnvironment env = OrtRuntime.environment();
        float[] out = null;
        int width = 0;
        for (int start = 0; start < raw.rows() || out == null; start += OrtModel.RUN_BATCH) {
            int b = Math.min(OrtModel.RUN_BATCH, raw.rows() - start);
            Map<String, OnnxTensor> feeds = new HashMap<>();
            try {
                if (numeric.length > 0) {
                    float[][] x = new float[b][numeric.length];
                    for (int r = 0; r < b; r++) {
                        for (int k = 0; k < numeric.length; k++) {
                            x[r][k] = raw.feature(start + r, numeric[k]);
                        }
                    }
                    feeds.put(OnnxExporter.INPUT, OnnxTensor.createTensor(env, x));
                }
                for (CategoricalEncoding.Column c : columns) {
                    String[][] s = new String[b][1];
                    for (int r = 0; r < b; r++) {
                        s[r][0] = CategoricalEncoding.categoryOf(raw, start + r, c);
                    }
                    feeds.put(c.name(), OnnxTensor.createTensor(env, s));
                }
                float[] part = m.runFeeds(feeds);
                if (out == null) {
                    width = b == 0 ? 0 : part.length / b;
                    out = new float[raw.rows() * width];
                }
                System.arraycopy(part, 0, out, start * width, part.length);
            } catch (OrtException ex) {
                throw new IllegalStateException("cannot make input tensors: " + ex.getMessage(), ex);
            } finally {
                feeds.values().forEach(OnnxTensor::close);
            }
        }
        return out;
    }

    private static int index(Dataset raw, String name) {
        int i = raw.featureNames().indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException(
                    "the model reads column '" + name + "', which " + raw.name() + " does not have");
        }
        return i;
    }

    private static <T> T parse(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json == null ? "[]" : json, type);
        } catch (IOException ex) {
            throw new IllegalArgumentException("unreadable dgating metadata: " + ex.getMessage(), ex);
        }
    }
}
