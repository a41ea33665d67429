package io.dgating.api.train;

import java.io.Serializable;
import java.util.Objects;

/**
 * How to train.
 *
 * @param optimizer the update rule
 * @param learningRate base learning rate, {@code > 0}
 * @param schedule learning-rate schedule
 * @param epochs passes over the training rows, {@code >= 0}
 * @param batchSize rows per step, {@code >= 1} (the last batch of an epoch may be smaller)
 * @param weightDecay L2 decay on ungated parameters (weights and biases), PyTorch-style:
 *     {@code weightDecay * p} is added to the gradient. Gated factors never get it; they get
 *     the D-Gating decay instead.
 * @param seed seeds initialisation, shuffling and dropout; the same seed gives the same run
 */
public record TrainingConfig(
        Optimizer optimizer,
        double learningRate,
        LrSchedule schedule,
        int epochs,
        int batchSize,
        double weightDecay,
        long seed)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * Validates the settings.
     *
     * @param optimizer the update rule
     * @param learningRate base learning rate, {@code > 0}
     * @param schedule learning-rate schedule
     * @param epochs passes over the training rows, {@code >= 0}
     * @param batchSize rows per step, {@code >= 1} (the last batch of an epoch may be smaller)
     * @param weightDecay L2 decay on ungated parameters (weights and biases), PyTorch-style:
     *     {@code weightDecay * p} is added to the gradient. Gated factors never get it; they get
     *     the D-Gating decay instead.
     * @param seed seeds initialisation, shuffling and dropout; the same seed gives the same run
     * @throws IllegalArgumentException naming the impossible setting
     */
    public TrainingConfig {
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(schedule, "schedule");
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be a finite number > 0, got " + learningRate);
        }
        if (epochs < 0) {
            throw new IllegalArgumentException("epochs must be >= 0, got " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("weight decay must be a finite number >= 0, got " + weightDecay);
        }
    }

    /**
     * Returns a builder with the paper's feature-selection defaults: SGD momentum 0.9, lr 0.1,
     * cosine schedule, 100 epochs, batch 256, no ungated weight decay, seed 42.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link TrainingConfig}. */
    public static final class Builder {
        private Optimizer optimizer = new Optimizer.Sgd(0.9, false);
        private double learningRate = 0.1;
        private LrSchedule schedule = LrSchedule.COSINE;
        private int epochs = 100;
        private int batchSize = 256;
        private double weightDecay;
        private long seed = 42;

        private Builder() {}

        /**
         * Sets the optimizer.
         *
         * @param optimizer the update rule
         * @return this builder
         */
        public Builder optimizer(Optimizer optimizer) {
            this.optimizer = optimizer;
            return this;
        }

        /**
         * Sets the base learning rate.
         *
         * @param learningRate the rate
         * @return this builder
         */
        public Builder learningRate(double learningRate) {
            this.learningRate = learningRate;
            return this;
        }

        /**
         * Sets the schedule.
         *
         * @param schedule the schedule
         * @return this builder
         */
        public Builder schedule(LrSchedule schedule) {
            this.schedule = schedule;
            return this;
        }

        /**
         * Sets the number of epochs.
         *
         * @param epochs passes over the data
         * @return this builder
         */
        public Builder epochs(int epochs) {
            this.epochs = epochs;
            return this;
        }

        /**
         * Sets the batch size.
         *
         * @param batchSize rows per step
         * @return this builder
         */
        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /**
         * Sets the weight decay of ungated parameters.
         *
         * @param weightDecay the decay
         * @return this builder
         */
        public Builder weightDecay(double weightDecay) {
            this.weightDecay = weightDecay;
            return this;
        }

        /**
         * Sets the seed.
         *
         * @param seed the seed
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Returns the validated configuration.
         *
         * @return the configuration
         */
        public TrainingConfig build() {
            return new TrainingConfig(optimizer, learningRate, schedule, epochs, batchSize, weightDecay, seed);
        }
    }
}
