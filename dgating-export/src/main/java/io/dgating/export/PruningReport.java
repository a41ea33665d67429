package io.dgating.export;

import java.util.List;

/**
 * What an export kept and removed.
 *
 * @param variant compact or dense
 * @param layers per layer with weights that multiply (dense, convolution, attention): groups before, removed,
 *     almost zero; units, inputs and multiply-adds before and after
 * @param keptFeatureIndices original indices of the features the model reads
 * @param keptFeatureNames their names
 * @param denseParameters parameters of the collapsed model
 * @param exportedParameters parameters in the exported graph's layers
 * @param multiplyAddsBefore multiply-adds per example of the collapsed model, summed over every layer kind's count
 * @param multiplyAddsAfter multiply-adds per example of the exported graph (0 for a constant output)
 * @param constantOutput whether the model output no longer depends on the input
 * @param notes folds and removals beyond single groups
 */
public record PruningReport(
        ExportOptions.Variant variant,
        List<LayerReport> layers,
        int[] keptFeatureIndices,
        List<String> keptFeatureNames,
        long denseParameters,
        long exportedParameters,
        long multiplyAddsBefore,
        long multiplyAddsAfter,
        boolean constantOutput,
        List<String> notes) {

    /**
     * Copies the collections.
     *
     * @param variant compact or dense
     * @param layers per layer with weights that multiply (dense, convolution, attention): groups before, removed,
     *     almost zero; units, inputs and multiply-adds before and after
     * @param keptFeatureIndices original indices of the features the model reads
     * @param keptFeatureNames their names
     * @param denseParameters parameters of the collapsed model
     * @param exportedParameters parameters in the exported graph's layers
     * @param multiplyAddsBefore multiply-adds per example of the collapsed model, summed over every layer kind's count
     * @param multiplyAddsAfter multiply-adds per example of the exported graph (0 for a constant output)
     * @param constantOutput whether the model output no longer depends on the input
     * @param notes folds and removals beyond single groups
     */
    public PruningReport {
        layers = List.copyOf(layers);
        keptFeatureIndices = keptFeatureIndices.clone();
        keptFeatureNames = List.copyOf(keptFeatureNames);
        notes = List.copyOf(notes);
    }

    /** {@return a copy of the kept indices} */
    @Override
    public int[] keptFeatureIndices() {
        return keptFeatureIndices.clone();
    }

    /** {@return the share of the collapsed model's parameters the export keeps} */
    public double parameterShare() {
        return denseParameters == 0 ? 1.0 : (double) exportedParameters / denseParameters;
    }
}
