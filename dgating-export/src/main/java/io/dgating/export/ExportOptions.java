package io.dgating.export;

/**
 * What to export.
 *
 * @param variant compact (zero groups removed) or dense (collapsed, nothing removed)
 * @param input whether the graph takes only the kept features or all original features
 * @param categorical when the training table had categorical columns: the graph takes their raw
 *     strings, one input per column, and one-hot encodes them itself (ONNX-ML {@code OneHotEncoder});
 *     the numeric columns come in the float input
 */
public record ExportOptions(Variant variant, InputMode input,
        java.util.Optional<io.dgating.api.data.CategoricalEncoding> categorical) {

    /**
     * Options for an all-numeric table.
     *
     * @param variant compact or dense
     * @param input kept or all features
     */
    public ExportOptions(Variant variant, InputMode input) {
        this(variant, input, java.util.Optional.empty());
    }

    /**
     * Returns these options for a table with categorical columns.
     *
     * @param encoding how its categorical columns became features
     * @return new options
     */
    public ExportOptions withCategorical(io.dgating.api.data.CategoricalEncoding encoding) {
        return new ExportOptions(variant, input, java.util.Optional.of(encoding));
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

    /** Checks for nulls. */
    public ExportOptions {
        java.util.Objects.requireNonNull(variant, "variant");
        java.util.Objects.requireNonNull(input, "input");
        java.util.Objects.requireNonNull(categorical, "categorical");
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
