package io.dgating.experiments.path;

import io.dgating.api.data.DatasetSplits;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.train.TrainingConfig;

/**
 * Everything every chain of a path shares: what is trained on which data with which settings.
 *
 * @param model the architecture
 * @param gatingTemplate which layers are gated and eps; depth and lambda come from each chain
 * @param training training settings of every run
 * @param data the splits
 * @param spec the grid
 */
public record PathSetup(
        ModelSpec model, GatingConfig gatingTemplate, TrainingConfig training, DatasetSplits data, PathSpec spec) {}
