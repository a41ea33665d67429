package io.dgating.compress;

import io.dgating.api.gating.GatingConfig;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.train.EpochStats;
import io.dgating.api.train.TrainingCheckpoint;
import io.dgating.api.train.TrainingConfig;
import io.dgating.api.train.TrainingListener;
import io.dgating.store.TrainingCheckpointFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Forwards progress and writes every checkpoint atomically to one file, replacing the previous one. */
final class CheckpointWriter implements TrainingListener {

    private final TrainingListener progress;
    private final Path file;
    private final ModelSpec model;
    private final GatingConfig gating;
    private final TrainingConfig training;

    CheckpointWriter(
            TrainingListener progress, Path file, ModelSpec model, GatingConfig gating, TrainingConfig training) {
        this.progress = progress;
        this.file = file;
        this.model = model;
        this.gating = gating;
        this.training = training;
    }

    @Override
    public void onStart(int epochs, int stepsPerEpoch) {
        progress.onStart(epochs, stepsPerEpoch);
    }

    @Override
    public void onStep(long step, double loss) {
        progress.onStep(step, loss);
    }

    @Override
    public void onEpoch(EpochStats stats) {
        progress.onEpoch(stats);
    }

    /** Writes the fine-tuning's checkpoints to {@link CompressionJob#FINETUNE_CHECKPOINT} beside this file. */
    @Override
    public TrainingListener fineTuning() {
        return new CheckpointWriter(
                progress, file.resolveSibling(CompressionJob.FINETUNE_CHECKPOINT), model, gating, training);
    }

    @Override
    public void onCheckpoint(TrainingCheckpoint checkpoint) {
        try {
            TrainingCheckpointFile.write(file, new TrainingCheckpointFile.Saved(checkpoint, model, gating, training));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + file + ": " + e.getMessage(), e);
        }
    }
}
