package io.dgating.engine.cpu.internal;

import io.dgating.api.ParamRef;
import io.dgating.api.Shape;
import io.dgating.api.gating.GateGroups;
import io.dgating.engine.cpu.kernel.Workers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The D-Gating factors of one gated layer's groups, which may span several tensors (a filter
 * group holds conv filters, biases and batch-norm entries): omega lives in trainable parameters,
 * the {@code [groups, D - 1]} gate matrix here, and the layers compute with a view per tensor
 * that holds {@code W = omega * P}. Keeping the gating outside the layers is what lets any
 * layer kind take part in a group.
 *
 * <p>Forward: {@code W = omega * P} with {@code P_j = prod_d gamma_jd} broadcast over group j.
 * Backward (chain rule, g = dL/dW): {@code dL/domega = P * g} and
 * {@code dL/dgamma_jd = (prod_{d' != d} gamma_jd') * sum over the group's tensors <omega_j, g_j>};
 * the product of the other gates is multiplied out, never obtained by dividing by gamma_jd, which
 * may be 0.
 *
 * <p>The passes over a tensor run on the workers, split by rows (collapse) or by groups (backward,
 * so each group's inner product still adds its entries in ascending order): the bits do not depend
 * on the split. The loop bodies are fields, so a step on one thread allocates nothing.
 */
final class GateState {

    private final GateGroups groups;
    private final int factors;
    private final Param gates;
    private final float[] products;
    private final double[] inner;
    private final List<Bound> tensors = new ArrayList<>();
    private final Workers workers;
    private final Workers.Range collapseRange = this::collapseRange;
    private final Workers.Range backwardRange = this::backwardRange;
    /** The tensor the loop bodies work on. */
    private Bound current;
    /** The penalty's decay coefficient that {@link #backward(float)} adds to omega's gradient. */
    private float decay;

    /**
     * A gated tensor: the trained omega and the view the layer computes with. {@code layout} says
     * how its entries map to groups: the two common layouts run without a per-entry group lookup.
     */
    private record Bound(Param omega, Param view, int[] groupOf, Layout layout, int period) {}

    /** How a tensor's entries map to groups. */
    private enum Layout {
        /** Entry e is in group {@code e / period}: each group a run of consecutive entries (neurons, filters). */
        ROWS,
        /** Entry e is in group {@code e % period}: each group a column of a row-major matrix (input features). */
        COLUMNS,
        /** Anything else (some entries in no group, groups in any order): a lookup per entry. */
        GENERIC
    }

    GateState(GateGroups groups, Param gates, Workers workers) {
        this.groups = groups;
        this.workers = workers;
        this.gates = gates;
        this.factors = gates.shape()[1];
        this.products = new float[groups.size()];
        this.inner = new double[groups.size()];
    }

    /**
     * Binds a tensor the groups hold and returns the view its layer computes with.
     *
     * @param ref the tensor
     * @param omega its trained factor
     * @return a parameter of the same name whose value is the collapsed weight and whose gradient
     *     the layer writes
     */
    Param bind(ParamRef ref, Param omega) {
        Param view = new Param(
                omega.name(), omega.shape(), new float[omega.value().length], new float[omega.value().length], false);
        int[] groupOf = groups.groupOfElement(ref, Shape.of(omega.shape()));
        int[] shape = omega.shape();
        int last = shape.length == 0 ? 1 : shape[shape.length - 1];
        int rowLength = shape.length == 0 ? 1 : groupOf.length / shape[0];
        Layout layout = Layout.GENERIC;
        int period = 0;
        if (matches(groupOf, Layout.ROWS, rowLength)) {
            layout = Layout.ROWS;
            period = rowLength;
        } else if (matches(groupOf, Layout.COLUMNS, last)) {
            layout = Layout.COLUMNS;
            period = last;
        }
        tensors.add(new Bound(omega, view, groupOf, layout, period));
        return view;
    }

    private static boolean matches(int[] groupOf, Layout layout, int period) {
        if (period < 1 || groupOf.length % period != 0) {
            return false;
        }
        for (int e = 0; e < groupOf.length; e++) {
            if (groupOf[e] != (layout == Layout.ROWS ? e / period : e % period)) {
                return false;
            }
        }
        return true;
    }

    Param gates() {
        return gates;
    }

    /** Writes {@code omega * P} into every view. */
    void collapse() {
        float[] g = gates.value();
        for (int j = 0; j < products.length; j++) {
            float p = 1f;
            for (int d = 0; d < factors; d++) {
                p *= g[j * factors + d];
            }
            products[j] = p;
        }
        for (Bound t : tensors) {
            current = t;
            int length = t.omega.value().length;
            if (t.layout == Layout.GENERIC) {
                collapseRange(0, length);
            } else {
                // ROWS and COLUMNS tensors are whole rows of period entries
                workers.forRange(length / t.period, t.period, collapseRange);
            }
        }
    }

    /** Rows {@code [from, to)} of the current tensor (entries, for a generic layout). */
    private void collapseRange(int from, int to) {
        Bound t = current;
        float[] omega = t.omega.value();
        float[] w = t.view.value();
        int n = t.period;
        switch (t.layout) {
            case ROWS -> {
                for (int j = from; j < to; j++) {
                    float p = products[j];
                    for (int i = j * n; i < (j + 1) * n; i++) {
                        w[i] = omega[i] * p;
                    }
                }
            }
            case COLUMNS -> {
                for (int base = from * n; base < to * n; base += n) {
                    for (int i = 0; i < n; i++) {
                        w[base + i] = omega[base + i] * products[i];
                    }
                }
            }
            default -> {
                int[] groupOf = t.groupOf;
                for (int e = from; e < to; e++) {
                    int j = groupOf[e];
                    w[e] = j < 0 ? omega[e] : omega[e] * products[j];
                }
            }
        }
    }

    /** {@return the omegas of the tensors bound so far (their decay is {@link #backward(float)}'s)} */
    List<Param> omegas() {
        return tensors.stream().map(Bound::omega).filter(Param::gatedFactor).toList();
    }

    /**
     * Turns the views' gradients into omega and gate gradients; uses the products of the last
     * {@link #collapse}. Adds {@code decay * omega} to omega's gradient in the same pass, with the
     * same two roundings as adding it afterwards ({@code (P g) + (c omega)}): one pass over the
     * weight fewer. A zero decay adds nothing (adding {@code 0 * omega} could turn a -0 into +0).
     *
     * @param decay the coefficient of omega's decay gradient, 0 for none
     */
    void backward(float decay) {
        Arrays.fill(inner, 0.0);
        for (Bound t : tensors) {
            current = t;
            // only D-Gating factors take the penalty's decay here (see omegas())
            this.decay = t.omega.gatedFactor() ? decay : 0f;
            int length = t.omega.value().length;
            switch (t.layout) {
                case ROWS -> workers.forRange(length / t.period, t.period, backwardRange);
                case COLUMNS -> workers.forRange(t.period, length / t.period, backwardRange);
                default -> backwardRange(0, length);
            }
        }
        float[] gv = gates.value();
        float[] gg = gates.grad();
        for (int j = 0; j < products.length; j++) {
            for (int d = 0; d < factors; d++) {
                double others = 1.0;
                for (int e = 0; e < factors; e++) {
                    if (e != d) {
                        others *= gv[j * factors + e];
                    }
                }
                gg[j * factors + d] = (float) (others * inner[j]);
            }
        }
    }

    /**
     * Groups {@code [from, to)} of the current tensor (entries, for a generic layout). Every layout adds
     * to each group's inner product in ascending entry order, so the sums (and the trained bits) are
     * the same whichever loop runs and however the groups are split.
     */
    private void backwardRange(int from, int to) {
        Bound t = current;
        float[] omega = t.omega.value();
        float[] dW = t.view.grad();
        float[] omegaGrad = t.omega.grad();
        int n = t.period;
        switch (t.layout) {
            case ROWS -> {
                float c = decay;
                for (int j = from; j < to; j++) {
                    float p = products[j];
                    double acc = inner[j];
                    for (int i = j * n; i < (j + 1) * n; i++) {
                        float g = dW[i];
                        omegaGrad[i] = c == 0f ? p * g : p * g + c * omega[i];
                        acc += (double) omega[i] * g;
                    }
                    inner[j] = acc;
                }
            }
            case COLUMNS -> {
                float c = decay;
                for (int base = 0; base < dW.length; base += n) {
                    for (int i = from; i < to; i++) {
                        float g = dW[base + i];
                        omegaGrad[base + i] = c == 0f ? products[i] * g : products[i] * g + c * omega[base + i];
                        inner[i] += (double) omega[base + i] * g;
                    }
                }
            }
            default -> {
                int[] groupOf = t.groupOf;
                float c = decay;
                for (int e = from; e < to; e++) {
                    int j = groupOf[e];
                    float g = dW[e];
                    if (j < 0) {
                        omegaGrad[e] = c == 0f ? g : g + c * omega[e];
                        continue;
                    }
                    omegaGrad[e] = c == 0f ? products[j] * g : products[j] * g + c * omega[e];
                    inner[j] += (double) omega[e] * g;
                }
            }
        }
    }
}
