package io.dgating.engine.cpu.internal;

import io.dgating.api.train.EpochOrder;
import io.dgating.api.ParameterSet;
import io.dgating.api.Shape;
import io.dgating.api.Tensor;
import io.dgating.api.gating.GateSpec;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.gating.GroupLayout;
import io.dgating.api.gating.ParameterLayout;
import io.dgating.api.model.Dense;
import io.dgating.api.model.Dropout;
import io.dgating.api.model.Flatten;
import io.dgating.api.model.LayerSpec;
import io.dgating.api.model.ModelSpec;
import io.dgating.engine.cpu.kernel.GemmMt;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A model spec instantiated with float32 parameters: forward, loss, backward and the
 * D-Gating penalty. Not thread-safe; one network per training run.
 */
public final class Network {

    private final ModelSpec model;
    private final GatingConfig gating;
    private final List<Layer> layers = new ArrayList<>();
    private final List<Param> params = new ArrayList<>();
    private final LossHead head;
    private float[] outGrad;

    /**
     * Builds the network around a copy of {@code initial}.
     *
     * @param model the architecture
     * @param gating the gating ({@link GatingConfig#none()} for plain parameters)
     * @param initial parameters in gated form, named and shaped as {@link io.dgating.api.gating.ParameterInitializer} makes them
     * @param gemm the matrix kernel
     * @param dropoutSeed seed of the dropout masks
     */
    public Network(ModelSpec model, GatingConfig gating, ParameterSet initial, GemmMt gemm, long dropoutSeed) {
        this.model = model;
        this.gating = gating;
        gating.validateAgainst(model);
        ParameterLayout.check(model, gating, initial);
        SplittableRandom dropoutRng = new SplittableRandom(dropoutSeed);
        Shape shape = model.inputShape();
        for (LayerSpec spec : model.layers()) {
            int size = shape.size();
            if (spec instanceof Dense dense) {
                Param w = param(initial, dense.name() + ParameterSet.WEIGHT, gating.gateOf(dense.name()) != null);
                Param b = dense.bias() ? param(initial, dense.name() + ParameterSet.BIAS, false) : null;
                GateState gate = null;
                GateSpec g = gating.gateOf(dense.name());
                if (g != null) {
                    Param gates = param(initial, dense.name() + ParameterSet.GATES, true);
                    gate = new GateState(GroupLayout.of(g, dense.units(), size), gates);
                }
                layers.add(new DenseLayer(dense, size, w, b, gate, gemm));
                params.addAll(layers.get(layers.size() - 1).params());
            } else if (spec instanceof Dropout dropout) {
                layers.add(new DropoutLayer(size, dropout.rate(), dropoutRng.split()));
            } else if (spec instanceof Flatten) {
                layers.add(new FlattenLayer(size));
            } else {
                throw new IllegalArgumentException("the CPU engine does not implement layer kind " + spec.getClass().getSimpleName());
            }
            shape = spec.outputShape(shape);
        }
        head = new LossHead(model.head(), shape.size());
    }

    private static Param param(ParameterSet initial, String name, boolean gatedFactor) {
        Tensor t = initial.get(name);
        return Param.of(name, t.shape(), t.data(), gatedFactor);
    }

    /**
     * Restarts every dropout layer's mask stream from {@code seed} (and the layer's position).
     *
     * @param seed the seed, e.g. derived from the training seed and the epoch
     */
    public void reseedDropout(long seed) {
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i) instanceof DropoutLayer d) {
                d.reseed(new SplittableRandom(EpochOrder.mix(seed, i)));
            }
        }
    }

    /** Returns values per example the network emits. */
    public int outputs() {
        return model.outputSize();
    }

    /** Returns the trainable parameters in model order. */
    public List<Param> params() {
        return params;
    }

    /**
     * Runs the network and returns its outputs {@code [n, outputs]} (buffer valid until the next call).
     *
     * @param x inputs {@code [n, inputSize]}
     * @param n rows
     * @param training dropout on or off
     * @return outputs
     */
    public float[] forward(float[] x, int n, boolean training) {
        float[] a = x;
        for (Layer l : layers) {
            a = l.forward(a, n, training);
        }
        return a;
    }

    /**
     * Runs forward and backward on one batch; afterwards every parameter's {@code grad} holds
     * the gradient of the mean data loss (no penalty, no decay).
     *
     * @param x inputs
     * @param targets targets
     * @param n rows
     * @return the mean data loss
     */
    public double lossAndGradients(float[] x, float[] targets, int n) {
        float[] out = forward(x, n, true);
        outGrad = Buffers.atLeast(outGrad, n * model.outputSize());
        double loss = head.loss(out, targets, n, outGrad);
        float[] g = outGrad;
        for (int i = layers.size() - 1; i >= 0; i--) {
            g = layers.get(i).backward(g, n, i > 0);
        }
        return loss;
    }

    /**
     * Returns the mean data loss of the given outputs.
     *
     * @param out network outputs
     * @param targets targets
     * @param n rows
     * @return the loss
     */
    public double loss(float[] out, float[] targets, int n) {
        return head.loss(out, targets, n, null);
    }

    /**
     * Adds the penalty gradient {@code (2 lambda / D) p} to every gated factor and the
     * ordinary decay {@code weightDecay * p} to every other parameter.
     *
     * @param weightDecay decay of ungated parameters
     */
    public void addDecayGradients(double weightDecay) {
        float gated = (float) (2 * gating.factorDecay());
        float plain = (float) weightDecay;
        for (Param p : params) {
            float c = p.gatedFactor() ? gated : plain;
            if (c == 0f) {
                continue;
            }
            float[] v = p.value();
            float[] g = p.grad();
            for (int i = 0; i < v.length; i++) {
                g[i] += c * v[i];
            }
        }
    }

    /**
     * Returns a snapshot of the parameters.
     *
     * @return gated-form parameters
     */
    public ParameterSet snapshot() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Param p : params) {
            out.put(p.name(), new Tensor(p.shape(), p.value()));
        }
        return new ParameterSet(out);
    }
}
