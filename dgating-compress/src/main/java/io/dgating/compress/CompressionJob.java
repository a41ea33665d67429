package io.dgating.compress;

import io.dgating.api.engine.Engine;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.train.TrainingConfig;
import io.dgating.api.train.TrainingDivergedException;
import io.dgating.api.train.TrainingListener;
import io.dgating.bench.report.OutputDirectory;
import io.dgating.store.AtomicFiles;
import io.dgating.store.TrainingCheckpointFile;
import io.dgating.store.TrainingResultFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A compression run that lives in a directory, as the command and a service run it: a new run
 * refuses to overwrite an earlier run's outputs unless asked, writes its settings first (any text
 * the caller can start the same run again from), checkpoints its training and its fine-tuning as it
 * goes, saves the last good state when training diverges, and writes the compact and dense models,
 * the result and the report at the end; {@link #resume} continues a run from its checkpoints,
 * bit-identically on the CPU engine.
 */
public final class CompressionJob {

    /** Files a finished run leaves in its directory. */
    public static final List<String> OUTPUTS = List.of(
            "model.onnx", "model-dense.onnx", "result.dgr", "report.md", "report.json", "training.png", "training.svg");
    /** The settings of a run, written first. */
    public static final String SETTINGS = "config.json";
    /** The last checkpoint of a run's training. */
    public static final String CHECKPOINT = "checkpoint.dgc";
    /** The last checkpoint of a run's fine-tuning after removal. */
    public static final String FINETUNE_CHECKPOINT = "checkpoint-finetune.dgc";

    private final Compressor compressor;
    private final Path dir;

    /**
     * Creates a job in a directory.
     *
     * @param compressor the compression facade
     * @param dir the run's directory (created if missing)
     */
    public CompressionJob(Compressor compressor, Path dir) {
        this.compressor = compressor;
        this.dir = dir;
    }

    /** {@return the run's directory} */
    public Path directory() {
        return dir;
    }

    /**
     * Refuses a directory with an earlier run's outputs, unless they may be replaced; {@link #start}
     * checks too, and a caller checks first to fail before it loads data.
     *
     * @param overwrite whether outputs of an earlier run may be replaced
     * @throws IllegalArgumentException naming the first output in the way
     */
    public void requireNoEarlierOutputs(boolean overwrite) {
        if (overwrite) {
            return;
        }
        for (String f : OUTPUTS) {
            if (Files.exists(dir.resolve(f))) {
                throw new IllegalArgumentException(dir.resolve(f) + " exists; pass --overwrite to replace it");
            }
        }
    }

    /**
     * Starts a new run.
     *
     * @param engine the engine (owned by the caller)
     * @param request what to compress
     * @param options how (its resume fields are the job's, and must be empty)
     * @param overwrite whether outputs of an earlier run in the directory may be replaced
     * @param settings the run's settings as text, written to {@value #SETTINGS} before anything else
     * @param listener training progress
     * @param messages progress and warnings in words
     * @return the result, whose files are written
     * @throws IllegalArgumentException if an earlier run's output is in the way, or the directory cannot be written
     * @throws IOException if an output cannot be written
     */
    public CompressionResult start(
            Engine engine,
            CompressionRequest request,
            CompressionOptions options,
            boolean overwrite,
            String settings,
            TrainingListener listener,
            Consumer<String> messages)
            throws IOException {
        requireNoEarlierOutputs(overwrite);
        prepare();
        // a fine-tuning checkpoint of an overwritten run must not be resumed with this run
        Files.deleteIfExists(dir.resolve(FINETUNE_CHECKPOINT));
        AtomicFiles.write(dir.resolve(SETTINGS), settings.getBytes(StandardCharsets.UTF_8), true);
        return run(engine, request, options, listener, messages);
    }

    /**
     * Continues the run in the directory from its last checkpoints: the training's, and the
     * fine-tuning's when it stopped while fine-tuning.
     *
     * @param engine the engine (owned by the caller)
     * @param request what the run compresses: the request it started with
     * @param options how: the options it started with
     * @param listener training progress
     * @param messages progress and warnings in words
     * @return the result, whose files are written
     * @throws IllegalArgumentException if the directory holds no checkpoint, or one of a run with other settings
     * @throws IOException if a checkpoint cannot be read or an output written
     */
    public CompressionResult resume(
            Engine engine,
            CompressionRequest request,
            CompressionOptions options,
            TrainingListener listener,
            Consumer<String> messages)
            throws IOException {
        TrainingCheckpointFile.Saved saved = read(CHECKPOINT, request);
        Optional<TrainingCheckpointFile.Saved> tuning = Files.exists(dir.resolve(FINETUNE_CHECKPOINT))
                ? Optional.of(read(FINETUNE_CHECKPOINT, request))
                : Optional.empty();
        CompressionOptions resumed = options.resumingFrom(
                saved.checkpoint(),
                tuning.filter(t -> options.fineTuning().isPresent()).map(TrainingCheckpointFile.Saved::checkpoint));
        return run(engine, request, resumed, listener, messages);
    }

    private TrainingCheckpointFile.Saved read(String name, CompressionRequest request) throws IOException {
        Path file = dir.resolve(name);
        TrainingCheckpointFile.Saved s = TrainingCheckpointFile.read(file);
        if (!s.model().equals(request.model())
                || !s.gating().equals(request.gating())
                || !s.training().equals(request.training())) {
            throw new IllegalArgumentException(file + " belongs to a run with other settings; resume with the settings "
                    + "of " + dir.resolve(SETTINGS) + " (no overriding flags)");
        }
        return s;
    }

    private CompressionResult run(
            Engine engine,
            CompressionRequest request,
            CompressionOptions options,
            TrainingListener listener,
            Consumer<String> messages)
            throws IOException {
        ModelSpec model = request.model();
        GatingConfig gating = request.gating();
        TrainingConfig training = request.training();
        TrainingListener checkpointing =
                new CheckpointWriter(listener, dir.resolve(CHECKPOINT), model, gating, training);
        CompressionResult r;
        try {
            r = compressor.compress(engine, request, options, checkpointing, messages);
        } catch (TrainingDivergedException d) {
            if (d.lastGood().isPresent() && d.lastGood().get().epochsDone() > 0) {
                TrainingCheckpointFile.write(
                        dir.resolve(CHECKPOINT),
                        new TrainingCheckpointFile.Saved(d.lastGood().get(), model, gating, training));
                throw new TrainingDivergedException(
                        d.getMessage() + "; the last good state (after epoch "
                                + d.lastGood().get().epochsDone() + ") is saved in " + dir.resolve(CHECKPOINT),
                        d.lastGood().get());
            }
            throw d;
        }
        r.writeOnnx(dir.resolve("model.onnx"), true);
        r.dense().writeTo(dir.resolve("model-dense.onnx"), true);
        TrainingResultFile.write(r.training(), dir.resolve("result.dgr"), true);
        CompressionReport.write(dir, r);
        return r;
    }

    private void prepare() {
        try {
            OutputDirectory.prepare(dir);
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
