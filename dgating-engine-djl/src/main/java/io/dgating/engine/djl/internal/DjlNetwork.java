package io.dgating.engine.djl.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import io.dgating.api.ParameterSet;
import io.dgating.api.Tensor;
import io.dgating.api.gating.GateSpec;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.gating.GroupKind;
import io.dgating.api.gating.GroupLayout;
import io.dgating.api.gating.ParameterLayout;
import io.dgating.api.model.Dense;
import io.dgating.api.model.Dropout;
import io.dgating.api.model.Flatten;
import io.dgating.api.model.LayerSpec;
import io.dgating.api.model.ModelSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A model as PyTorch tensors: parameters are leaves with gradients; every forward pass builds
 * {@code W = omega * prod_d gamma_d} from the factors, so autograd differentiates through the
 * reparametrisation. Parameters live in {@code manager}; step arrays in the caller's scope.
 */
public final class DjlNetwork {

    private final ModelSpec model;
    private final GatingConfig gating;
    private final Map<String, NDArray> params = new LinkedHashMap<>();
    private final Map<String, NDArray> groupSelectors = new LinkedHashMap<>();
    private final Set<String> gatedFactors;

    /**
     * Loads parameters onto the manager's device.
     *
     * @param model the architecture
     * @param gating the gating
     * @param initial gated-form parameters
     * @param manager owner of the parameter arrays
     * @param withGradients whether the parameters are trained
     */
    public DjlNetwork(ModelSpec model, GatingConfig gating, ParameterSet initial, NDManager manager, boolean withGradients) {
        this.model = model;
        this.gating = gating;
        gating.validateAgainst(model);
        ParameterLayout.check(model, gating, initial);
        this.gatedFactors = ParameterLayout.gatedFactors(model, gating);
        NativeArrays staging = new NativeArrays();
        for (var e : initial.asMap().entrySet()) {
            Tensor t = e.getValue();
            long[] shape = new long[t.rank()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = t.dim(i);
            }
            NDArray a = staging.copyOf(manager, t.data(), new Shape(shape));
            a.setName(e.getKey());
            if (withGradients) {
                a.setRequiresGradient(true);
            }
            params.put(e.getKey(), a);
        }
        io.dgating.api.Shape shape = model.inputShape();
        for (LayerSpec l : model.layers()) {
            int size = shape.size();
            GateSpec g = gating.gateOf(l.name());
            if (g != null && g.kind() == GroupKind.INPUT_FEATURES && g.featureGroups().length > 0) {
                // grouped columns: a constant [groups, cols] one-hot matrix spreads group products to columns
                GroupLayout layout = GroupLayout.of(g, ((Dense) l).units(), size);
                float[] sel = new float[layout.groups() * size];
                int[] groupOf = layout.groupOfColumn();
                for (int c = 0; c < size; c++) {
                    sel[groupOf[c] * size + c] = 1f;
                }
                groupSelectors.put(l.name(), staging.copyOf(manager, sel, new Shape(layout.groups(), size)));
            }
            shape = l.outputShape(shape);
        }
    }

    /** Returns the parameter arrays in model order. */
    public Map<String, NDArray> params() {
        return params;
    }

    /** Returns the parameter names in model order. */
    public List<String> names() {
        return new ArrayList<>(params.keySet());
    }

    /** Returns whether a parameter is a D-Gating factor (omega of a gated layer, or its gates). */
    public boolean isGatedFactor(String name) {
        return gatedFactors.contains(name);
    }

    /**
     * Runs the model; intermediate arrays belong to the active scope.
     *
     * @param x inputs {@code [n, inputSize]}
     * @param training whether dropout is active
     * @return outputs {@code [n, outputs]}
     */
    public NDArray forward(NDArray x, boolean training) {
        NDArray a = x;
        for (LayerSpec l : model.layers()) {
            if (l instanceof Dense d) {
                NDArray w = weight(d);
                NDArray z = a.matMul(w.transpose());
                if (d.bias()) {
                    z = z.add(params.get(d.name() + ParameterSet.BIAS));
                }
                a = switch (d.activation()) {
                    case IDENTITY -> z;
                    case RELU -> Activation.relu(z);
                    case TANH -> z.tanh();
                    case GELU -> Activation.gelu(z);
                };
            } else if (l instanceof Flatten) {
                continue; // arrays are [rows, values] already
            } else if (l instanceof Dropout dr) {
                a = training && dr.rate() > 0
                        ? ai.djl.nn.norm.Dropout.dropout(a, (float) dr.rate(), true).singletonOrThrow()
                        : a;
            } else {
                throw new IllegalArgumentException("the djl engine does not implement layer kind "
                        + l.getClass().getSimpleName());
            }
        }
        return a;
    }

    private NDArray weight(Dense d) {
        NDArray omega = params.get(d.name() + ParameterSet.WEIGHT);
        GateSpec g = gating.gateOf(d.name());
        if (g == null) {
            return omega;
        }
        NDArray gates = params.get(d.name() + ParameterSet.GATES);
        NDArray p = gates.prod(new int[] {1});
        if (g.kind() == GroupKind.NEURONS) {
            return omega.mul(p.reshape(-1, 1));
        }
        NDArray selector = groupSelectors.get(d.name());
        NDArray perColumn = selector == null ? p.reshape(1, -1) : p.reshape(1, -1).matMul(selector);
        return omega.mul(perColumn);
    }

    /**
     * Returns {@code (lambda/D) * sum of squared gated factors + (weightDecay/2) * sum of squares of the rest}.
     *
     * @param weightDecay decay of ungated parameters
     * @return a scalar array in the active scope
     */
    public NDArray penalty(double weightDecay) {
        NDArray total = null;
        for (var e : params.entrySet()) {
            double c = isGatedFactor(e.getKey()) ? gating.factorDecay() : weightDecay / 2;
            if (c == 0) {
                continue;
            }
            NDArray term = e.getValue().square().sum().mul(Scalars.of(e.getValue(), c));
            total = total == null ? term : total.add(term);
        }
        return total;
    }

    /**
     * Sets the parameters' accumulated gradients to zero (PyTorch adds every backward pass to
     * them). Touches this network's parameters only, unlike DJL's
     * {@code GradientCollector.zeroGradients()}, which walks every array of every manager in the
     * process.
     */
    public void zeroGradients() {
        for (NDArray p : params.values()) {
            JniUtils.zeroGrad((PtNDArray) p);
        }
    }

    /** Returns a copy of the parameters as engine-neutral tensors. */
    public ParameterSet snapshot() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (var e : params.entrySet()) {
            out.put(e.getKey(), tensor(e.getValue()));
        }
        return new ParameterSet(out);
    }

    /**
     * Copies an array into an engine-neutral tensor.
     *
     * @param a the array
     * @return its shape and values
     */
    static Tensor tensor(NDArray a) {
        long[] s = a.getShape().getShape();
        int[] shape = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            shape[i] = (int) s[i];
        }
        return new Tensor(shape, a.toFloatArray());
    }

    /** Returns the parameter arrays in model order as a list. */
    public List<NDArray> list() {
        return new ArrayList<>(params.values());
    }
}
