package io.dgating.export.prune;

import io.dgating.api.ParameterSet;
import io.dgating.api.Tensor;
import io.dgating.api.gating.GroupReport;
import io.dgating.api.model.Dense;
import io.dgating.api.model.LayerSpec;
import io.dgating.api.model.ModelSpec;

/**
 * Dense layers. Forward: a removed input feature group drops its columns; a constant input
 * channel (a removed neuron upstream) is folded into the bias as {@code W[:, j] * c_j}; the
 * standardisation of the model input is folded into the first dense layer; a removed
 * neuron, or any unit left without inputs, becomes the constant {@code activation(bias)}.
 * Backward: the layer computes the units someone reads and reads the columns those need.
 */
final class DenseRule implements PruningRule<Dense> {

    /** Folded weights and the decisions of the forward pass. */
    private record State(int in, int out, double[] w, double[] b, boolean[] dropColumn, boolean[] constantRow) {}

    @Override
    public Signal forward(Dense layer, PruningContext ctx, Signal input) {
        ModelSpec model = ctx.model();
        int index = model.indexOf(layer.name());
        int in = model.inputSizeOf(index);
        int out = layer.units();
        Tensor wt = ctx.collapsed().get(layer.name() + ParameterSet.WEIGHT);
        double[] w = new double[in * out];
        for (int i = 0; i < w.length; i++) {
            w[i] = wt.get(i);
        }
        double[] b = new double[out];
        if (layer.bias()) {
            Tensor bt = ctx.collapsed().get(layer.name() + ParameterSet.BIAS);
            for (int i = 0; i < out; i++) {
                b[i] = bt.get(i);
            }
        }
        GroupReport groups = ctx.groups(layer.name());
        // an entry is removed when the group holding it is below eps; a column (row) goes when all its entries do
        boolean[] removedEntry = new boolean[in * out];
        if (groups != null && ctx.removeGroups()) {
            int[] groupOf = ctx.gating()
                    .groupsOf(model, layer.name())
                    .groupOfElement(layer.name() + ParameterSet.WEIGHT, io.dgating.api.Shape.of(out, in));
            double[] norms = groups.norms();
            for (int e = 0; e < groupOf.length; e++) {
                removedEntry[e] =
                        groupOf[e] >= 0 && norms[groupOf[e]] < ctx.gating().eps();
            }
        }

        boolean[] dropColumn = new boolean[in];
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
        if (readsModelInput(model, index)) {
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
        boolean[] constantRow = new boolean[out];
        boolean[] alive = new boolean[out];
        double[] constant = new double[out];
        int constants = 0;
        for (int i = 0; i < out; i++) {
            boolean removedNeuron = true;
            for (int j = 0; j < in && removedNeuron; j++) {
                removedNeuron = removedEntry[i * in + j];
            }
            constantRow[i] = removedNeuron || keptColumns == 0;
            alive[i] = !constantRow[i];
            if (constantRow[i]) {
                constant[i] = layer.activation().apply(b[i]);
                constants++;
            }
        }
        if (constants == out && index < model.layers().size() - 1) {
            ctx.note("layer " + layer.name() + ": all " + out + " units removed; later layers see constants, "
                    + "folded into their biases");
        }
        ctx.putState(layer.name(), new State(in, out, w, b, dropColumn, constantRow));
        return new Signal(alive, constant);
    }

    @Override
    public boolean[] backward(Dense layer, PruningContext ctx, boolean[] neededOutputs) {
        State s = ctx.state(layer.name(), State.class);
        boolean[] compute = new boolean[s.out()];
        int units = 0;
        for (int i = 0; i < s.out(); i++) {
            compute[i] = !s.constantRow()[i] && neededOutputs[i];
            units += compute[i] ? 1 : 0;
        }
        boolean[] needIn = new boolean[s.in()];
        int inputs = 0;
        for (int j = 0; j < s.in() && units > 0; j++) {
            needIn[j] = !s.dropColumn()[j];
            inputs += needIn[j] ? 1 : 0;
        }
        int[] keptUnits = indices(compute, units);
        int[] keptInputs = indices(needIn, inputs);
        float[] w = new float[units * inputs];
        float[] b = new float[units];
        for (int r = 0; r < units; r++) {
            int i = keptUnits[r];
            b[r] = (float) s.b()[i];
            for (int c = 0; c < inputs; c++) {
                w[r * inputs + c] = (float) s.w()[i * s.in() + keptInputs[c]];
            }
        }
        GroupReport g = ctx.groups(layer.name());
        ctx.addPlan(
                new LayerPlan(layer.name(), layer.activation(), keptInputs, keptUnits, w, b),
                new LayerPlan.Report(
                        layer.name(),
                        g == null ? null : g.kind(),
                        g == null ? 0 : g.groups(),
                        g == null || !ctx.removeGroups() ? 0 : g.zero(),
                        g == null ? 0 : g.almostZero(),
                        s.out(),
                        units,
                        s.in(),
                        inputs,
                        (long) s.out() * s.in(),
                        (long) units * inputs,
                        java.util.List.of()));
        return needIn;
    }

    /** True when only dropouts stand between the model input and this layer. */
    private static boolean readsModelInput(ModelSpec model, int index) {
        for (int i = 0; i < index; i++) {
            LayerSpec l = model.layers().get(i);
            if (!(l instanceof io.dgating.api.model.Dropout)) {
                return false;
            }
        }
        return true;
    }

    private static int[] indices(boolean[] flags, int count) {
        int[] out = new int[count];
        int k = 0;
        for (int i = 0; i < flags.length; i++) {
            if (flags[i]) {
                out[k++] = i;
            }
        }
        return out;
    }
}
