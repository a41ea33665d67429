package io.dgating.compress;

import io.dgating.api.train.FineTuning;
import io.dgating.api.train.TrainingCheckpoint;
import io.dgating.export.ExportOptions;
import io.dgating.runtime.Provider;
import java.util.List;
import java.util.Optional;

/**
 * How to compress, beyond model and gating.
 *
 * @param target a sparsity goal that chooses lambda by search (empty: use the gating's lambda)
 * @param input what the compact model takes: kept or all features
 * @param benchmarkBatches batch sizes for the latency benchmark (empty: no benchmark)
 * @param benchmarkCalls timed calls per model and batch size
 * @param provider ONNX Runtime provider for verification and benchmark
 * @param searchSteps bisection steps of the lambda search
 * @param checkpointEvery report a checkpoint to the training listener every this many epochs (0: never)
 * @param resumeFrom continue this checkpoint of an earlier run with the same settings
 * @param fineTuning train the compact architecture after removal (empty: export the model as trained)
 * @param resumeFineTuningFrom continue this checkpoint of the fine-tuning of an earlier run with the same
 *     settings (its training must be complete: {@code resumeFrom} at the last epoch, or a rerun of it)
 */
public record CompressionOptions(
        Optional<SparsityTarget> target,
        ExportOptions.InputMode input,
        List<Integer> benchmarkBatches,
        int benchmarkCalls,
        Provider provider,
        int searchSteps,
        int checkpointEvery,
        Optional<TrainingCheckpoint> resumeFrom,
        Optional<FineTuning> fineTuning,
        Optional<TrainingCheckpoint> resumeFineTuningFrom) {

    /**
     * Copies the list and validates.
     *
     * @param target a sparsity goal that chooses lambda by search (empty: use the gating's lambda)
     * @param input what the compact model takes: kept or all features
     * @param benchmarkBatches batch sizes for the latency benchmark (empty: no benchmark)
     * @param benchmarkCalls timed calls per model and batch size
     * @param provider ONNX Runtime provider for verification and benchmark
     * @param searchSteps bisection steps of the lambda search
     * @param checkpointEvery report a checkpoint to the training listener every this many epochs (0: never)
     * @param resumeFrom continue this checkpoint of an earlier run with the same settings
     * @param fineTuning train the compact architecture after removal (empty: export the model as trained)
     * @param resumeFineTuningFrom continue this checkpoint of the fine-tuning of an earlier run with the same
     *     settings (its training must be complete: {@code resumeFrom} at the last epoch, or a rerun of it)
     */
    public CompressionOptions {
        benchmarkBatches = List.copyOf(benchmarkBatches);
        if (benchmarkCalls < 1 || searchSteps < 1) {
            throw new IllegalArgumentException("benchmark calls and search steps must be >= 1");
        }
        if (checkpointEvery < 0) {
            throw new IllegalArgumentException("checkpoint interval must be >= 0 epochs, got " + checkpointEvery);
        }
        if (resumeFineTuningFrom.isPresent() && fineTuning.isEmpty()) {
            throw new IllegalArgumentException("a fine-tuning checkpoint to resume, but no fine-tuning asked for");
        }
        if ((resumeFrom.isPresent() || resumeFineTuningFrom.isPresent()) && target.isPresent()) {
            throw new IllegalArgumentException("resuming works for a fixed lambda, not with a sparsity target search");
        }
    }

    /**
     * Returns the defaults: given lambda, kept-feature input, benchmark at batch 1, 32 and 256
     * with 200 calls, CPU provider, 8 search steps, no fine-tuning (add it with
     * {@link #withFineTuning}; {@link FineTuning#defaultFor} gives the command line's default).
     *
     * @return the options
     */
    public static CompressionOptions defaults() {
        return new CompressionOptions(
                Optional.empty(),
                ExportOptions.InputMode.KEPT_FEATURES,
                List.of(1, 32, 256),
                200,
                Provider.CPU,
                8,
                0,
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    /**
     * Returns these options with a sparsity target.
     *
     * @param t the target
     * @return new options
     */
    public CompressionOptions withTarget(SparsityTarget t) {
        return new CompressionOptions(
                Optional.of(t),
                input,
                benchmarkBatches,
                benchmarkCalls,
                provider,
                searchSteps,
                checkpointEvery,
                resumeFrom,
                fineTuning,
                resumeFineTuningFrom);
    }

    /**
     * Returns these options with other benchmark batch sizes (empty: skip the benchmark).
     *
     * @param batches batch sizes
     * @return new options
     */
    public CompressionOptions withBenchmark(List<Integer> batches) {
        return new CompressionOptions(
                target,
                input,
                batches,
                benchmarkCalls,
                provider,
                searchSteps,
                checkpointEvery,
                resumeFrom,
                fineTuning,
                resumeFineTuningFrom);
    }

    /**
     * Returns these options with fine-tuning after removal.
     *
     * @param f epochs and learning rate
     * @return new options
     */
    public CompressionOptions withFineTuning(FineTuning f) {
        return new CompressionOptions(
                target,
                input,
                benchmarkBatches,
                benchmarkCalls,
                provider,
                searchSteps,
                checkpointEvery,
                resumeFrom,
                Optional.of(f),
                resumeFineTuningFrom);
    }

    /**
     * Returns these options with another compact-model input.
     *
     * @param mode kept or all features
     * @return new options
     */
    public CompressionOptions withInput(ExportOptions.InputMode mode) {
        return new CompressionOptions(
                target,
                mode,
                benchmarkBatches,
                benchmarkCalls,
                provider,
                searchSteps,
                checkpointEvery,
                resumeFrom,
                fineTuning,
                resumeFineTuningFrom);
    }

    /**
     * Returns these options writing a checkpoint every few epochs.
     *
     * @param epochs the interval (0: never)
     * @return new options
     */
    public CompressionOptions withCheckpointEvery(int epochs) {
        return new CompressionOptions(
                target,
                input,
                benchmarkBatches,
                benchmarkCalls,
                provider,
                searchSteps,
                epochs,
                resumeFrom,
                fineTuning,
                resumeFineTuningFrom);
    }

    /**
     * Returns these options continuing an earlier run with the same settings.
     *
     * @param training the training's last checkpoint
     * @param fineTuning the fine-tuning's last checkpoint, if the run stopped while fine-tuning
     * @return new options
     */
    public CompressionOptions resumingFrom(TrainingCheckpoint training, Optional<TrainingCheckpoint> fineTuning) {
        return new CompressionOptions(
                target,
                input,
                benchmarkBatches,
                benchmarkCalls,
                provider,
                searchSteps,
                checkpointEvery,
                Optional.of(training),
                this.fineTuning,
                fineTuning);
    }
}
