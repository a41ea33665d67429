package io.dgating.api.train;

/** A part of a dataset. */
public enum Split {
    /** Rows trained on. */
    TRAIN,
    /** Rows for model selection. */
    VALIDATION,
    /** Held-out rows. */
    TEST
}
