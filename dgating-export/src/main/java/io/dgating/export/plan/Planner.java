package io.dgating.export.plan;

import io.dgating.api.ParameterSet;
import io.dgating.api.Shape;
import io.dgating.api.Tensor;
import io.dgating.api.gating.GateGroups;
import io.dgating.api.gating.GateSpec;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.gating.GroupReport;
import io.dgating.api.gating.GroupSlice;
import io.dgating.api.model.ChannelFlow;
import io.dgating.api.model.LayerVisitor;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.train.TrainingResult;
import io.dgating.export.ExportOptions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Plans the compact model over the whole graph, from the model input to its output, in four steps.
 * Removed filter and head groups are first set to exactly zero. Forward, in layer order, every
 * layer's rule says which of its output channels are a known constant (a removed neuron's
 * {@code activation(bias)}, a zero-invariant filter's zero), which its readers fold. Backward, from
 * the channels the model's output needs, a fixed point finds the channels each layer must compute:
 * layers whose channels are coupled ({@link io.dgating.api.gating.ChannelCoupling}: per-channel
 * kinds and residual adds) keep one common set, so every add sees the same channels on all its
 * inputs; what a layer reads of its inputs follows from its {@link ChannelFlow}, or, for a mixing
 * kind, from its rule. The iteration only grows sets and stops at the least one every reader is
 * satisfied with; channel sets that convolutions read are then grown to whole blocks
 * ({@link ChannelBlocks}). Last, forward again, each layer's computed channels follow: the kept
 * set for a mixing kind that can compute a subset, its input's channels for a per-channel kind.
 *
 * <p>The planner never looks at a layer's kind: the rules come from the registry it is given.
 */
public final class Planner {

    private final LayerVisitor<LayerRule> kinds;

    /**
     * Creates a planner.
     *
     * @param kinds the registry that makes a fresh rule for a layer of every kind
     */
    public Planner(LayerVisitor<LayerRule> kinds) {
        this.kinds = kinds;
    }

    /**
     * Plans an export.
     *
     * @param result the trained model
     * @param options compact or dense, kept or all features, channel block
     * @return the plan
     */
    public Plan plan(TrainingResult result, ExportOptions options) {
        boolean compact = options.variant() == ExportOptions.Variant.COMPACT;
        ModelSpec model = result.model();
        List<GroupReport> reports = result.groupReports();
        ParameterSet collapsed = result.collapsed();
        Plan plan = new Plan(
                model,
                result.gating(),
                compact ? zeroRemoved(model, result.gating(), collapsed, reports) : collapsed,
                reports,
                result.standardization(),
                compact);
        int n = model.layers().size();
        for (int i = 0; i < n; i++) {
            plan.addRule(model.layers().get(i).accept(kinds));
        }
        plan.foldStandardizationInto(standardizationReaders(plan));
        for (int i = 0; i < n; i++) {
            plan.addSignal(plan.rule(i).forward(plan.context(i), inputSignals(plan, i)));
        }
        Signal last = plan.signalOf(n - 1);
        boolean constant = model.outputShape().rank() == 1 && last.aliveCount() == 0;

        int[] rep = new int[n + 1];
        Map<Integer, boolean[]> keep = new LinkedHashMap<>();
        keep.put(-1, new boolean[model.inputShape().dim(0)]);
        rep[n] = -1;
        for (int i = 0; i < n; i++) {
            rep[i] = plan.context(i).coupling().representative(i);
            int width = plan.signalOf(i).width();
            boolean[] k = keep.computeIfAbsent(rep[i], r -> new boolean[width]);
            if (!compact) {
                Arrays.fill(k, true);
            }
        }
        if (!constant) {
            Arrays.fill(keep.get(rep[n - 1]), true);
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = n - 1; i >= 0; i--) {
                boolean[] out = keep.get(rep[i]);
                LayerRule rule = plan.rule(i);
                boolean mixing = model.layers().get(i).channelFlow() == ChannelFlow.MIXING;
                if (mixing && !rule.computesKeptChannels(plan.context(i)) && any(out) && !all(out)) {
                    // a layer that cannot compute a subset computes all of its channels or none
                    Arrays.fill(out, true);
                    changed = true;
                }
                List<Integer> sources = model.sourcesOf(i);
                boolean[][] needs = needs(plan, i, out);
                for (int s = 0; s < sources.size(); s++) {
                    boolean[] target = keep.get(sources.get(s) < 0 ? -1 : rep[sources.get(s)]);
                    for (int ch = 0; ch < target.length; ch++) {
                        if (needs[s][ch] && !target[ch]) {
                            target[ch] = true;
                            changed = true;
                        }
                    }
                }
            }
        }
        if (compact) {
            plan.blockNotes(ChannelBlocks.align(plan, rep, keep, options.channelBlock()));
        }

        int inputChannels = model.inputShape().dim(0);
        int[] input = plan.featureInput() && options.input() == ExportOptions.InputMode.KEPT_FEATURES
                ? indices(keep.get(-1))
                : IntStream.range(0, inputChannels).toArray();
        List<int[]> layouts = new ArrayList<>();
        boolean[] written = new boolean[n];
        for (int i = 0; i < n; i++) {
            layouts.add(layout(plan, i, input, layouts, keep.get(rep[i])));
            written[i] = any(keep.get(rep[i]));
        }
        plan.layouts(input, indices(keep.get(-1)), layouts, written);
        if (constant) {
            float[] output = new float[last.width()];
            for (int i = 0; i < output.length; i++) {
                output[i] = (float) last.constant(i);
            }
            plan.forwardNotes()
                    .add("the model output no longer depends on its input: exported as the constant "
                            + Arrays.toString(output));
            plan.constantOutput(output);
        }
        return plan;
    }

    /**
     * Returns the layers that fold the input's standardisation: when every path from the model input
     * reaches a layer that folds an affine map through layers that pass their input through, those
     * layers; otherwise none (the graph then standardises with nodes).
     */
    private static Set<Integer> standardizationReaders(Plan plan) {
        ModelSpec model = plan.model();
        if (model.inputShape().rank() != 1) {
            // an image's standardisation folded into a zero-padded convolution would be wrong at the borders
            return Set.of();
        }
        Set<Integer> readers = new HashSet<>();
        Deque<Integer> open = new ArrayDeque<>(model.consumersOf(-1));
        while (!open.isEmpty()) {
            int i = open.pop();
            LayerRule r = plan.rule(i);
            if (r.foldsInputAffine(plan.context(i))) {
                readers.add(i);
            } else if (r.passesThrough(plan.context(i))) {
                open.addAll(model.consumersOf(i));
            } else {
                return Set.of();
            }
        }
        return readers;
    }

    private static List<Signal> inputSignals(Plan plan, int i) {
        List<Signal> out = new ArrayList<>();
        for (int s : plan.model().sourcesOf(i)) {
            out.add(plan.signalOf(s));
        }
        return out;
    }

    /** What layer {@code i} reads of each input to compute output channels {@code out}, as its flow says. */
    private static boolean[][] needs(Plan plan, int i, boolean[] out) {
        List<Signal> in = inputSignals(plan, i);
        ChannelFlow flow = plan.model().layers().get(i).channelFlow();
        boolean[][] needs = new boolean[in.size()][];
        switch (flow) {
            case PER_CHANNEL, JOIN -> Arrays.fill(needs, out);
            case FLATTEN -> {
                int channels = in.get(0).width();
                int per = out.length / channels;
                boolean[] n = new boolean[channels];
                for (int k = 0; k < out.length; k++) {
                    n[k / per] |= out[k];
                }
                needs[0] = n;
            }
            case MIXING -> needs = plan.rule(i).needs(plan.context(i), out, in);
        }
        return needs;
    }

    /** The channels layer {@code i} computes: its flow says how they follow from its input's. */
    private static int[] layout(Plan plan, int i, int[] input, List<int[]> done, boolean[] kept) {
        ModelSpec model = plan.model();
        List<Integer> sources = model.sourcesOf(i);
        int[] first = sources.get(0) < 0 ? input : done.get(sources.get(0));
        return switch (model.layers().get(i).channelFlow()) {
            case PER_CHANNEL -> first;
            case JOIN -> {
                for (int s : sources) {
                    if (!Arrays.equals(s < 0 ? input : done.get(s), first)) {
                        throw new IllegalStateException("layer '"
                                + model.layers().get(i).name() + "' joins inputs that keep different channels");
                    }
                }
                yield first;
            }
            case FLATTEN -> {
                Shape in = plan.context(i).inputShape();
                int per = in.size() / in.dim(0);
                int[] values = new int[first.length * per];
                for (int c = 0; c < first.length; c++) {
                    for (int k = 0; k < per; k++) {
                        values[c * per + k] = first[c] * per + k;
                    }
                }
                yield values;
            }
            case MIXING ->
                plan.rule(i).computesKeptChannels(plan.context(i))
                        ? indices(kept)
                        : IntStream.range(0, kept.length).toArray();
        };
    }

    /** The collapsed parameters with every removed filter and head group set to exactly zero. */
    private static ParameterSet zeroRemoved(
            ModelSpec model, GatingConfig gating, ParameterSet collapsed, List<GroupReport> reports) {
        Map<String, float[]> copies = new HashMap<>();
        for (GroupReport r : reports) {
            GateSpec spec = gating.gateOf(r.layer());
            if (spec == null || !(spec.kind().isFilters() || spec.kind().isHeads())) {
                // dense layers' rules remove their groups themselves, by the group norms
                continue;
            }
            GateGroups groups = gating.groupsOf(model, r.layer());
            double[] norms = r.norms();
            for (int j = 0; j < norms.length; j++) {
                if (norms[j] >= gating.eps()) {
                    continue;
                }
                for (GroupSlice s : groups.groups().get(j)) {
                    Tensor t = collapsed.get(s.param());
                    float[] v = copies.computeIfAbsent(s.param().name(), p -> t.data());
                    for (int e : s.elements(Shape.of(t.shape()))) {
                        v[e] = 0f;
                    }
                }
            }
        }
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (var e : collapsed.asMap().entrySet()) {
            float[] v = copies.get(e.getKey());
            out.put(
                    e.getKey(),
                    v == null ? e.getValue() : new Tensor(e.getValue().shape(), v));
        }
        return new ParameterSet(out);
    }

    private static boolean any(boolean[] flags) {
        for (boolean b : flags) {
            if (b) {
                return true;
            }
        }
        return false;
    }

    private static boolean all(boolean[] flags) {
        for (boolean b : flags) {
            if (!b) {
                return false;
            }
        }
        return true;
    }

    static int[] indices(boolean[] flags) {
        return IntStream.range(0, flags.length).filter(k -> flags[k]).toArray();
    }
}
