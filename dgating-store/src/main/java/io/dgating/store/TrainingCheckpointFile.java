package io.dgating.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dgating.api.ParameterSet;
import io.dgating.api.Tensor;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.gating.ParameterLayout;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.train.EpochStats;
import io.dgating.api.train.TrainingCheckpoint;
import io.dgating.api.train.TrainingConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Saves and loads a {@link TrainingCheckpoint} with the model, gating and training settings it
 * belongs to, in the same container as result files (format {@value #FORMAT}, version
 * {@value #VERSION}): the manifest adds {@code epochsDone} and {@code steps}; tensors named
 * {@code param/...} are the gated parameters, {@code optimizer/...} the optimizer's buffers.
 */
public final class TrainingCheckpointFile {

    /** Format name in the manifest. */
    public static final String FORMAT = "dgating-checkpoint";
    /** Version this code writes. */
    public static final int VERSION = 2;
    /**
     * The oldest version this code reads. Version 1 models were chains of dense, dropout and
     * flatten layers; version 2 adds every graph layer kind and the model's wiring
     * ({@code model.inputs}), which a version-1 reader would have ignored, hence the bump.
     */
    public static final int OLDEST_READABLE = 1;

    private static final String PARAM = "param/";
    private static final String OPTIMIZER = "optimizer/";

    /**
     * A checkpoint with what it belongs to.
     *
     * @param checkpoint the state
     * @param model the architecture
     * @param gating the gating
     * @param training the training settings
     */
    public record Saved(TrainingCheckpoint checkpoint, ModelSpec model, GatingConfig gating, TrainingConfig training) {}

    private TrainingCheckpointFile() {}

    /**
     * Writes a checkpoint atomically, replacing an older one.
     *
     * @param file the target
     * @param saved the checkpoint and what it belongs to
     * @throws IOException if it cannot be written
     */
    public static void write(Path file, Saved saved) throws IOException {
        TrainingCheckpoint c = saved.checkpoint();
        ObjectNode m = ResultJson.MAPPER.createObjectNode();
        m.put("format", FORMAT)
                .put("version", VERSION)
                .put("epochsDone", c.epochsDone())
                .put("steps", c.steps());
        m.set("model", ResultJson.model(saved.model()));
        m.set("gating", ResultJson.gating(saved.gating()));
        m.set("training", ResultJson.training(saved.training()));
        ArrayNode history = m.putArray("history");
        c.history().forEach(e -> history.add(ResultJson.epoch(e)));
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        c.parameters().asMap().forEach((k, v) -> tensors.put(PARAM + k, v));
        c.optimizerState().asMap().forEach((k, v) -> tensors.put(OPTIMIZER + k, v));
        AtomicFiles.write(file, Archive.write(m, tensors), true);
    }

    /**
     * Reads a checkpoint.
     *
     * @param file the file
     * @return the checkpoint and what it belongs to
     * @throws ResultFileException if the file is missing, truncated, corrupt or of another version
     */
    public static Saved read(Path file) {
        Archive.Content content = Archive.read(file, FORMAT, OLDEST_READABLE, VERSION, "checkpoint");
        try {
            JsonNode m = content.manifest();
            ModelSpec model = ResultJson.model(ResultJson.req(m, "model"));
            GatingConfig gating = ResultJson.gating(ResultJson.req(m, "gating"));
            Map<String, Tensor> params = new LinkedHashMap<>();
            Map<String, Tensor> optimizer = new LinkedHashMap<>();
            content.tensors().forEach((k, v) -> {
                if (k.startsWith(PARAM)) {
                    params.put(k.substring(PARAM.length()), v);
                } else if (k.startsWith(OPTIMIZER)) {
                    optimizer.put(k.substring(OPTIMIZER.length()), v);
                }
            });
            ParameterSet parameters = new ParameterSet(params);
            ParameterLayout.check(model, gating, parameters);
            List<EpochStats> history = new ArrayList<>();
            ResultJson.req(m, "history").forEach(e -> history.add(ResultJson.epoch(e)));
            TrainingCheckpoint c = new TrainingCheckpoint(
                    ResultJson.req(m, "epochsDone").intValue(),
                    ResultJson.req(m, "steps").longValue(),
                    parameters,
                    new ParameterSet(optimizer),
                    history);
            return new Saved(c, model, gating, ResultJson.training(ResultJson.req(m, "training")));
        } catch (RuntimeException e) {
            throw new ResultFileException(file + ": invalid checkpoint: " + e.getMessage(), e);
        }
    }
}
