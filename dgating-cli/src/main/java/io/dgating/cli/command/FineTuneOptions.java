package io.dgating.cli.command;

import io.dgating.api.train.FineTuning;
import io.dgating.api.train.TrainingConfig;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Fine-tuning after removal, shared by {@code compress} and {@code path}; each command picks its default. */
final class FineTuneOptions {

    @Option(
            names = "--finetune-epochs",
            paramLabel = "N",
            description =
                    "After removal, train the compact architecture N more epochs without the group penalty (removed "
                            + "groups stay zero); the compact model is the fine-tuned one. 0: off. Default: compress a tenth of "
                            + "--epochs (at least 1), path 0.")
    Integer epochs;

    @Option(
            names = "--finetune-lr",
            paramLabel = "LR",
            description = "Base learning rate of fine-tuning (same optimizer and schedule). Default: --lr / 10.")
    Double lr;

    /**
     * Returns the fine-tuning asked for.
     *
     * @param training the main training's settings (learning rate and epochs for the defaults)
     * @param onByDefault whether a command left without {@code --finetune-epochs} fine-tunes
     * @return the fine-tuning, or empty when it is off
     * @throws IllegalArgumentException for negative epochs or a learning rate that is not positive
     */
    Optional<FineTuning> fineTuning(TrainingConfig training, boolean onByDefault) {
        int n = epochs != null
                ? epochs
                : onByDefault ? FineTuning.defaultFor(training).epochs() : 0;
        if (n < 0) {
            throw new IllegalArgumentException("--finetune-epochs must be >= 0, got " + n);
        }
        if (lr != null && !(lr > 0 && Double.isFinite(lr))) {
            throw new IllegalArgumentException("--finetune-lr must be a finite number > 0, got " + lr);
        }
        return n == 0
                ? Optional.empty()
                : Optional.of(new FineTuning(n, lr != null ? lr : training.learningRate() / 10));
    }
}
