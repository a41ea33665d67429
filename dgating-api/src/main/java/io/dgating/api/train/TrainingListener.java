package io.dgating.api.train;

/**
 * Receives progress from an engine while it trains, on the training thread. Implementations
 * must be quick; a progress bar is the typical one.
 */
public interface TrainingListener {

    /** A listener that ignores everything. */
    TrainingListener NONE = new TrainingListener() {};

    /**
     * Called once before the first step.
     *
     * @param epochs planned epochs
     * @param stepsPerEpoch optimizer steps per epoch
     */
    default void onStart(int epochs, int stepsPerEpoch) {}

    /**
     * Called after every optimizer step.
     *
     * @param step 1-based step count so far
     * @param loss the step's data loss
     */
    default void onStep(long step, double loss) {}

    /**
     * Called after every epoch.
     *
     * @param stats what the epoch did
     */
    default void onEpoch(EpochStats stats) {}

    /**
     * Called after every {@code checkpointEvery}-th epoch, and after the last, of a request that asks
     * for checkpoints.
     *
     * @param checkpoint the complete state; write it somewhere safe to resume later
     */
    default void onCheckpoint(TrainingCheckpoint checkpoint) {}

    /**
     * Returns the listener of the fine-tuning that follows this training ({@link FineTuner}): by
     * default this one. A listener that saves checkpoints returns one that saves them elsewhere,
     * so a resumed run can tell the two phases apart.
     *
     * @return the fine-tuning's listener
     */
    default TrainingListener fineTuning() {
        return this;
    }
}
