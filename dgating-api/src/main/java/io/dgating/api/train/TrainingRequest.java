package io.dgating.api.train;

import io.dgating.api.ParameterSet;
import io.dgating.api.Shape;
import io.dgating.api.data.Dataset;
import io.dgating.api.data.DatasetSplits;
import io.dgating.api.data.Task;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.model.Head;
import io.dgating.api.model.ModelSpec;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything an engine needs for one training run.
 *
 * @param model the architecture
 * @param gating which groups are gated, D, lambda, eps
 * @param training optimizer, schedule, epochs, batch, seed
 * @param data standardised (or not) train/validation/test rows
 * @param initialParameters gated parameters to start from instead of a seeded initialisation
 *     (to resume, or to give two engines the same start); empty for a fresh start
 * @param listener progress receiver
 * @param resumeFrom a checkpoint of an earlier run of the same request to continue from
 * @param checkpointEvery report a {@link TrainingCheckpoint} to the listener every this many epochs (0: never)
 * @param gatesFrozen whether the gate matrices keep their starting values (fine-tuning after removal)
 * @param proximal a proximal step applied after every optimizer step (a baseline's non-smooth penalty), or empty
 * @param distillation a teacher whose probabilities are mixed into the classification targets, or empty
 */
public record TrainingRequest(
        ModelSpec model,
        GatingConfig gating,
        TrainingConfig training,
        DatasetSplits data,
        Optional<ParameterSet> initialParameters,
        TrainingListener listener,
        Optional<TrainingCheckpoint> resumeFrom,
        int checkpointEvery,
        boolean gatesFrozen,
        Optional<Proximal> proximal,
        Optional<Distillation> distillation) {

    /**
     * Checks that the parts fit together.
     *
     * @param model the architecture
     * @param gating which groups are gated, D, lambda, eps
     * @param training optimizer, schedule, epochs, batch, seed
     * @param data standardised (or not) train/validation/test rows
     * @param initialParameters gated parameters to start from instead of a seeded initialisation
     *     (to resume, or to give two engines the same start); empty for a fresh start
     * @param listener progress receiver
     * @param resumeFrom a checkpoint of an earlier run of the same request to continue from
     * @param checkpointEvery report a {@link TrainingCheckpoint} to the listener every this many epochs (0: never)
     * @param gatesFrozen whether the gate matrices keep their starting values (fine-tuning after removal)
     * @param proximal a proximal step applied after every optimizer step (a baseline's non-smooth penalty), or empty
     * @param distillation a teacher whose probabilities are mixed into the classification targets, or empty
     * @throws IllegalArgumentException naming the mismatch
     */
    public TrainingRequest {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(gating, "gating");
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(initialParameters, "initialParameters");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(resumeFrom, "resumeFrom");
        Objects.requireNonNull(proximal, "proximal");
        Objects.requireNonNull(distillation, "distillation");
        if (checkpointEvery < 0) {
            throw new IllegalArgumentException("checkpoint interval must be >= 0 epochs, got " + checkpointEvery);
        }
        if (resumeFrom.isPresent() && initialParameters.isPresent()) {
            throw new IllegalArgumentException("give initial parameters or a checkpoint to resume from, not both");
        }
        if (resumeFrom.isPresent() && resumeFrom.get().epochsDone() > training.epochs()) {
            throw new IllegalArgumentException("the checkpoint is at epoch "
                    + resumeFrom.get().epochsDone() + " but the run has only " + training.epochs() + " epochs");
        }
        // a model of flat examples reads any example as its row-major values (an MLP on images);
        // a model of shaped examples needs exactly that shape
        if (model.inputShape().rank() == 1
                ? model.inputSize() != data.train().cols()
                : !model.inputShape().equals(data.train().sampleShape())) {
            throw new IllegalArgumentException("model takes examples of shape " + model.inputShape() + " but "
                    + data.train().name() + " has " + data.train().sampleShape());
        }
        Task task = data.train().task();
        if (task == Task.CLASSIFICATION && model.head() != Head.SOFTMAX_CROSS_ENTROPY) {
            throw new IllegalArgumentException("classification data needs the softmax cross-entropy head");
        }
        if (task == Task.REGRESSION && model.head() != Head.SQUARED_ERROR) {
            throw new IllegalArgumentException("regression data needs the squared-error head");
        }
        if (task == Task.CLASSIFICATION && data.train().classes() < 2) {
            throw new IllegalArgumentException(
                    data.train().name() + ": the label has " + data.train().classes()
                            + " class"
                            + (data.train().classes() == 1
                                    ? " ('" + data.train().classNames().get(0) + "')"
                                    : "es")
                            + "; classification needs at least 2");
        }
        int positions = data.train().targetsPerRow();
        if (task == Task.CLASSIFICATION
                && positions == 1
                && model.outputSize() != data.train().classes()) {
            throw new IllegalArgumentException("model has " + model.outputSize() + " outputs but the data has "
                    + data.train().classes() + " classes");
        }
        Shape out = model.outputShape();
        if (positions > 1
                && (out.rank() != 2
                        || out.dim(0) != positions
                        || out.dim(1) != data.train().classes())) {
            throw new IllegalArgumentException("the data has a class target at each of " + positions + " positions ("
                    + data.train().classes() + " classes), so the model must output [" + positions + ", "
                    + data.train().classes() + "] logits, got " + out);
        }
        if (task == Task.REGRESSION && model.outputSize() != 1) {
            throw new IllegalArgumentException("regression needs one model output, got " + model.outputSize());
        }
        gating.validateAgainst(model);
    }

    /**
     * Returns a fresh-start request without a listener.
     *
     * @param model the architecture
     * @param gating the gating
     * @param training the training settings
     * @param data the splits
     * @return the request
     */
    public static TrainingRequest of(
            ModelSpec model, GatingConfig gating, TrainingConfig training, DatasetSplits data) {
        return new TrainingRequest(
                model,
                gating,
                training,
                data,
                Optional.empty(),
                TrainingListener.NONE,
                Optional.empty(),
                0,
                false,
                Optional.empty(),
                Optional.empty());
    }

    /**
     * Returns this request starting from the given gated parameters.
     *
     * @param initial parameters named and shaped as the engine's initialisation
     * @return a new request
     */
    public TrainingRequest withInitialParameters(ParameterSet initial) {
        return new TrainingRequest(
                model,
                gating,
                training,
                data,
                Optional.of(initial),
                listener,
                resumeFrom,
                checkpointEvery,
                gatesFrozen,
                proximal,
                distillation);
    }

    /**
     * Returns this request reporting to {@code l}.
     *
     * @param l the listener
     * @return a new request
     */
    public TrainingRequest withListener(TrainingListener l) {
        return new TrainingRequest(
                model,
                gating,
                training,
                data,
                initialParameters,
                l,
                resumeFrom,
                checkpointEvery,
                gatesFrozen,
                proximal,
                distillation);
    }

    /**
     * Returns this request continuing from a checkpoint.
     *
     * @param checkpoint the state to resume
     * @return a new request
     */
    public TrainingRequest resumingFrom(TrainingCheckpoint checkpoint) {
        return new TrainingRequest(
                model,
                gating,
                training,
                data,
                initialParameters,
                listener,
                Optional.of(checkpoint),
                checkpointEvery,
                gatesFrozen,
                proximal,
                distillation);
    }

    /**
     * Returns this request reporting a checkpoint every {@code epochs} epochs.
     *
     * @param epochs the interval (0: never)
     * @return a new request
     */
    public TrainingRequest withCheckpointsEvery(int epochs) {
        return new TrainingRequest(
                model,
                gating,
                training,
                data,
                initialParameters,
                listener,
                resumeFrom,
                epochs,
                gatesFrozen,
                proximal,
                distillation);
    }

    /**
     * Returns this request with the gate matrices held at their starting values: only the other
     * parameters learn. With gates of 1 for kept groups and 0 for removed ones and lambda 0, this
     * fine-tunes the compact architecture after removal (removed groups stay exactly zero, the
     * rest trains without the group penalty).
     *
     * @return the request with frozen gates
     */
    public TrainingRequest withGatesFrozen() {
        return new TrainingRequest(
                model,
                gating,
                training,
                data,
                initialParameters,
                listener,
                resumeFrom,
                checkpointEvery,
                true,
                proximal,
                distillation);
    }

    /**
     * Returns this request with a proximal step after every optimizer step.
     *
     * @param step the proximal operator
     * @return a new request
     */
    public TrainingRequest withProximal(Proximal step) {
        return new TrainingRequest(
                model,
                gating,
                training,
                data,
                initialParameters,
                listener,
                resumeFrom,
                checkpointEvery,
                gatesFrozen,
                Optional.of(step),
                distillation);
    }

    /**
     * Returns this request distilling from a teacher.
     *
     * @param d the teacher's probabilities for every training row and its weight
     * @return a new request
     * @throws IllegalArgumentException if the data are not single-target classification or the sizes differ
     */
    public TrainingRequest withDistillation(Distillation d) {
        Dataset train = data.train();
        if (train.task() != Task.CLASSIFICATION || train.targetsPerRow() != 1) {
            throw new IllegalArgumentException("distillation needs a classification task with one label per row");
        }
        if (d.size() != (long) train.rows() * train.classes()) {
            throw new IllegalArgumentException(
                    "the teacher gives " + d.size() + " probabilities; " + train.rows() + " training rows of "
                            + train.classes() + " classes need " + (long) train.rows() * train.classes());
        }
        return new TrainingRequest(
                model,
                gating,
                training,
                data,
                initialParameters,
                listener,
                resumeFrom,
                checkpointEvery,
                gatesFrozen,
                proximal,
                Optional.of(d));
    }
}
