package io.dgating.api.train;

import io.dgating.api.ParamRef;
import io.dgating.api.ParameterSet;
import io.dgating.api.data.Standardization;
import io.dgating.api.gating.GateCollapse;
import io.dgating.api.gating.GateGroups;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.gating.GroupKind;
import io.dgating.api.gating.GroupReport;
import io.dgating.api.model.ModelSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The outcome of a training run, independent of the engine that produced it.
 *
 * @param model the architecture
 * @param gating the gating it was trained with
 * @param training the training settings
 * @param parameters gated parameters: {@code omega} under {@code <layer>.weight} and the gate
 *     matrix under {@code <layer>.gates}; ungated layers hold plain weights
 * @param standardization the feature transform the model expects its inputs to have gone through
 * @param featureNames names of the model's inputs
 * @param classNames class names (empty for regression)
 * @param history one entry per epoch
 * @param metrics quality on each split
 * @param provenance engine, device, threads, JVM and OS the run used
 */
public record TrainingResult(
        ModelSpec model,
        GatingConfig gating,
        TrainingConfig training,
        ParameterSet parameters,
        Standardization standardization,
        List<String> featureNames,
        List<String> classNames,
        List<EpochStats> history,
        Map<Split, Metrics> metrics,
        Map<String, String> provenance) {

    /**
     * Copies the collections into ones of fixed iteration order (splits in declaration order,
     * provenance sorted by key): {@code Map.copyOf} iterates in an order that changes from JVM to
     * JVM, and the order reaches result files and reports.
     *
     * @param model the architecture
     * @param gating the gating it was trained with
     * @param training the training settings
     * @param parameters gated parameters: {@code omega} under {@code <layer>.weight} and the gate
     *     matrix under {@code <layer>.gates}; ungated layers hold plain weights
     * @param standardization the feature transform the model expects its inputs to have gone through
     * @param featureNames names of the model's inputs
     * @param classNames class names (empty for regression)
     * @param history one entry per epoch
     * @param metrics quality on each split
     * @param provenance engine, device, threads, JVM and OS the run used
     */
    public TrainingResult {
        featureNames = List.copyOf(featureNames);
        classNames = List.copyOf(classNames);
        history = List.copyOf(history);
        metrics = Collections.unmodifiableMap(new EnumMap<>(metrics));
        provenance = Collections.unmodifiableMap(new TreeMap<>(provenance));
    }

    /**
     * Returns the collapsed parameters ({@code w_j = omega_j * prod_d gamma_jd}): the same
     * architecture without gates.
     *
     * @return plain parameters
     */
    public ParameterSet collapsed() {
        return GateCollapse.collapse(model, gating, parameters);
    }

    /**
     * Returns per gated layer the group norms and zero / almost-zero counts.
     *
     * @return reports in model order
     */
    public List<GroupReport> groupReports() {
        return GateCollapse.report(model, gating, parameters);
    }

    /**
     * Returns the names of the input features kept by input-feature gating of the first
     * layer (all features when the first layer is not so gated).
     *
     * @return kept feature names in input order
     */
    public List<String> keptFeatures() {
        String first = model.layers().get(0).name();
        for (GroupReport r : groupReports()) {
            if (r.layer().equals(first) && r.kind() == GroupKind.INPUT_FEATURES) {
                GateGroups groups = gating.groupsOf(model, first);
                ParamRef weight = GateCollapse.weightOf(model, first);
                boolean[] keep = new boolean[featureNames.size()];
                double[] norms = r.norms();
                for (int j = 0; j < groups.size(); j++) {
                    for (int c : groups.indicesOf(j, weight, 1)) {
                        keep[c] = norms[j] >= gating.eps();
                    }
                }
                List<String> kept = new ArrayList<>();
                for (int c = 0; c < keep.length; c++) {
                    if (keep[c]) {
                        kept.add(featureNames.get(c));
                    }
                }
                return kept;
            }
        }
        return featureNames;
    }

    /**
     * Returns the metrics of one split.
     *
     * @param split the split
     * @return its metrics
     */
    public Metrics metrics(Split split) {
        return metrics.get(split);
    }
}
