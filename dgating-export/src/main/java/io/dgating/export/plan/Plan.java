package io.dgating.export.plan;

import io.dgating.api.ParameterSet;
import io.dgating.api.Shape;
import io.dgating.api.data.Standardization;
import io.dgating.api.gating.ChannelCoupling;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.gating.GroupReport;
import io.dgating.api.model.ModelSpec;
import io.dgating.export.LayerReport;
import io.dgating.export.onnx.OnnxGraph;
import io.dgating.export.onnx.ValueRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the compact (or dense) model computes of every layer, as the {@link Planner} decided it:
 * per layer its rule, its signal (which output channels are constant) and the channels it computes;
 * which input features the graph takes and whether the standardisation is folded into the first
 * dense layers; the constant output of a model that no longer depends on its input. The
 * {@link GraphWriter} writes it.
 */
public final class Plan {

    private final ModelSpec model;
    private final GatingConfig gating;
    private final ParameterSet params;
    private final Map<String, GroupReport> groups = new HashMap<>();
    private final Standardization standardization;
    private final boolean compact;
    private final ChannelCoupling coupling;
    private final List<Shape> inputShapes;
    private final List<Shape> outputShapes;
    private final List<LayerRule> rules = new ArrayList<>();
    private final List<LayerContext> contexts = new ArrayList<>();
    private final List<Signal> signals = new ArrayList<>();
    private final List<int[]> layouts = new ArrayList<>();
    private final List<String> forwardNotes = new ArrayList<>();
    private final List<String> blockNotes = new ArrayList<>();
    private final Set<String> folded = new HashSet<>();
    private Set<Integer> foldingStandardization = Set.of();
    private boolean[] written;
    private int[] inputLayout;
    private int[] readFeatures;
    private float[] constantOutput;
    private OnnxGraph graph;
    private ValueRef modelInput;

    Plan(
            ModelSpec model,
            GatingConfig gating,
            ParameterSet params,
            List<GroupReport> groupReports,
            Standardization standardization,
            boolean compact) {
        this.model = model;
        this.gating = gating;
        this.params = params;
        this.standardization = standardization;
        this.compact = compact;
        this.coupling = new ChannelCoupling(model);
        this.inputShapes = model.inputShapes();
        this.outputShapes = model.outputShapes();
        groupReports.forEach(g -> groups.put(g.layer(), g));
        for (int i = 0; i < model.layers().size(); i++) {
            contexts.add(new LayerContext(this, i));
        }
    }

    /** {@return the model} */
    public ModelSpec model() {
        return model;
    }

    /** {@return whether zero groups are removed (the compact export) or everything is kept (the dense one)} */
    public boolean compact() {
        return compact;
    }

    /**
     * Returns whether the model reads its input only through dense layers on flat rows (past dropout
     * and flattens of flat rows): then the graph can take only the features they read, and the
     * standardisation is folded into their weights; otherwise the graph takes every feature and
     * standardises them with nodes.
     *
     * @return true for a model whose input features can be selected
     */
    public boolean featureInput() {
        return !foldingStandardization.isEmpty();
    }

    /** {@return the original indices of the input features (channels) the graph takes} */
    public int[] inputLayout() {
        return inputLayout.clone();
    }

    /** {@return the original indices of the input features (channels) some layer reads} */
    public int[] readFeatures() {
        return readFeatures.clone();
    }

    /** {@return the model's output when it no longer depends on its input} */
    public Optional<float[]> constantOutput() {
        return Optional.ofNullable(constantOutput).map(float[]::clone);
    }

    /** {@return the notes: channel blocks grown, layers removed whole, a constant output} */
    public List<String> notes() {
        List<String> out = new ArrayList<>(blockNotes);
        out.addAll(forwardNotes);
        return out;
    }

    /** {@return the report lines of the layers with weights that multiply, in model order} */
    public List<LayerReport> reports() {
        List<LayerReport> out = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            rules.get(i).report(contexts.get(i)).ifPresent(out::add);
        }
        return out;
    }

    /** {@return the trainable parameters of the whole (collapsed) model} */
    public long denseParameters() {
        long n = 0;
        for (int i = 0; i < rules.size(); i++) {
            n += rules.get(i).parameters(contexts.get(i), false);
        }
        return n;
    }

    /** {@return the trainable parameters the exported model keeps (its outputs, when it is a constant)} */
    public long exportedParameters() {
        if (constantOutput != null) {
            return constantOutput.length;
        }
        long n = 0;
        for (int i = 0; i < rules.size(); i++) {
            n += written[i] ? rules.get(i).parameters(contexts.get(i), true) : 0;
        }
        return n;
    }

    /**
     * Returns the multiply-adds per example of the whole model or of the exported one.
     *
     * @param exported the exported model (0 for a constant) rather than the whole one
     * @return the sum over layers
     */
    public long multiplyAdds(boolean exported) {
        if (exported && constantOutput != null) {
            return 0;
        }
        long n = 0;
        for (int i = 0; i < rules.size(); i++) {
            n += !exported || written[i] ? rules.get(i).multiplyAdds(contexts.get(i), exported) : 0;
        }
        return n;
    }

    /**
     * Returns the rule and context of a layer.
     *
     * @param index the layer's position
     * @return its rule
     */
    LayerRule rule(int index) {
        return rules.get(index);
    }

    LayerContext context(int index) {
        return contexts.get(index);
    }

    GatingConfig gating() {
        return gating;
    }

    ParameterSet params() {
        return params;
    }

    Map<String, GroupReport> groups() {
        return groups;
    }

    Standardization standardization() {
        return standardization;
    }

    ChannelCoupling coupling() {
        return coupling;
    }

    List<Shape> inputShapes() {
        return inputShapes;
    }

    List<Shape> outputShapes() {
        return outputShapes;
    }

    List<String> forwardNotes() {
        return forwardNotes;
    }

    Set<String> folded() {
        return folded;
    }

    boolean foldsStandardization(int index) {
        return foldingStandardization.contains(index);
    }

    Signal signalOf(int index) {
        return index < 0 ? Signal.allAlive(model.inputShape().dim(0)) : signals.get(index);
    }

    int[] layoutOf(int index) {
        return (index < 0 ? inputLayout : layouts.get(index)).clone();
    }

    boolean written(int index) {
        return written[index];
    }

    OnnxGraph graph() {
        return graph;
    }

    ValueRef modelInput() {
        return modelInput;
    }

    // the planner's and the writer's steps

    void addRule(LayerRule rule) {
        rules.add(rule);
    }

    void foldStandardizationInto(Set<Integer> layers) {
        foldingStandardization = Set.copyOf(layers);
    }

    void addSignal(Signal s) {
        signals.add(s);
    }

    void blockNotes(List<String> notes) {
        blockNotes.addAll(notes);
    }

    void layouts(int[] input, int[] read, List<int[]> layers, boolean[] writtenLayers) {
        inputLayout = input.clone();
        readFeatures = read.clone();
        layouts.addAll(layers);
        written = writtenLayers.clone();
    }

    void constantOutput(float[] output) {
        constantOutput = output.clone();
    }

    void writingInto(OnnxGraph g, ValueRef input) {
        graph = g;
        modelInput = input;
    }
}
