package io.dgating.export.prune;

import io.dgating.api.ParameterSet;
import io.dgating.api.data.Standardization;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.gating.GroupReport;
import io.dgating.api.model.ModelSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the rules read (collapsed parameters, group norms, settings) and what they leave for
 * each other and for the planner (per-layer state between the passes, plans, notes).
 */
public final class PruningContext {

    private final ModelSpec model;
    private final GatingConfig gating;
    private final ParameterSet collapsed;
    private final Map<String, GroupReport> groups = new HashMap<>();
    private final Standardization standardization;
    private final boolean removeGroups;
    private final Map<String, Object> state = new HashMap<>();
    private final Map<String, LayerPlan> plans = new LinkedHashMap<>();
    private final Map<String, LayerPlan.Report> reports = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    PruningContext(
            ModelSpec model,
            GatingConfig gating,
            ParameterSet collapsed,
            List<GroupReport> groupReports,
            Standardization standardization,
            boolean removeGroups) {
        this.model = model;
        this.gating = gating;
        this.collapsed = collapsed;
        this.standardization = standardization;
        this.removeGroups = removeGroups;
        for (GroupReport r : groupReports) {
            groups.put(r.layer(), r);
        }
    }

    /** {@return the model} */
    public ModelSpec model() {
        return model;
    }

    /** {@return the gating} */
    public GatingConfig gating() {
        return gating;
    }

    /** {@return the collapsed (gate-free) parameters} */
    public ParameterSet collapsed() {
        return collapsed;
    }

    /**
     * Returns the group report of a gated layer, or null.
     *
     * @param layer layer name
     * @return its report
     */
    public GroupReport groups(String layer) {
        return groups.get(layer);
    }

    /** {@return the input standardisation to fold into the first layer} */
    public Standardization standardization() {
        return standardization;
    }

    /** {@return false for the dense export, which keeps every group} */
    public boolean removeGroups() {
        return removeGroups;
    }

    /**
     * Stores a rule's state between its forward and backward pass.
     *
     * @param layer layer name
     * @param value the state
     */
    public void putState(String layer, Object value) {
        state.put(layer, value);
    }

    /**
     * Returns a rule's state.
     *
     * @param layer layer name
     * @param type its class
     * @param <T> its type
     * @return the state
     */
    public <T> T state(String layer, Class<T> type) {
        return type.cast(state.get(layer));
    }

    /**
     * Records what the compact model keeps of a layer.
     *
     * @param plan the plan
     * @param report its report line
     */
    public void addPlan(LayerPlan plan, LayerPlan.Report report) {
        plans.put(plan.name(), plan);
        reports.put(plan.name(), report);
    }

    /**
     * Adds a human-readable note to the report.
     *
     * @param note the note
     */
    public void note(String note) {
        notes.add(note);
    }

    Map<String, LayerPlan> plans() {
        return plans;
    }

    Map<String, LayerPlan.Report> reports() {
        return reports;
    }

    List<String> notes() {
        return notes;
    }
}
