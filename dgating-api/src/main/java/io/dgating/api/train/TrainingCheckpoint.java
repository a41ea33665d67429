package io.dgating.api.train;

import io.dgating.api.ParameterSet;
import java.util.List;

/**
 * The complete state of a training run after an epoch: enough to continue it exactly. On the
 * CPU engine a run resumed from a checkpoint ends bit-identical to one that never stopped,
 * because shuffling and dropout are seeded per epoch.
 *
 * @param epochsDone epochs completed
 * @param steps optimizer steps taken (drives the learning-rate schedule)
 * @param parameters gated parameters
 * @param optimizerState the optimizer's buffers (momentum, Adam moments and step count) by name
 * @param history the epochs so far
 */
public record TrainingCheckpoint(
        int epochsDone, long steps, ParameterSet parameters, ParameterSet optimizerState, List<EpochStats> history) {

    /**
     * Copies the history.
     *
     * @param epochsDone epochs completed
     * @param steps optimizer steps taken (drives the learning-rate schedule)
     * @param parameters gated parameters
     * @param optimizerState the optimizer's buffers (momentum, Adam moments and step count) by name
     * @param history the epochs so far
     */
    public TrainingCheckpoint {
        history = List.copyOf(history);
        if (epochsDone < 0 || steps < 0) {
            throw new IllegalArgumentException("a checkpoint needs epochs and steps >= 0");
        }
    }
}
