package io.dgating.api.train;

/** How the learning rate changes over the run, evaluated per optimizer step. */
public enum LrSchedule {
    /** The base rate throughout. */
    CONSTANT,
    /** {@code lr_t = lr * (1 + cos(pi * t / T)) / 2} over the {@code T} steps of the run. */
    COSINE;

    /**
     * Returns the rate for step {@code t} of {@code total}.
     *
     * @param base the base rate
     * @param t zero-based step
     * @param total number of steps
     * @return the rate
     */
    public double rate(double base, long t, long total) {
        return switch (this) {
            case CONSTANT -> base;
            case COSINE -> base * 0.5 * (1 + Math.cos(Math.PI * t / Math.max(1, total)));
        };
    }
}
