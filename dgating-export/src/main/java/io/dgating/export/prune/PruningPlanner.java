package io.dgating.export.prune;

import io.dgating.api.ParameterSet;
import io.dgating.api.data.Standardization;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.gating.GroupReport;
import io.dgating.api.model.Dense;
import io.dgating.api.model.Dropout;
import io.dgating.api.model.Flatten;
import io.dgating.api.model.LayerSpec;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.train.TrainingResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Runs the per-layer-kind rules over a model: forward (constants and decisions), then backward
 * (what is read). The result lists, per layer, what the compact model computes.
 */
public final class PruningPlanner {

    private final Map<Class<? extends LayerSpec>, PruningRule<?>> rules = Map.of(
            Dense.class, new DenseRule(),
            Dropout.class, new PassThroughRule<Dropout>(),
            Flatten.class, new PassThroughRule<Flatten>());

    /**
     * Plans the compact model of a training result.
     *
     * @param result the trained model
     * @param removeGroups false keeps every group (the dense export), true removes zero groups
     * @return the plan
     */
    public PruningPlan plan(TrainingResult result, boolean removeGroups) {
        return plan(
                result.model(),
                result.gating(),
                result.collapsed(),
                result.groupReports(),
                result.standardization(),
                removeGroups,
                Signal.allAlive(result.model().inputSize()));
    }

    /**
     * Plans the compact form of a chain of dense, dropout and flatten layers.
     *
     * @param model the chain (for a network with a trunk: its final dense layers, fed by the flattened trunk)
     * @param gating the gating
     * @param collapsed parameters with the gates collapsed
     * @param groups the group reports of the gated layers
     * @param standardization the standardisation folded into the chain's first layer
     * @param removeGroups false keeps every group (the dense export), true removes zero groups
     * @param input which of the chain's inputs are live and the values of the constant ones (a trunk's
     *     removed or constant channels)
     * @return the plan
     */
    public PruningPlan plan(
            ModelSpec model,
            GatingConfig gating,
            ParameterSet collapsed,
            List<GroupReport> groups,
            Standardization standardization,
            boolean removeGroups,
            Signal input) {
        PruningContext ctx = new PruningContext(model, gating, collapsed, groups, standardization, removeGroups);
        List<LayerSpec> layers = model.layers();
        Signal signal = input;
        for (LayerSpec layer : layers) {
            signal = rule(layer).forward(layer, ctx, signal);
        }
        boolean[] needed = new boolean[model.outputSize()];
        Arrays.fill(needed, true);
        for (int i = layers.size() - 1; i >= 0; i--) {
            needed = rule(layers.get(i)).backward(layers.get(i), ctx, needed);
        }
        List<Integer> kept = new ArrayList<>();
        for (int j = 0; j < needed.length; j++) {
            if (needed[j]) {
                kept.add(j);
            }
        }
        Dense last = (Dense) layers.get(layers.size() - 1);
        LayerPlan lastPlan = ctx.plans().get(last.name());
        float[] constantOutput = null;
        if (lastPlan.keptUnits().length == 0) {
            // nothing reaches the output any more: every output is activation(bias) with all folds applied
            constantOutput = new float[last.units()];
            for (int i = 0; i < constantOutput.length; i++) {
                constantOutput[i] = (float) signal.constant(i);
            }
            ctx.note("the model output no longer depends on its input: exported as the constant "
                    + Arrays.toString(constantOutput));
        }
        long denseParameters = 0;
        for (Dense d : model.denseLayers()) {
            denseParameters += collapsed.get(d.name() + ParameterSet.WEIGHT).size() + (d.bias() ? d.units() : 0);
        }
        List<LayerPlan> plans = new ArrayList<>(ctx.plans().values());
        java.util.Collections.reverse(plans);
        List<LayerPlan.Report> reports = new ArrayList<>(ctx.reports().values());
        java.util.Collections.reverse(reports);
        return new PruningPlan(
                plans,
                reports,
                kept.stream().mapToInt(Integer::intValue).toArray(),
                constantOutput,
                denseParameters,
                ctx.notes());
    }

    @SuppressWarnings("unchecked")
    private <L extends LayerSpec> PruningRule<L> rule(L layer) {
        PruningRule<?> r = rules.get(layer.getClass());
        if (r == null) {
            throw new IllegalArgumentException("no pruning rule for layer kind "
                    + layer.getClass().getSimpleName() + " (layer '" + layer.name() + "')");
        }
        return (PruningRule<L>) r;
    }
}
