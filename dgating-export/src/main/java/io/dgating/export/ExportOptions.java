package io.dgating.export;

import io.dgating.api.data.CategoricalEncoding;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What to export.
 *
 * @param variant compact (zero groups removed) or dense (collapsed, nothing removed)
 * @param input whether the graph takes only the kept features or all original features
 * @param categorical when the training table had categorical columns: the graph takes their raw
 *     strings, one input per column, and one-hot encodes them itself (ONNX-ML {@code OneHotEncoder});
 *     the numeric columns come in the float input
 * @param inputName the name of the graph's float input ({@link OnnxExporter#INPUT}, or an imported
 *     model's own, so that its callers need no change)
 * @param provenance further metadata entries (where an imported model came from)
 * @param channelBlock the compact model computes a convolution's input channels in whole blocks of
 *     this many when it reads more than one block: ONNX Runtime's fast (NCHWc) convolutions on x86
 *     work in blocks of 8 channels and send any other count above 8 to a slower kernel, so rounding
 *     13 kept channels up to 16 (three removed ones computed as their exact constant) runs faster
 *     than 13; 1 computes exactly the kept channels
 */
public record ExportOptions(
        Variant variant,
        InputMode input,
        Optional<CategoricalEncoding> categorical,
        String inputName,
        Map<String, String> provenance,
        int channelBlock) {

    /** ONNX Runtime's NCHWc block on AVX2 (AVX-512 uses 16, a multiple of it). */
    public static final int DEFAULT_CHANNEL_BLOCK = 8;

    /**
     * Options with the default channel block.
     *
     * @param variant compact or dense
     * @param input kept or all features
     * @param categorical how categorical columns are taken, if any
     * @param inputName the graph input's name
     * @param provenance further metadata entries
     */
    public ExportOptions(
            Variant variant,
            InputMode input,
            Optional<CategoricalEncoding> categorical,
            String inputName,
            Map<String, String> provenance) {
        this(variant, input, categorical, inputName, provenance, DEFAULT_CHANNEL_BLOCK);
    }

    /**
     * Options for an all-numeric table.
     *
     * @param variant compact or dense
     * @param input kept or all features
     */
    public ExportOptions(Variant variant, InputMode input) {
        this(variant, input, Optional.empty());
    }

    /**
     * Options with the default input name and no provenance.
     *
     * @param variant compact or dense
     * @param input kept or all features
     * @param categorical how categorical columns are taken, if any
     */
    public ExportOptions(Variant variant, InputMode input, Optional<CategoricalEncoding> categorical) {
        this(variant, input, categorical, OnnxExporter.INPUT, Map.of());
    }

    /**
     * Returns these options with another input name and provenance entries.
     *
     * @param name the graph input's name
     * @param entries metadata entries to add
     * @return new options
     */
    public ExportOptions withInput(String name, Map<String, String> entries) {
        return new ExportOptions(variant, input, categorical, name, entries, channelBlock);
    }

    /**
     * Returns these options with another input mode.
     *
     * @param mode kept or all features
     * @return new options
     */
    public ExportOptions withInputMode(InputMode mode) {
        return new ExportOptions(variant, mode, categorical, inputName, provenance, channelBlock);
    }

    /**
     * Returns these options for a table with categorical columns.
     *
     * @param encoding how its categorical columns became features
     * @return new options
     */
    public ExportOptions withCategorical(CategoricalEncoding encoding) {
        return new ExportOptions(variant, input, Optional.of(encoding), inputName, provenance, channelBlock);
    }

    /**
     * Returns these options with another channel block.
     *
     * @param block channels per block, 1 for exactly the kept channels
     * @return new options
     */
    public ExportOptions withChannelBlock(int block) {
        return new ExportOptions(variant, input, categorical, inputName, provenance, block);
    }

    /** Which model. */
    public enum Variant {
        /** Gates collapsed, zero groups and what depends on them removed. */
        COMPACT,
        /** Gates collapsed, nothing removed: the reference to compare the compact model with. */
        DENSE
    }

    /** What the graph's input is. */
    public enum InputMode {
        /**
         * Only the kept features, in original order; the metadata lists their original indices
         * and names. The smallest model.
         */
        KEPT_FEATURES,
        /** All original features; the graph selects the kept ones itself (Gather), so callers need no change. */
        ALL_FEATURES
    }

    /**
     * Checks for nulls.
     *
     * @param variant compact (zero groups removed) or dense (collapsed, nothing removed)
     * @param input whether the graph takes only the kept features or all original features
     * @param categorical when the training table had categorical columns: the graph takes their raw
     *     strings, one input per column, and one-hot encodes them itself (ONNX-ML {@code OneHotEncoder});
     *     the numeric columns come in the float input
     * @param inputName the name of the graph's float input ({@link OnnxExporter#INPUT}, or an imported
     *     model's own, so that its callers need no change)
     * @param provenance further metadata entries (where an imported model came from)
     * @param channelBlock the compact model computes a convolution's input channels in whole blocks of
     *     this many when it reads more than one block: ONNX Runtime's fast (NCHWc) convolutions on x86
     *     work in blocks of 8 channels and send any other count above 8 to a slower kernel, so rounding
     *     13 kept channels up to 16 (three removed ones computed as their exact constant) runs faster
     *     than 13; 1 computes exactly the kept channels
     */
    public ExportOptions {
        Objects.requireNonNull(variant, "variant");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(categorical, "categorical");
        if (inputName == null || inputName.isBlank()) {
            throw new IllegalArgumentException("the graph input needs a name");
        }
        provenance = Map.copyOf(provenance);
        if (channelBlock < 1) {
            throw new IllegalArgumentException(
                    "the channel block must be at least 1 (1: exactly the kept channels), got " + channelBlock);
        }
    }

    /**
     * Returns the compact model taking only the kept features.
     *
     * @return the options
     */
    public static ExportOptions compact() {
        return new ExportOptions(Variant.COMPACT, InputMode.KEPT_FEATURES);
    }

    /**
     * Returns the dense model (all features).
     *
     * @return the options
     */
    public static ExportOptions dense() {
        return new ExportOptions(Variant.DENSE, InputMode.ALL_FEATURES);
    }
}
