package io.dgating.api.train;

import io.dgating.api.ExtensionPoint;
import io.dgating.api.ParameterSet;
import io.dgating.api.data.Dataset;

/**
 * A model under training as an engine holds it: its own tensors, forward and backward passes and
 * update rule. The {@link TrainingLoop} drives it (batches, schedule, epochs, listeners,
 * divergence, checkpoints and metrics), so every engine trains by the same rules. Not thread-safe;
 * one network per training run, closed by the loop.
 */
@ExtensionPoint
public interface TrainableNetwork extends AutoCloseable {

    /**
     * Runs a training-mode forward and backward pass on a batch and keeps the gradients of the
     * data loss plus the D-Gating penalty plus the weight decay of ungated parameters.
     *
     * @param x row-major inputs, at least {@code rows * inputs} values
     * @param targets one target per row (a class index for classification)
     * @param rows rows in the batch
     * @return the batch's mean data loss (NaN or infinite when training diverged)
     */
    default double lossAndGradients(float[] x, float[] targets, int rows) {
        return lossAndGradients(x, targets, null, 0, rows);
    }

    /**
     * As {@link #lossAndGradients(float[], float[], int)}, with a classifier's target for row {@code r}
     * the mixture {@code (1 - teacherWeight) onehot(targets[r]) + teacherWeight teacher[r]}
     * ({@link Distillation}).
     *
     * @param x row-major inputs
     * @param targets one class index per row
     * @param teacher the teacher's probabilities, {@code [rows, classes]}, or null for hard labels only
     * @param teacherWeight the teacher's share of each target (ignored without a teacher)
     * @param rows rows in the batch
     * @return the batch's mean data loss against the mixed targets
     */
    double lossAndGradients(float[] x, float[] targets, float[] teacher, double teacherWeight, int rows);

    /**
     * Applies one optimizer step to every parameter from the gradients of the last pass.
     *
     * @param learningRate the step's learning rate
     */
    void step(double learningRate);

    /**
     * Restarts the random streams of training-mode layers (dropout masks) from a seed, so that an
     * epoch draws the same masks whether the run was interrupted before it or not.
     *
     * @param seed the epoch's seed
     */
    void reseed(long seed);

    /** {@return a copy of the parameters in gated form (omega and gates separate)} */
    ParameterSet parameters();

    /**
     * Overwrites the parameters (a proximal step's result); the optimizer state is kept.
     *
     * @param params gated-form parameters with this network's names and shapes
     */
    void setParameters(ParameterSet params);

    /** {@return a copy of the optimizer's buffers, named {@code <parameter>.<buffer>}} */
    ParameterSet optimizerState();

    /**
     * Restores optimizer buffers saved by {@link #optimizerState()} after {@code steps} steps.
     *
     * @param state the buffers
     * @param steps optimizer steps taken when they were saved
     * @throws IllegalArgumentException if a buffer is missing or misshapen
     */
    void restoreOptimizer(ParameterSet state, long steps);

    /**
     * Returns the model's loss and accuracy (or RMSE) on a dataset, in inference mode.
     *
     * @param data the rows (may be empty: rows 0 and NaN scores)
     * @return the metrics
     */
    Metrics evaluate(Dataset data);

    /** Releases the engine's memory for this network. */
    @Override
    void close();
}
