package io.dgating.api.gating;

import io.dgating.api.ParamRef;
import io.dgating.api.Shape;
import io.dgating.api.model.BatchNorm;
import io.dgating.api.model.Conv2d;
import io.dgating.api.model.Dense;
import io.dgating.api.model.LayerSpec;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.model.MultiHeadAttention;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Which groups each layer kind offers, as slices of parameters: the one place that knows that a
 * dense layer's neuron {@code i} is row {@code i} of its weight, its input feature {@code j}
 * column {@code j}, and that a filter group holds filter {@code f} of every coupled convolution
 * (plus, zero-invariant, their biases and the batch-norm entries of channel {@code f}).
 */
public final class GroupRules {

    private GroupRules() {}

    /**
     * Returns the groups {@code spec} asks of a layer of {@code model}.
     *
     * @param model the model
     * @param index the gated layer's position
     * @param spec its gate spec
     * @return the groups
     * @throws IllegalArgumentException if the layer kind offers no groups of that kind, the spec's
     *     feature groups do not cover the inputs, or a filter-gated convolution does not own its
     *     channels
     */
    public static GateGroups of(ModelSpec model, int index, GateSpec spec) {
        LayerSpec layer = model.layers().get(index);
        if (spec.kind().isFilters()) {
            if (!(layer instanceof Conv2d)) {
                throw new IllegalArgumentException("layer '" + layer.name() + "' is a "
                        + layer.getClass().getSimpleName() + "; filter groups need a convolution");
            }
            return filters(model, index, spec.kind());
        }
        if (spec.kind().isHeads()) {
            if (!(layer instanceof MultiHeadAttention attention)) {
                throw new IllegalArgumentException("layer '" + layer.name() + "' is a "
                        + layer.getClass().getSimpleName() + "; head groups need an attention layer");
            }
            return heads(attention, spec.kind());
        }
        if (!(layer instanceof Dense dense)) {
            throw new IllegalArgumentException("layer '" + layer.name() + "' is a "
                    + layer.getClass().getSimpleName() + "; " + spec.kind() + " groups need a dense layer");
        }
        return dense(dense, model.inputShapeOf(index), spec);
    }

    private static GateGroups filters(ModelSpec model, int index, GroupKind kind) {
        ChannelCoupling coupling = new ChannelCoupling(model);
        String name = model.layers().get(index).name();
        if (coupling.joinsInput(index)) {
            throw new IllegalArgumentException("the channels of conv '" + name
                    + "' are added to the model input, which cannot lose channels; its filters cannot be gated");
        }
        List<Integer> convs = coupling.convolutions(index);
        if (convs.get(0) != index) {
            throw new IllegalArgumentException("conv '" + name + "' writes the same channels as conv '"
                    + model.layers().get(convs.get(0)).name() + "' (joined by a residual add); gate '"
                    + model.layers().get(convs.get(0)).name() + "', whose filter groups cover both");
        }
        int filters = ((Conv2d) model.layers().get(index)).filters();
        List<List<GroupSlice>> groups = new ArrayList<>();
        for (int f = 0; f < filters; f++) {
            int[] at = {f};
            List<GroupSlice> g = new ArrayList<>();
            for (int c : convs) {
                Conv2d conv = (Conv2d) model.layers().get(c);
                g.add(new GroupSlice(conv.weightParam(), 0, at));
                if (kind == GroupKind.FILTERS && conv.bias()) {
                    g.add(new GroupSlice(conv.biasParam(), 0, at));
                }
            }
            if (kind == GroupKind.FILTERS) {
                for (int b : coupling.batchNorms(index)) {
                    BatchNorm bn = (BatchNorm) model.layers().get(b);
                    g.add(new GroupSlice(bn.scaleParam(), 0, at));
                    g.add(new GroupSlice(bn.shiftParam(), 0, at));
                }
            }
            groups.add(g);
        }
        return new GateGroups(name, kind, groups);
    }

    private static GateGroups heads(MultiHeadAttention a, GroupKind kind) {
        List<List<GroupSlice>> groups = new ArrayList<>();
        for (int h = 0; h < a.heads(); h++) {
            int[] rows =
                    IntStream.range(h * a.headSize(), (h + 1) * a.headSize()).toArray();
            List<GroupSlice> g = new ArrayList<>();
            if (kind == GroupKind.HEADS) {
                g.add(new GroupSlice(a.value().weight(), 0, rows));
            } else {
                for (MultiHeadAttention.Projection p : List.of(a.query(), a.key(), a.value())) {
                    g.add(new GroupSlice(p.weight(), 0, rows));
                    g.add(new GroupSlice(p.bias(), 0, rows));
                }
                g.add(new GroupSlice(a.out().weight(), 1, rows));
            }
            groups.add(g);
        }
        return new GateGroups(a.name(), kind, groups);
    }

    private static GateGroups dense(Dense dense, Shape input, GateSpec spec) {
        ParamRef weight = dense.weightParam();
        List<List<GroupSlice>> groups = new ArrayList<>();
        if (spec.kind() == GroupKind.NEURONS) {
            for (int i = 0; i < dense.units(); i++) {
                groups.add(List.of(new GroupSlice(weight, 0, new int[] {i})));
            }
            return new GateGroups(dense.name(), GroupKind.NEURONS, groups);
        }
        int cols = dense.inputs(input);
        int[] map = spec.featureGroups();
        if (map.length == 0) {
            for (int c = 0; c < cols; c++) {
                groups.add(List.of(new GroupSlice(weight, 1, new int[] {c})));
            }
            return new GateGroups(dense.name(), GroupKind.INPUT_FEATURES, groups);
        }
        if (map.length != cols) {
            throw new IllegalArgumentException(
                    "layer '" + spec.layer() + "' has " + cols + " inputs but its feature groups cover " + map.length);
        }
        int count = 0;
        for (int g : map) {
            count = Math.max(count, g + 1);
        }
        for (int g = 0; g < count; g++) {
            List<Integer> columns = new ArrayList<>();
            for (int c = 0; c < cols; c++) {
                if (map[c] == g) {
                    columns.add(c);
                }
            }
            groups.add(List.of(new GroupSlice(
                    weight, 1, columns.stream().mapToInt(Integer::intValue).toArray())));
        }
        return new GateGroups(dense.name(), GroupKind.INPUT_FEATURES, groups);
    }
}
