package io.dgating.export;

/**
 * What to export.
 *
 * @param variant compact (zero groups removed) or dense (collapsed, nothing removed)
 * @param input whether the graph takes only the kept features or all original features
 */
public record ExportOptions(Variant variant, InputMode input) {

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
