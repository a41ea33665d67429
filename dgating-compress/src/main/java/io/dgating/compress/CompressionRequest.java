package io.dgating.compress;

import io.dgating.api.data.DatasetSplits;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.train.TrainingConfig;
import io.dgating.importer.OnnxModel;
import java.util.Objects;
import java.util.Optional;

/**
 * What to compress: the data, the model and its gating, the training settings, and, for a model
 * trained elsewhere, the imported ONNX file and how its weights start D-Gating.
 *
 * @param rawSplits unstandardised splits (standardised by the compressor as the model needs)
 * @param model the architecture (for an imported model: its translation, with the head the data need)
 * @param gating the gating; its lambda starts a sparsity search when the options ask for one
 * @param training the training settings
 * @param imported the model trained elsewhere, or empty for a model trained from scratch
 * @param importOptions how an imported model's weights start D-Gating and whether it teaches the compact one
 */
public record CompressionRequest(
        DatasetSplits rawSplits,
        ModelSpec model,
        GatingConfig gating,
        TrainingConfig training,
        Optional<OnnxModel> imported,
        ImportOptions importOptions) {

    /**
     * Checks for nulls.
     *
     * @param rawSplits unstandardised splits
     * @param model the architecture
     * @param gating the gating
     * @param training the training settings
     * @param imported the model trained elsewhere, or empty
     * @param importOptions how an imported model starts
     */
    public CompressionRequest {
        Objects.requireNonNull(rawSplits, "rawSplits");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(gating, "gating");
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(imported, "imported");
        Objects.requireNonNull(importOptions, "importOptions");
    }

    /**
     * Returns a request to train a model from scratch.
     *
     * @param rawSplits unstandardised splits
     * @param model the architecture
     * @param gating the gating
     * @param training the training settings
     * @return the request
     */
    public static CompressionRequest of(
            DatasetSplits rawSplits, ModelSpec model, GatingConfig gating, TrainingConfig training) {
        return new CompressionRequest(rawSplits, model, gating, training, Optional.empty(), ImportOptions.defaults());
    }
}
