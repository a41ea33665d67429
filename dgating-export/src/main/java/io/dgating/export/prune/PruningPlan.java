package io.dgating.export.prune;

import java.util.List;

/**
 * The compact model: what each dense layer keeps, which original input features it reads, and
 * the constant output when nothing reaches the output any more.
 *
 * @param layers per dense layer, in model order
 * @param reports per dense layer, groups and sizes before and after
 * @param keptFeatures original indices of the input features the compact model reads
 * @param constantOutput the output vector when the model no longer depends on its input, else null
 * @param denseParameters parameters of the collapsed, unpruned model (weights and biases)
 * @param notes what the planner folded or removed beyond single groups
 */
public record PruningPlan(
        List<LayerPlan> layers,
        List<LayerPlan.Report> reports,
        int[] keptFeatures,
        float[] constantOutput,
        long denseParameters,
        List<String> notes) {

    /**
     * Copies the collections.
     *
     * @param layers per dense layer, in model order
     * @param reports per dense layer, groups and sizes before and after
     * @param keptFeatures original indices of the input features the compact model reads
     * @param constantOutput the output vector when the model no longer depends on its input, else null
     * @param denseParameters parameters of the collapsed, unpruned model (weights and biases)
     * @param notes what the planner folded or removed beyond single groups
     */
    public PruningPlan {
        layers = List.copyOf(layers);
        reports = List.copyOf(reports);
        keptFeatures = keptFeatures.clone();
        constantOutput = constantOutput == null ? null : constantOutput.clone();
        notes = List.copyOf(notes);
    }

    /** {@return a copy of the kept feature indices} */
    @Override
    public int[] keptFeatures() {
        return keptFeatures.clone();
    }

    /** {@return a copy of the constant output, or null} */
    @Override
    public float[] constantOutput() {
        return constantOutput == null ? null : constantOutput.clone();
    }

    /** {@return whether the model output is a constant} */
    public boolean isConstant() {
        return constantOutput != null;
    }

    /** {@return the parameters the compact model keeps} */
    public long compactParameters() {
        return isConstant()
                ? constantOutput.length
                : layers.stream().mapToLong(LayerPlan::parameters).sum();
    }
}
