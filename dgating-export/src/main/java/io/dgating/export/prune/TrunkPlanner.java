package io.dgating.export.prune;

import io.dgating.api.ParameterSet;
import io.dgating.api.Shape;
import io.dgating.api.Tensor;
import io.dgating.api.gating.ChannelCoupling;
import io.dgating.api.gating.GateGroups;
import io.dgating.api.gating.GateSpec;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.gating.GroupReport;
import io.dgating.api.gating.GroupSlice;
import io.dgating.api.model.Conv2d;
import io.dgating.api.model.LayerSpec;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.model.MultiHeadAttention;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans the trunk of a network (layers {@code 0 .. end - 1}) over its graph edges, in three
 * steps. Removed filter groups are set to exactly zero. Forward, {@link ChannelRules} find the
 * channels that are a known constant (zero for a zero-invariant removed filter). Backward, from
 * the channels the final chain reads, a fixed point finds the channels each layer must compute:
 * all layers whose channels are coupled ({@link ChannelCoupling}: batch norms, activations,
 * pools and residual adds carry channel {@code c} unchanged) keep one common set, so every add
 * sees the same channels on all inputs; the iteration only grows sets and stops at the least
 * one that every reader is satisfied with. A convolution never needs a constant input channel:
 * the writer folds it into a per-position bias map, exact also at zero-padded borders.
 */
public final class TrunkPlanner {

    /**
     * Plans the trunk.
     *
     * @param model the model
     * @param end the first layer of the final chain
     * @param gating the gating
     * @param collapsed inference parameters with the gates collapsed
     * @param groups the group reports of the gated layers
     * @param removeGroups false keeps every channel (the dense export)
     * @return the channel states of the trunk's output and a continuation that finishes the plan
     *     once the chain says which of its inputs it reads
     */
    public Forward forward(
            ModelSpec model,
            int end,
            GatingConfig gating,
            ParameterSet collapsed,
            List<GroupReport> groups,
            boolean removeGroups) {
        ParameterSet params = removeGroups ? zeroRemoved(model, gating, collapsed, groups) : collapsed;
        List<Shape> inputs = model.inputShapes();
        ChannelRules rules = new ChannelRules(new ChannelRules.TrunkView() {
            @Override
            public LayerSpec layer(int i) {
                return model.layers().get(i);
            }

            @Override
            public Shape inputShape(int i) {
                return inputs.get(i);
            }

            @Override
            public float[] param(String name) {
                return params.get(name).data();
            }
        });
        List<Signal> signals = new ArrayList<>();
        Signal input = Signal.allAlive(model.inputShape().dim(0));
        for (int i = 0; i < end; i++) {
            signals.add(rules.forward(i, in(model, i, signals, input)));
        }
        return new Forward(model, end, gating, groups, params, rules, signals, input, removeGroups);
    }

    private static List<Signal> in(ModelSpec model, int i, List<Signal> signals, Signal input) {
        List<Signal> out = new ArrayList<>();
        for (int s : model.sourcesOf(i)) {
            out.add(s < 0 ? input : signals.get(s));
        }
        return out;
    }

    private static ParameterSet zeroRemoved(
            ModelSpec model, GatingConfig gating, ParameterSet collapsed, List<GroupReport> reports) {
        Map<String, float[]> copies = new HashMap<>();
        for (GroupReport r : reports) {
            GateSpec spec = gating.gateOf(r.layer());
            if (spec == null || !(spec.kind().isFilters() || spec.kind().isHeads())) {
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
                    float[] v = copies.computeIfAbsent(s.param(), p -> t.data());
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

    /**
     * The trunk after its forward pass.
     */
    public static final class Forward {
        private final ModelSpec model;
        private final int end;
        private final GatingConfig gating;
        private final List<GroupReport> groups;
        private final ParameterSet params;
        private final ChannelRules rules;
        private final List<Signal> signals;
        private final Signal input;
        private final boolean removeGroups;

        private Forward(
                ModelSpec model,
                int end,
                GatingConfig gating,
                List<GroupReport> groups,
                ParameterSet params,
                ChannelRules rules,
                List<Signal> signals,
                Signal input,
                boolean removeGroups) {
            this.model = model;
            this.end = end;
            this.gating = gating;
            this.groups = groups;
            this.params = params;
            this.rules = rules;
            this.signals = signals;
            this.input = input;
            this.removeGroups = removeGroups;
        }

        /**
         * Returns the channel states of the trunk's last output, one per value as a flatten reads them.
         *
         * @return the signal the chain starts from
         */
        public Signal chainInput() {
            Signal last = signals.get(end - 1);
            return last.repeatEach(model.outputShapes().get(end - 1).size() / last.width());
        }

        /**
         * Finishes the plan.
         *
         * @param chainReads which of {@link #chainInput()}'s values the final chain reads
         * @param channelBlock convolutions read their kept channels in whole blocks of this many
         *     ({@link ChannelBlocks}; 1 for exactly the kept ones)
         * @return the plan
         */
        public TrunkPlan finish(boolean[] chainReads, int channelBlock) {
            ChannelCoupling coupling = new ChannelCoupling(model);
            int[] rep = new int[end];
            Map<Integer, boolean[]> keep = new HashMap<>();
            List<Shape> shapes = model.outputShapes();
            for (int i = 0; i < end; i++) {
                rep[i] = coupling.component(i).get(0);
                int width = signals.get(i).width();
                boolean[] k = keep.computeIfAbsent(rep[i], r -> new boolean[width]);
                LayerSpec l = model.layers().get(i);
                if (!removeGroups
                        || coupling.joinsInput(i)
                        || shapes.get(i).rank() != 3
                        || l instanceof io.dgating.api.model.Dense
                        || l instanceof io.dgating.api.model.LayerNorm) {
                    Arrays.fill(k, true);
                }
            }
            boolean[] last = keep.get(rep[end - 1]);
            int per = chainReads.length / last.length;
            for (int k = 0; k < chainReads.length; k++) {
                last[k / per] |= chainReads[k];
            }
            boolean changed = true;
            while (changed) {
                changed = false;
                for (int i = end - 1; i >= 0; i--) {
                    List<Integer> sources = model.sourcesOf(i);
                    boolean[][] needs = rules.needs(i, keep.get(rep[i]), in(model, i, signals, input));
                    for (int s = 0; s < sources.size(); s++) {
                        if (sources.get(s) < 0) {
                            continue;
                        }
                        boolean[] target = keep.get(rep[sources.get(s)]);
                        for (int ch = 0; ch < target.length; ch++) {
                            if (needs[s][ch] && !target[ch]) {
                                target[ch] = true;
                                changed = true;
                            }
                        }
                    }
                }
            }
            List<String> notes = removeGroups ? ChannelBlocks.align(model, end, rep, keep, channelBlock) : List.of();
            List<int[]> kept = new ArrayList<>();
            for (int i = 0; i < end; i++) {
                kept.add(indices(keep.get(rep[i])));
            }
            Map<String, int[]> heads = keptHeads();
            List<LayerPlan.Report> reports = new ArrayList<>(reports(kept, coupling));
            reports.addAll(attentionReports(heads));
            return new TrunkPlan(kept, params, chainInput(), reports, signals, heads, notes);
        }

        /**
         * Returns the heads every attention layer keeps: all in the dense export; else those whose
         * value rows are not all zero (a head with zero value rows adds a constant, folded by the writer).
         */
        private Map<String, int[]> keptHeads() {
            Map<String, int[]> out = new java.util.LinkedHashMap<>();
            for (int i = 0; i < end; i++) {
                if (!(model.layers().get(i) instanceof MultiHeadAttention a)) {
                    continue;
                }
                float[] w = params.get(a.name() + MultiHeadAttention.VALUE + io.dgating.api.ParameterSet.WEIGHT)
                        .data();
                int per = w.length / a.heads();
                out.put(
                        a.name(),
                        java.util.stream.IntStream.range(0, a.heads())
                                .filter(h -> !removeGroups || anyNonZero(w, h * per, per))
                                .toArray());
            }
            return out;
        }

        private List<LayerPlan.Report> attentionReports(Map<String, int[]> heads) {
            Map<String, GroupReport> byLayer = new HashMap<>();
            groups.forEach(g -> byLayer.put(g.layer(), g));
            List<LayerPlan.Report> reports = new ArrayList<>();
            List<Shape> in = model.inputShapes();
            for (int i = 0; i < end; i++) {
                if (!(model.layers().get(i) instanceof MultiHeadAttention a)) {
                    continue;
                }
                long t = in.get(i).dim(0);
                long dim = in.get(i).dim(1);
                // per example: four projections of every position, then scores and mixing over the context
                java.util.function.LongUnaryOperator macs =
                        h -> 4 * t * dim * h * a.headSize() + 2 * t * t * h * a.headSize();
                int kept = heads.get(a.name()).length;
                GroupReport g = byLayer.get(a.name());
                reports.add(new LayerPlan.Report(
                        a.name(),
                        g == null ? null : g.kind(),
                        g == null ? 0 : g.groups(),
                        g != null && removeGroups ? g.zero() : 0,
                        g == null ? 0 : g.almostZero(),
                        a.heads(),
                        kept,
                        (int) dim,
                        (int) dim,
                        macs.applyAsLong(a.heads()),
                        macs.applyAsLong(kept),
                        List.of()));
            }
            return reports;
        }

        private static boolean anyNonZero(float[] v, int from, int n) {
            for (int e = from; e < from + n; e++) {
                if (v[e] != 0f) {
                    return true;
                }
            }
            return false;
        }

        private List<LayerPlan.Report> reports(List<int[]> kept, ChannelCoupling coupling) {
            Map<String, GroupReport> byLayer = new HashMap<>();
            groups.forEach(g -> byLayer.put(g.layer(), g));
            List<Shape> in = model.inputShapes();
            List<Shape> out = model.outputShapes();
            List<LayerPlan.Report> reports = new ArrayList<>();
            for (int i = 0; i < end; i++) {
                if (!(model.layers().get(i) instanceof Conv2d c)) {
                    continue;
                }
                int src = model.sourcesOf(i).get(0);
                int channels = in.get(i).dim(0);
                int keptIn = src < 0 ? channels : kept.get(src).length;
                long perFilter = (long) c.kernel()
                        * c.kernel()
                        * out.get(i).dim(1)
                        * out.get(i).dim(2);
                // the gated owner reports the groups; a coupled conv names its owner
                int owner = coupling.convolutions(i).get(0);
                GroupReport g = byLayer.get(model.layers().get(owner).name());
                boolean own = owner == i && g != null;
                int self = i;
                List<String> coupled = coupling.convolutions(i).stream()
                        .filter(j -> j != self)
                        .map(j -> model.layers().get(j).name())
                        .toList();
                reports.add(new LayerPlan.Report(
                        c.name(),
                        g == null ? null : g.kind(),
                        own ? g.groups() : 0,
                        own && removeGroups ? g.zero() : 0,
                        own ? g.almostZero() : 0,
                        c.filters(),
                        kept.get(i).length,
                        channels,
                        keptIn,
                        perFilter * c.filters() * channels,
                        perFilter * kept.get(i).length * keptIn,
                        g == null ? List.of() : coupled));
            }
            return reports;
        }
    }

    private static int[] indices(boolean[] flags) {
        return java.util.stream.IntStream.range(0, flags.length)
                .filter(k -> flags[k])
                .toArray();
    }
}
