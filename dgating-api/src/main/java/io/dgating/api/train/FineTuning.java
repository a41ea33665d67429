package io.dgating.api.train;

import java.io.Serializable;

/**
 * Training of the compact architecture after removal: the kept groups learn without the group
 * penalty, the removed ones stay exactly zero (their gates are held at 0, the kept ones' at 1).
 * It undoes the shrinkage that the penalty strong enough to select the groups also put on the
 * weights that remain.
 *
 * @param epochs epochs of fine-tuning, at least 1
 * @param learningRate its base learning rate (the training's schedule and optimizer are reused)
 */
public record FineTuning(int epochs, double learningRate) implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * Validates.
     *
     * @param epochs epochs of fine-tuning, at least 1
     * @param learningRate its base learning rate (the training's schedule and optimizer are reused)
     * @throws IllegalArgumentException for fewer than 1 epoch or a learning rate that is not positive
     */
    public FineTuning {
        if (epochs < 1) {
            throw new IllegalArgumentException("fine-tuning needs at least 1 epoch, got " + epochs);
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException(
                    "fine-tuning learning rate must be a finite number > 0, got " + learningRate);
        }
    }

    /**
     * Returns the default fine-tuning after a training: a tenth of its epochs (at least 1) at a
     * tenth of its base learning rate, same optimizer and schedule.
     *
     * @param training the training that selected the groups
     * @return the fine-tuning
     */
    public static FineTuning defaultFor(TrainingConfig training) {
        return new FineTuning(Math.max(1, training.epochs() / 10), training.learningRate() / 10);
    }
}
