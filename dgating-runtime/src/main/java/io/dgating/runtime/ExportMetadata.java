package io.dgating.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The public contract of an exported model's {@code metadata_props}: the keys, and a typed
 * reader of what a consumer needs to feed the model. The exporter writes these keys; the
 * predictor, the benchmark and users' services read them through {@link #parse(Map)}. Lists are
 * JSON arrays.
 *
 * @param featureNames names of all features of the training data, in order
 * @param keptFeatureIndices indices (into {@code featureNames}) of the features the model reads
 * @param takesAllFeatures whether the model's input is every feature (it selects inside) rather
 *     than only the kept ones
 * @param classNames class names (empty for regression)
 */
public record ExportMetadata(
        List<String> featureNames, int[] keptFeatureIndices, boolean takesAllFeatures, List<String> classNames) {

    /** Metadata format version. */
    public static final String FORMAT = "dgating.format";
    /** {@code compact} or {@code dense}. */
    public static final String VARIANT = "dgating.variant";
    /** {@code kept_features} or {@code all_features}: what the model's input holds. */
    public static final String INPUT = "dgating.input";
    /** Value of {@link #INPUT} for a model that takes every feature. */
    public static final String INPUT_ALL_FEATURES = "all_features";
    /** Value of {@link #INPUT} for a model that takes the kept features only. */
    public static final String INPUT_KEPT_FEATURES = "kept_features";
    /** What the input values are: as stored in the data file (the input contract). */
    public static final String INPUT_VALUES = "dgating.input_values";
    /** Value of {@link #INPUT_VALUES}: readers apply no scaling, so the model reads what the file holds. */
    public static final String INPUT_VALUES_AS_STORED = "as stored in the data file: CSV numbers as written,"
            + " IDX image bytes as 0-255; the graph applies the standardisation fitted in training itself (see "
            + "dgating.standardization)";
    /** D, the number of factors per group. */
    public static final String DEPTH = "dgating.depth";
    /** Key: the shape of one example the graph takes, a JSON array ({@code [784]}, {@code [1, 28, 28]}); the graph's input is {@code [N, ...shape]}. */
    public static final String INPUT_SHAPE = "dgating.input_shape";
    /**
     * Key of the string inputs of a model trained on categorical columns: JSON list of
     * {@code {"input": column, "categories": [...]}}; a value outside the categories counts as none of them.
     */
    public static final String CATEGORICAL_INPUTS = "dgating.categorical_inputs";
    /** Key of the columns the float input holds when the model also has string inputs (JSON list). */
    public static final String NUMERIC_INPUT_NAMES = "dgating.numeric_input_names";
    /** The penalty strength lambda. */
    public static final String LAMBDA = "dgating.lambda";
    /** The threshold below which a group counts as zero. */
    public static final String EPS = "dgating.eps";
    /** JSON array: indices of the kept features among all features. */
    public static final String KEPT_FEATURE_INDICES = "dgating.kept_feature_indices";
    /** JSON array: names of the kept features. */
    public static final String KEPT_FEATURE_NAMES = "dgating.kept_feature_names";
    /** JSON array: names of all features. */
    public static final String FEATURE_NAMES = "dgating.feature_names";
    /** JSON array: class names (empty for regression). */
    public static final String CLASS_NAMES = "dgating.class_names";
    /** Where the standardisation went (folded into the first layer). */
    public static final String STANDARDIZATION = "dgating.standardization";
    /** JSON array: per-feature means of the folded standardisation. */
    public static final String STANDARDIZATION_MEAN = "dgating.standardization.mean";
    /** JSON array: per-feature scales of the folded standardisation. */
    public static final String STANDARDIZATION_SCALE = "dgating.standardization.scale";
    /** Parameters of the dense model. */
    public static final String PARAMETERS_DENSE = "dgating.parameters.dense";
    /** Parameters of this file. */
    public static final String PARAMETERS_EXPORTED = "dgating.parameters.exported";
    /** Whether every output unit was removed, leaving a constant output. */
    public static final String CONSTANT_OUTPUT = "dgating.constant_output";
    /** JSON array: remarks of the pruning (folded constants, removed layers). */
    public static final String NOTES = "dgating.notes";
    /** JSON array: per gated layer, groups and units before and after. */
    public static final String LAYERS = "dgating.layers";

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Copies the collections.
     *
     * @param featureNames names of all features of the training data, in order
     * @param keptFeatureIndices indices (into {@code featureNames}) of the features the model reads
     * @param takesAllFeatures whether the model's input is every feature (it selects inside) rather
     *     than only the kept ones
     * @param classNames class names (empty for regression)
     */
    public ExportMetadata {
        featureNames = List.copyOf(featureNames);
        keptFeatureIndices = keptFeatureIndices.clone();
        classNames = List.copyOf(classNames);
    }

    /** {@return a copy of the kept indices} */
    @Override
    public int[] keptFeatureIndices() {
        return keptFeatureIndices.clone();
    }

    /**
     * Reads the metadata of a model that dgating exported.
     *
     * @param props the model's {@code metadata_props}
     * @return the typed contents
     * @throws IllegalArgumentException if a required key is missing or malformed, naming it
     */
    public static ExportMetadata parse(Map<String, String> props) {
        List<String> features = strings(props, FEATURE_NAMES, true);
        JsonNode kept = array(props, KEPT_FEATURE_INDICES, true);
        int[] indices = new int[kept.size()];
        for (int i = 0; i < indices.length; i++) {
            if (!kept.get(i).canConvertToInt()
                    || kept.get(i).intValue() < 0
                    || kept.get(i).intValue() >= features.size()) {
                throw new IllegalArgumentException("malformed model metadata: " + KEPT_FEATURE_INDICES + " holds "
                        + kept.get(i) + ", not an index below " + features.size());
            }
            indices[i] = kept.get(i).intValue();
        }
        return new ExportMetadata(
                features, indices, INPUT_ALL_FEATURES.equals(props.get(INPUT)), strings(props, CLASS_NAMES, false));
    }

    private static List<String> strings(Map<String, String> props, String key, boolean required) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : array(props, key, required)) {
            out.add(n.asText());
        }
        return out;
    }

    private static JsonNode array(Map<String, String> props, String key, boolean required) {
        String v = props.get(key);
        if (v == null) {
            if (required) {
                throw new IllegalArgumentException("not a dgating model: metadata " + key + " is missing");
            }
            return JSON.createArrayNode();
        }
        try {
            JsonNode n = JSON.readTree(v);
            if (n == null || !n.isArray()) {
                throw new IllegalArgumentException("malformed model metadata: " + key + " is not a JSON array: " + v);
            }
            return n;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("malformed model metadata: " + key + ": " + e.getOriginalMessage(), e);
        }
    }
}
