package io.dgating.export.kinds;

import io.dgating.api.Shape;
import io.dgating.api.Tensor;
import io.dgating.api.gating.GroupReport;
import io.dgating.api.model.Dense;
import io.dgating.export.LayerReport;
import io.dgating.export.onnx.OnnxGraph;
import io.dgating.export.onnx.Op;
import io.dgating.export.onnx.ValueRef;
import io.dgating.export.plan.LayerContext;
import io.dgating.export.plan.LayerRule;
import io.dgating.export.plan.Signal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Dense layers on flat rows: a removed input feature group drops its columns; a constant input
 * channel (a removed neuron upstream) is folded into the bias as {@code W[:, j] * c_j}; the model
 * input's standardisation is folded into the layers that read it; a removed neuron, or any unit
 * left without inputs, becomes the constant {@code activation(bias)}. The compact layer computes
 * the units its readers need from the columns that remain, gathering them from its input value
 * when that holds more. A dense layer over a sequence maps every position alike: it is kept whole.
 */
final class DenseRule implements LayerRule {

    private final Dense layer;
    // the forward pass's decisions, in double: weights with constants and standardisation folded
    private double[] w;
    private double[] b;
    private boolean[] dropColumn;

    DenseRule(Dense layer) {
        this.layer = layer;
    }

    private static boolean sequence(LayerContext ctx) {
        return ctx.inputShape().rank() == 2;
    }

    @Override
    public Signal forward(LayerContext ctx, List<Signal> inputs) {
        if (sequence(ctx)) {
            // a sequence's channel is its position, each mapped alike
            return Signal.allAlive(ctx.inputShape().dim(0));
        }
        Signal input = inputs.get(0);
        int in = layer.inputs(ctx.inputShape());
        int out = layer.units();
        Tensor wt = ctx.param(layer.weightParam());
        w = new double[in * out];
        for (int i = 0; i < w.length; i++) {
            w[i] = wt.get(i);
        }
        b = new double[out];
        if (layer.bias()) {
            Tensor bt = ctx.param(layer.biasParam());
            for (int i = 0; i < out; i++) {
                b[i] = bt.get(i);
            }
        }
        GroupReport groups = ctx.groups(layer.name());
        // an entry is removed when the group holding it is below eps; a column (row) goes when all its entries do
        boolean[] removedEntry = new boolean[in * out];
        if (groups != null && ctx.compact()) {
            int[] groupOf = ctx.gating()
                    .groupsOf(ctx.model(), layer.name())
                    .groupOfElement(layer.weightParam(), Shape.of(out, in));
            double[] norms = groups.norms();
            for (int e = 0; e < groupOf.length; e++) {
                removedEntry[e] =
                        groupOf[e] >= 0 && norms[groupOf[e]] < ctx.gating().eps();
            }
        }
        dropColumn = new boolean[in];
        int keptColumns = 0;
        for (int j = 0; j < in; j++) {
            boolean removedGroup = true;
            for (int i = 0; i < out && removedGroup; i++) {
                removedGroup = removedEntry[i * in + j];
            }
            dropColumn[j] = !input.isAlive(j) || removedGroup;
            keptColumns += dropColumn[j] ? 0 : 1;
            if (!input.isAlive(j) && input.constant(j) != 0.0) {
                for (int i = 0; i < out; i++) {
                    b[i] += w[i * in + j] * input.constant(j);
                }
            }
        }
        if (ctx.foldsStandardization()) {
            double[] mean = ctx.standardization().mean();
            double[] scale = ctx.standardization().scale();
            for (int j = 0; j < in; j++) {
                if (dropColumn[j]) {
                    continue;
                }
                for (int i = 0; i < out; i++) {
                    double v = w[i * in + j] / scale[j];
                    w[i * in + j] = v;
                    b[i] -= v * mean[j];
                }
            }
        }
        boolean[] alive = new boolean[out];
        double[] constant = new double[out];
        int constants = 0;
        for (int i = 0; i < out; i++) {
            boolean removedNeuron = true;
            for (int j = 0; j < in && removedNeuron; j++) {
                removedNeuron = removedEntry[i * in + j];
            }
            alive[i] = !removedNeuron && keptColumns > 0;
            if (!alive[i]) {
                constant[i] = layer.activation().apply(b[i]);
                constants++;
            }
        }
        if (constants == out && ctx.index() < ctx.model().layers().size() - 1) {
            ctx.note("layer " + layer.name() + ": all " + out + " units removed; later layers see constants, "
                    + "folded into their biases");
        }
        return new Signal(alive, constant);
    }

    @Override
    public boolean[][] needs(LayerContext ctx, boolean[] out, List<Signal> in) {
        if (sequence(ctx)) {
            return new boolean[][] {out.clone()};
        }
        boolean any = false;
        for (boolean o : out) {
            any |= o;
        }
        boolean[] needIn = new boolean[dropColumn.length];
        for (int j = 0; j < needIn.length && any; j++) {
            needIn[j] = !dropColumn[j];
        }
        return new boolean[][] {needIn};
    }

    /** {@return the original indices of the columns the compact layer reads} */
    private int[] readColumns(LayerContext ctx) {
        if (ctx.kept().length == 0) {
            return new int[0];
        }
        return IntStream.range(0, dropColumn.length).filter(j -> !dropColumn[j]).toArray();
    }

    @Override
    public boolean computesKeptChannels(LayerContext ctx) {
        return !sequence(ctx);
    }

    @Override
    public boolean readsInChannelBlocks() {
        return false;
    }

    @Override
    public boolean foldsInputAffine(LayerContext ctx) {
        return !sequence(ctx);
    }

    @Override
    public boolean passesThrough(LayerContext ctx) {
        return false;
    }

    @Override
    public long multiplyAdds(LayerContext ctx, boolean exported) {
        int in = layer.inputs(ctx.inputShape());
        if (sequence(ctx) || !exported) {
            return (long) layer.positions(ctx.inputShape()) * layer.units() * in;
        }
        return (long) ctx.kept().length * readColumns(ctx).length;
    }

    @Override
    public long parameters(LayerContext ctx, boolean exported) {
        int in = layer.inputs(ctx.inputShape());
        if (sequence(ctx) || !exported) {
            return (long) layer.units() * in + (layer.bias() ? layer.units() : 0);
        }
        // the compact layer always has a bias: the constants of removed inputs are folded into it
        int units = ctx.kept().length;
        return (long) units * readColumns(ctx).length + units;
    }

    @Override
    public Optional<LayerReport> report(LayerContext ctx) {
        GroupReport g = ctx.groups(layer.name());
        int in = layer.inputs(ctx.inputShape());
        boolean flat = !sequence(ctx);
        return Optional.of(new LayerReport(
                layer.name(),
                g == null ? null : g.kind(),
                g == null ? 0 : g.groups(),
                g == null || !ctx.compact() ? 0 : g.zero(),
                g == null ? 0 : g.almostZero(),
                layer.units(),
                flat ? ctx.kept().length : layer.units(),
                in,
                flat ? readColumns(ctx).length : in,
                multiplyAdds(ctx, false),
                multiplyAdds(ctx, true),
                List.of()));
    }

    @Override
    public ValueRef write(LayerContext ctx, List<ValueRef> in) {
        OnnxGraph g = ctx.graph();
        return sequence(ctx) ? writeSequence(ctx, in.get(0), g) : writeRows(ctx, in.get(0), g);
    }

    /** {@code Gemm} with the kept units' rows and the read columns, then the activation. */
    private ValueRef writeRows(LayerContext ctx, ValueRef x, OnnxGraph g) {
        int in = dropColumn.length;
        int[] units = ctx.kept();
        int[] columns = readColumns(ctx);
        if (columns.length == 0) {
            // nothing left to read: every unit is its constant
            float[] row = new float[units.length];
            for (int r = 0; r < units.length; r++) {
                row[r] = (float) layer.activation().apply(b[units[r]]);
            }
            ValueRef batch = ctx.modelInput().apply(Op.SHAPE, Map.of("start", 0L, "end", 1L));
            ValueRef dims = batch.apply(
                    Op.CONCAT,
                    Map.of("axis", 0L),
                    g.initializerInt64(layer.name() + ".constant_shape", new long[] {units.length}, 1));
            return g.initializer(layer.name() + ".constant", row, 1, units.length)
                    .apply(Op.EXPAND, Map.of(), dims)
                    .shaped(OnnxGraph.BATCH, units.length);
        }
        int[] holds = ctx.keptIn(0);
        if (!Arrays.equals(holds, columns)) {
            // the input value holds more than this layer reads (all features, or whole flattened channels)
            int[] rank = new int[in];
            for (int k = 0; k < holds.length; k++) {
                rank[holds[k]] = k;
            }
            long[] at = Arrays.stream(columns).mapToLong(c -> rank[c]).toArray();
            x = x.apply(Op.GATHER, Map.of("axis", 1L), g.initializerInt64("kept_feature_indices", at, at.length))
                    .shaped(OnnxGraph.BATCH, at.length);
        }
        float[] weight = new float[units.length * columns.length];
        float[] bias = new float[units.length];
        for (int r = 0; r < units.length; r++) {
            int i = units[r];
            bias[r] = (float) b[i];
            for (int c = 0; c < columns.length; c++) {
                weight[r * columns.length + c] = (float) w[i * in + columns[c]];
            }
        }
        ValueRef z = x.gemm(
                        g.initializer(layer.name() + ".weight", weight, units.length, columns.length),
                        g.initializer(layer.name() + ".bias", bias, units.length))
                .shaped(OnnxGraph.BATCH, units.length);
        return ActivationNodes.apply(g, z, layer.activation(), Shape.of(units.length));
    }

    /** {@code MatMul} with the transposed weight at every position, the bias, then the activation. */
    private ValueRef writeSequence(LayerContext ctx, ValueRef x, OnnxGraph g) {
        Shape out = ctx.compactOutputShape();
        int inputs = layer.inputs(ctx.inputShape());
        float[] w = ctx.param(layer.weightParam()).data();
        float[] wt = new float[w.length];
        for (int u = 0; u < layer.units(); u++) {
            for (int j = 0; j < inputs; j++) {
                wt[j * layer.units() + u] = w[u * inputs + j];
            }
        }
        ValueRef z = x.apply(Op.MATMUL, Map.of(), g.initializer(layer.name() + ".weight_t", wt, inputs, layer.units()))
                .shaped(out);
        if (layer.bias()) {
            z = z.add(g.initializer(
                            layer.name() + ".bias", ctx.param(layer.biasParam()).data(), layer.units()))
                    .shaped(out);
        }
        return ActivationNodes.apply(g, z, layer.activation(), out);
    }
}
