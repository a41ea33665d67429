package io.dgating.api.data;

/** What a dataset's target is. */
public enum Task {
    /** Targets are class indices {@code 0 .. classes - 1}. */
    CLASSIFICATION,
    /** Targets are real numbers. */
    REGRESSION
}
