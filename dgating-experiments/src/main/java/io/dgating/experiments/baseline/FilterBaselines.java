package io.dgating.experiments.baseline;

import io.dgating.api.ParamRef;
import io.dgating.api.ParameterSet;
import io.dgating.api.Shape;
import io.dgating.api.Tensor;
import io.dgating.api.data.DatasetSplits;
import io.dgating.api.engine.Engine;
import io.dgating.api.gating.ChannelCoupling;
import io.dgating.api.gating.GateCollapse;
import io.dgating.api.gating.GateGroups;
import io.dgating.api.gating.GateSpec;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.gating.GroupKind;
import io.dgating.api.gating.GroupSlice;
import io.dgating.api.model.BatchNorm;
import io.dgating.api.model.Conv2d;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.model.MultiHeadAttention;
import io.dgating.api.train.Metrics;
import io.dgating.api.train.Proximal;
import io.dgating.api.train.Scoring;
import io.dgating.api.train.Split;
import io.dgating.api.train.TrainingConfig;
import io.dgating.api.train.TrainingRequest;
import io.dgating.api.train.TrainingResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The filter-pruning baselines of the paper's comparison, on the same filter groups D-Gating
 * uses, so export, removal and evaluation are shared:
 * <ul>
 * <li>magnitude: plain training, then the filters with the smallest L2 norm (over every coupled
 * convolution's filter) removed globally at a target ratio;
 * <li>L21: training with the group lasso {@code lambda * sum_g ||w_g||} over the same filter groups
 * D-Gating uses, by proximal steps (group soft-thresholding after every optimizer step, which
 * reaches exact zeros), then the groups below 1% of the largest group norm removed. On a filter
 * followed by batch norm the group must hold the batch-norm scale and shift (the zero-invariant
 * group): the normalisation makes the loss blind to the filter's scale, its gradient grows as the
 * filter shrinks, and a group lasso on filter weights alone only halved their norms in a test run
 * instead of zeroing any;
 * <li>network slimming (Liu et al. 2017): training with {@code lambda * sum |batch-norm scale|} by
 * proximal steps, then the channels with the smallest scales (L2 over the channel's batch norms)
 * removed globally at a target ratio.
 * </ul>
 * Every model is returned in gated form (D = 2, gates 1 for kept groups and 0 for removed ones);
 * fine-tuning with frozen gates ({@link io.dgating.api.train.FineTuner}) then trains the compact
 * architecture. Plain training is the gated model with its gates frozen at 1 and
 * {@code lambda = weightDecay}, which gives every weight exactly the ordinary weight decay.
 */
public final class FilterBaselines {

    /** Share of the largest filter norm below which an L21-trained filter counts as pruned. */
    public static final double L21_PRUNE_RELATIVE = 0.01;

    private FilterBaselines() {}

    /**
     * Checks that a gating template has filter groups (and, for slimming, batch norms on them).
     *
     * @param model the model
     * @param template the gating
     * @param slimming whether network slimming needs batch-norm scales
     * @throws IllegalArgumentException naming what is missing
     */
    public static void checkApplicable(ModelSpec model, GatingConfig template, boolean slimming) {
        boolean filters = !template.gates().isEmpty()
                && template.gates().stream().allMatch(g -> g.kind().isFilters());
        boolean heads = !template.gates().isEmpty()
                && template.gates().stream().allMatch(g -> g.kind().isHeads());
        if (!filters && !(heads && !slimming)) {
            throw new IllegalArgumentException((slimming
                            ? "network slimming needs filter groups on every gated layer " + "(--gate filters)"
                            : "the pruning baselines need filter groups (--gate filters) or attention-head "
                                    + "groups (--gate heads) on every gated layer")
                    + ", got " + template.gates());
        }
        if (slimming) {
            ChannelCoupling c = new ChannelCoupling(model);
            for (GateSpec g : template.gates()) {
                if (c.batchNorms(model.indexOf(g.layer())).isEmpty()) {
                    throw new IllegalArgumentException(
                            "network slimming scores channels by their batch-norm scales, but " + "conv '" + g.layer()
                                    + "' has no batch norm after it");
                }
            }
        }
    }

    /**
     * Returns a plain training request on the template's groups: D = 2, gates frozen at 1,
     * {@code lambda = weightDecay} (every weight decays as without gating).
     *
     * @param model the model
     * @param template the filter gating
     * @param training the training settings
     * @param data the splits
     * @return the request
     */
    public static TrainingRequest plain(
            ModelSpec model, GatingConfig template, TrainingConfig training, DatasetSplits data) {
        GatingConfig g = new GatingConfig(2, training.weightDecay(), template.eps(), template.gates());
        return TrainingRequest.of(model, g, training, data).withGatesFrozen();
    }

    /**
     * Returns the group soft-thresholding of every filter group: {@code w_g <- w_g max(0, 1 - lr lambda / ||w_g||)}
     * over every slice of group g (all coupled convolutions, and with zero-invariant groups their biases and
     * batch-norm entries), the proximal step of {@code lambda ||w_g||}.
     *
     * @param model the model
     * @param gating the filter gating
     * @param lambda the penalty strength
     * @return the proximal operator
     */
    public static Proximal groupLasso(ModelSpec model, GatingConfig gating, double lambda) {
        List<List<GroupSlice>> groups = new ArrayList<>();
        gating.gates()
                .forEach(g -> groups.addAll(gating.groupsOf(model, g.layer()).groups()));
        return (params, lr) -> shrink(params, groups, lr * lambda);
    }

    /**
     * Returns the soft-thresholding of every batch-norm scale on a filter group's channels, the proximal
     * step of {@code lambda * sum |scale|} (network slimming's sparsity term).
     *
     * @param model the model
     * @param gating the filter gating
     * @param lambda the penalty strength
     * @return the proximal operator
     */
    public static Proximal batchNormL1(ModelSpec model, GatingConfig gating, double lambda) {
        List<List<GroupSlice>> scales = new ArrayList<>();
        for (List<GroupSlice> g : slices(model, gating, true)) {
            for (GroupSlice s : g) {
                scales.add(List.of(s)); // L1: every scale is its own group of one
            }
        }
        return (params, lr) -> shrink(params, scales, lr * lambda);
    }

    /**
     * Returns, per group of every gated layer in order, the L2 norm of its conv filter weights
     * (magnitude, L21) or of its batch-norm scales (slimming).
     *
     * @param r the trained model
     * @param batchNormScales false for filter norms, true for batch-norm scale norms
     * @return one norm per group, layer after layer
     */
    public static double[] scores(TrainingResult r, boolean batchNormScales) {
        return new GateGroups("scores", GroupKind.FILTERS, slices(r.model(), r.gating(), batchNormScales))
                .norms(r.collapsed());
    }

    /**
     * Returns which groups to remove: the {@code ratio} share with the smallest scores, chosen
     * globally (ties by order), except that every gated layer keeps its best group: a layer left
     * without channels turns the network into a constant, which no fine-tuning repairs (slimming
     * at 50% on a small VGG did that to the last conv, whose batch-norm scales were the smallest).
     *
     * @param scores one score per group, layer after layer
     * @param layerSizes groups per gated layer, in the same order
     * @param ratio share to remove, in [0, 1)
     * @return per group whether it is removed
     */
    public static boolean[] smallest(double[] scores, int[] layerSizes, double ratio) {
        int[] layerOf = new int[scores.length];
        int k = 0;
        for (int l = 0; l < layerSizes.length; l++) {
            for (int j = 0; j < layerSizes[l]; j++) {
                layerOf[k++] = l;
            }
        }
        if (k != scores.length) {
            throw new IllegalArgumentException(scores.length + " scores for layers of " + k + " groups");
        }
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        boolean[] out = new boolean[scores.length];
        int[] left = layerSizes.clone();
        int remove = (int) Math.round(ratio * scores.length);
        for (int i = 0; i < order.length && remove > 0; i++) {
            if (left[layerOf[order[i]]] > 1) {
                out[order[i]] = true;
                left[layerOf[order[i]]]--;
                remove--;
            }
        }
        return out;
    }

    /**
     * Returns the number of groups of every gated layer, in gating order.
     *
     * @param r a model
     * @return groups per gated layer
     */
    public static int[] layerSizes(TrainingResult r) {
        return r.gating().gates().stream()
                .mapToInt(g -> r.gating().groupsOf(r.model(), g.layer()).size())
                .toArray();
    }

    /**
     * Returns which groups an L21-trained model loses: those below {@link #L21_PRUNE_RELATIVE} of the largest filter norm.
     *
     * @param scores filter norms
     * @return per group whether it is removed
     */
    public static boolean[] belowRelative(double[] scores) {
        double max = Arrays.stream(scores).max().orElse(0);
        boolean[] out = new boolean[scores.length];
        for (int j = 0; j < out.length; j++) {
            out[j] = scores[j] <= L21_PRUNE_RELATIVE * max;
        }
        return out;
    }

    /**
     * Returns the trained model with the chosen groups removed: gates 0 there, 1 elsewhere, and its
     * metrics evaluated on every split by the engine.
     *
     * @param engine the engine
     * @param r the trained model (gated form, D = 2)
     * @param removed per group (layer after layer) whether it is removed
     * @param data the splits it was trained on
     * @param ratio the knob recorded as the model's lambda (the prune ratio, or the L21 lambda)
     * @return the pruned model
     */
    public static TrainingResult prune(
            Engine engine, TrainingResult r, boolean[] removed, DatasetSplits data, double ratio) {
        Map<String, Tensor> p = new LinkedHashMap<>(r.parameters().asMap());
        int k = 0;
        for (GateSpec g : r.gating().gates()) {
            Tensor gates = p.get(ParamRef.gatesOf(g.layer()).name());
            float[] v = gates.data();
            int f = gates.dim(1);
            for (int j = 0; j < gates.dim(0); j++, k++) {
                Arrays.fill(v, j * f, (j + 1) * f, removed[k] ? 0f : 1f);
            }
            p.put(ParamRef.gatesOf(g.layer()).name(), new Tensor(gates.shape(), v));
        }
        GatingConfig gating =
                new GatingConfig(2, ratio, r.gating().eps(), r.gating().gates());
        ParameterSet params = new ParameterSet(p);
        ParameterSet plain = GateCollapse.collapse(r.model(), gating, params);
        Map<Split, Metrics> metrics = new EnumMap<>(Split.class);
        for (Split s : Split.values()) {
            var d = switch (s) {
                case TRAIN -> data.train();
                case VALIDATION -> data.validation();
                case TEST -> data.test();
            };
            metrics.put(
                    s,
                    Scoring.of(
                            engine.predict(r.model(), plain, d.features(), d.rows()),
                            d,
                            r.model().head()));
        }
        return new TrainingResult(
                r.model(),
                gating,
                r.training(),
                params,
                r.standardization(),
                r.featureNames(),
                r.classNames(),
                r.history(),
                metrics,
                r.provenance());
    }

    /** Group after group of every gated layer: the conv-weight slices, or the batch-norm scale slices of its channel. */
    private static List<List<GroupSlice>> slices(ModelSpec model, GatingConfig gating, boolean batchNormScales) {
        ChannelCoupling coupling = new ChannelCoupling(model);
        List<List<GroupSlice>> out = new ArrayList<>();
        for (GateSpec g : gating.gates()) {
            GateGroups groups = gating.groupsOf(model, g.layer());
            List<ParamRef> params = new ArrayList<>();
            int index = model.indexOf(g.layer());
            if (batchNormScales) {
                coupling.batchNorms(index)
                        .forEach(b -> params.add(((BatchNorm) model.layers().get(b)).scaleParam()));
            } else {
                coupling.convolutions(index)
                        .forEach(c -> params.add(((Conv2d) model.layers().get(c)).weightParam()));
            }
            if (g.kind().isHeads()) {
                // a head is scored by its rows of the value projection (the paper's group), whatever the grouping
                MultiHeadAttention a = (MultiHeadAttention) model.layers().get(index);
                for (int j = 0; j < groups.size(); j++) {
                    out.add(List.of(new GroupSlice(
                            a.value().weight(),
                            0,
                            IntStream.range(j * a.headSize(), (j + 1) * a.headSize())
                                    .toArray())));
                }
                continue;
            }
            for (int j = 0; j < groups.size(); j++) {
                List<GroupSlice> s = new ArrayList<>();
                for (ParamRef p : params) {
                    s.add(new GroupSlice(p, 0, new int[] {j}));
                }
                out.add(s);
            }
        }
        return out;
    }

    private static ParameterSet shrink(ParameterSet params, List<List<GroupSlice>> groups, double threshold) {
        Map<ParamRef, float[]> values = new LinkedHashMap<>();
        Map<String, Tensor> out = new LinkedHashMap<>(params.asMap());
        for (List<GroupSlice> g : groups) {
            double sq = 0;
            for (GroupSlice s : g) {
                float[] v = values.computeIfAbsent(s.param(), n -> params.get(n).data());
                for (int e : s.elements(Shape.of(params.get(s.param()).shape()))) {
                    sq += (double) v[e] * v[e];
                }
            }
            double norm = Math.sqrt(sq);
            float scale = norm <= threshold ? 0f : (float) (1 - threshold / norm);
            for (GroupSlice s : g) {
                float[] v = values.get(s.param());
                for (int e : s.elements(Shape.of(params.get(s.param()).shape()))) {
                    v[e] *= scale;
                }
            }
        }
        values.forEach((n, v) -> out.put(n.name(), new Tensor(params.get(n).shape(), v)));
        return new ParameterSet(out);
    }
}
