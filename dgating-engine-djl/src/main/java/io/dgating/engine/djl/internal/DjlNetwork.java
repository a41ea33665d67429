package io.dgating.engine.djl.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import io.dgating.api.ParamRef;
import io.dgating.api.ParameterSet;
import io.dgating.api.Tensor;
import io.dgating.api.gating.GateGroups;
import io.dgating.api.gating.GateSpec;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.gating.ParameterLayout;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.model.ParamRole;
import io.dgating.api.model.ParamSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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
    private final Map<String, GateFactor> gateFactors = new LinkedHashMap<>();
    private final Set<String> gatedFactors;
    private final Set<String> trainable = new LinkedHashSet<>();
    private final List<String> gateNames = new ArrayList<>();
    private final List<List<Integer>> sources = new ArrayList<>();
    private final List<DjlLayers.Op> ops = new ArrayList<>();

    /**
     * Loads parameters onto the manager's device.
     *
     * @param model the architecture
     * @param gating the gating
     * @param initial gated-form parameters
     * @param manager owner of the parameter arrays
     * @param withGradients whether the parameters are trained
     */
    public DjlNetwork(
            ModelSpec model, GatingConfig gating, ParameterSet initial, NDManager manager, boolean withGradients) {
        this.model = model;
        this.gating = gating;
        gating.validateAgainst(model);
        ParameterLayout.check(model, gating, initial);
        this.gatedFactors = ParameterLayout.gatedFactors(model, gating);
        DjlLayers layers = new DjlLayers();
        for (int i = 0; i < model.layers().size(); i++) {
            sources.add(model.sourcesOf(i));
            ops.add(model.layers().get(i).accept(layers));
        }
        for (ParamSpec p : ParameterLayout.specs(model, gating)) {
            if (p.role().trainable()) {
                trainable.add(p.name());
            }
            if (p.role() == ParamRole.GATES) {
                gateNames.add(p.name());
            }
        }
        NativeArrays staging = new NativeArrays();
        for (var e : initial.asMap().entrySet()) {
            Tensor t = e.getValue();
            long[] shape = new long[t.rank()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = t.dim(i);
            }
            NDArray a = staging.copyOf(manager, t.data(), new Shape(shape));
            a.setName(e.getKey());
            if (withGradients && trainable.contains(e.getKey())) {
                a.setRequiresGradient(true);
            }
            params.put(e.getKey(), a);
        }
        for (GateSpec g : gating.gates()) {
            GateGroups groups = gating.groupsOf(model, g.layer());
            for (ParamRef p : groups.params()) {
                gateFactors.put(
                        p.name(), GateFactor.of(groups, p, initial.get(p).shape(), staging, manager));
            }
        }
    }

    /** {@return the parameter arrays in model order, running statistics included} */
    public Map<String, NDArray> params() {
        return params;
    }

    /** {@return the names of the trained parameters in model order (running statistics are not trained)} */
    public List<String> names() {
        return new ArrayList<>(trainable);
    }

    /**
     * {@return whether a parameter is a D-Gating factor (omega of a gated layer, or its gates)}
     *
     * @param name the parameter's name
     */
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
        Map<String, NDArray> effective = collapsed();
        List<NDArray> outs = new ArrayList<>();
        long n = x.getShape().get(0);
        NDArray input = x.reshape(new Shape(prepend(n, model.inputShape().dims())));
        for (int i = 0; i < model.layers().size(); i++) {
            List<NDArray> in = new ArrayList<>();
            for (int s : sources.get(i)) {
                in.add(s < 0 ? input : outs.get(s));
            }
            outs.add(ops.get(i).forward(in, effective, training));
        }
        return outs.get(outs.size() - 1);
    }

    /** The parameters the layers compute with: every tensor a group holds as {@code omega * P}, the rest as they are. */
    private Map<String, NDArray> collapsed() {
        if (gateFactors.isEmpty()) {
            return params;
        }
        Map<String, NDArray> products = new HashMap<>();
        for (String gates : gateNames) {
            products.put(gates, params.get(gates).prod(new int[] {1}));
        }
        Map<String, NDArray> out = new HashMap<>(params);
        for (var e : gateFactors.entrySet()) {
            GateFactor f = e.getValue();
            out.put(e.getKey(), params.get(e.getKey()).mul(f.perEntry(products.get(f.gates()))));
        }
        return out;
    }

    private static long[] prepend(long n, int[] dims) {
        long[] out = new long[dims.length + 1];
        out[0] = n;
        for (int i = 0; i < dims.length; i++) {
            out[i + 1] = dims[i];
        }
        return out;
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
            if (!trainable.contains(e.getKey())) {
                continue;
            }
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
        for (String name : trainable) {
            JniUtils.zeroGrad((PtNDArray) params.get(name));
        }
    }

    /** Sets the accumulated gradient of every gate matrix to zero (frozen gates). */
    public void zeroGateGradients() {
        for (String name : gateNames) {
            JniUtils.zeroGrad((PtNDArray) params.get(name));
        }
    }

    /** {@return a copy of the parameters as engine-neutral tensors} */
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

    /** {@return the trained parameter arrays in model order as a list} */
    public List<NDArray> list() {
        return trainable.stream().map(params::get).toList();
    }
}
