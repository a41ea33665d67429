package io.dgating.engine.cpu.internal;

import io.dgating.api.ParameterSet;
import io.dgating.api.Shape;
import io.dgating.api.Tensor;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.gating.ParameterLayout;
import io.dgating.api.model.LayerKind;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.model.ParamRole;
import io.dgating.api.model.ParamSpec;
import io.dgating.api.train.EpochOrder;
import io.dgating.engine.cpu.kernel.GemmMt;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A model spec instantiated with float32 parameters: forward, loss, backward and the
 * D-Gating penalty. Not thread-safe; one network per training run.
 */
public final class Network {

    /** The layer kinds this engine implements (see {@link CpuLayers}). */
    public static final Set<LayerKind> LAYER_KINDS = CpuLayers.KINDS;

    private final ModelSpec model;
    private final GatingConfig gating;
    private final List<Layer> layers = new ArrayList<>();
    private final List<int[]> sources = new ArrayList<>();
    private final int[] consumers;
    private final List<Param> params = new ArrayList<>();
    private final List<Param> all = new ArrayList<>();
    private final List<Param> gateParams = new ArrayList<>();
    private final List<GateState> gates;
    /** Omegas whose decay the gates' backward adds (see {@link #lossAndGradients(float[], float[], float[], double, int, double)}). */
    private final Set<Param> fusedDecay = Collections.newSetFromMap(new IdentityHashMap<>());

    private final LossHead head;
    private final float[][] outputs;
    private final float[][] grads;
    private final float[][] sums;
    private float[] outGrad;
    // ModelSpec derives it by walking every layer's shape (allocating): once here, not per step
    private final int outputSize;

    /**
     * Builds the network around a copy of {@code initial}.
     *
     * @param model the architecture
     * @param gating the gating ({@link GatingConfig#none()} for plain parameters)
     * @param initial parameters in gated form, named and shaped as {@link io.dgating.api.gating.ParameterInitializer} makes them
     * @param gemm the matrix kernel
     * @param dropoutSeed seed of the dropout masks
     * @throws IllegalArgumentException if the model has a layer kind this engine does not implement
     */
    public Network(ModelSpec model, GatingConfig gating, ParameterSet initial, GemmMt gemm, long dropoutSeed) {
        this.model = model;
        this.gating = gating;
        gating.validateAgainst(model);
        ParameterLayout.check(model, gating, initial);
        CpuLayers factory = new CpuLayers(model, gating, initial, gemm, new SplittableRandom(dropoutSeed));
        List<Shape> shapes = model.outputShapes();
        consumers = new int[model.layers().size()];
        Map<String, Param> byName = new HashMap<>();
        for (int i = 0; i < model.layers().size(); i++) {
            int[] src = model.sourcesOf(i).stream().mapToInt(Integer::intValue).toArray();
            List<Shape> in = new ArrayList<>();
            for (int s : src) {
                in.add(s < 0 ? model.inputShape() : shapes.get(s));
                if (s >= 0) {
                    consumers[s]++;
                }
            }
            Layer layer = factory.of(model.layers().get(i), in);
            layers.add(layer);
            sources.add(src);
            for (Param p : layer.params()) {
                params.add(factory.trained(p));
                byName.put(p.name(), factory.trained(p));
            }
            layer.buffers().forEach(p -> byName.put(p.name(), p));
        }
        gates = factory.gates();
        for (GateState g : gates) {
            fusedDecay.addAll(g.omegas());
            params.add(g.gates());
            byName.put(g.gates().name(), g.gates());
        }
        for (ParamSpec spec : ParameterLayout.specs(model, gating)) {
            all.add(byName.get(spec.name()));
            if (spec.role() == ParamRole.GATES) {
                gateParams.add(byName.get(spec.name()));
            }
        }
        outputs = new float[layers.size()][];
        grads = new float[layers.size()][];
        sums = new float[layers.size()][];
        Shape out = model.outputShape();
        outputSize = model.outputSize();
        head = new LossHead(model.head(), outputSize, out.rank() == 2 ? out.dim(0) : 1);
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

    /** {@return values per example the network emits} */
    public int outputs() {
        return outputSize;
    }

    /** {@return the trainable parameters in model order (running statistics are not among them)} */
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
        for (int g = 0; g < gates.size(); g++) {
            gates.get(g).collapse();
        }
        for (int i = 0; i < layers.size(); i++) {
            int[] src = sources.get(i);
            if (src.length == 1) {
                outputs[i] = layers.get(i).forward(src[0] < 0 ? x : outputs[src[0]], n, training);
                continue;
            }
            float[][] xs = new float[src.length][];
            for (int k = 0; k < src.length; k++) {
                xs[k] = src[k] < 0 ? x : outputs[src[k]];
            }
            outputs[i] = layers.get(i).forward(xs, n, training);
        }
        return outputs[layers.size() - 1];
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
        return lossAndGradients(x, targets, null, 0, n);
    }

    /**
     * As {@link #lossAndGradients(float[], float[], int)} against targets mixed with a teacher's probabilities.
     *
     * @param x inputs
     * @param targets class indices
     * @param teacher the teacher's probabilities {@code [n, classes]}, or null
     * @param teacherWeight the teacher's share of each target
     * @param n rows
     * @return the mean data loss
     */
    public double lossAndGradients(float[] x, float[] targets, float[] teacher, double teacherWeight, int n) {
        return pass(x, targets, teacher, teacherWeight, n, 0f);
    }

    /**
     * As {@link #lossAndGradients(float[], float[], float[], double, int)} followed by
     * {@link #addDecayGradients(double)}, with the same bits, the decay of every omega added by the
     * gates' backward pass, which reads omega anyway (one pass over each gated weight fewer).
     *
     * @param x inputs
     * @param targets class indices
     * @param teacher the teacher's probabilities {@code [n, classes]}, or null
     * @param teacherWeight the teacher's share of each target
     * @param n rows
     * @param weightDecay decay of ungated parameters
     * @return the mean data loss
     */
    public double lossAndGradients(
            float[] x, float[] targets, float[] teacher, double teacherWeight, int n, double weightDecay) {
        double loss = pass(x, targets, teacher, teacherWeight, n, (float) (2 * gating.factorDecay()));
        addDecay(weightDecay, true);
        return loss;
    }

    private double pass(float[] x, float[] targets, float[] teacher, double teacherWeight, int n, float gatedDecay) {
        float[] out = forward(x, n, true);
        outGrad = Buffers.atLeast(outGrad, n * outputSize);
        double loss = head.loss(out, targets, teacher, teacherWeight, n, outGrad);
        Arrays.fill(grads, null);
        grads[layers.size() - 1] = outGrad;
        for (int i = layers.size() - 1; i >= 0; i--) {
            int[] src = sources.get(i);
            boolean need = false;
            for (int s : src) {
                need |= s >= 0;
            }
            if (src.length == 1) {
                // the common single-input layer, without an array of gradients per step
                float[] dx = layers.get(i).backward(grads[i], n, need);
                if (need) {
                    accumulate(src[0], dx, n);
                }
                continue;
            }
            float[][] dx = layers.get(i).backwardAll(grads[i], n, need);
            for (int k = 0; k < src.length; k++) {
                if (src[k] >= 0) {
                    accumulate(src[k], dx[k], n);
                }
            }
        }
        for (int g = 0; g < gates.size(); g++) {
            gates.get(g).backward(gatedDecay);
        }
        return loss;
    }

    // a layer read by one consumer takes that consumer's gradient as is (a chain copies nothing);
    // fan-out sums in consumer order, last consumer first, so the order is fixed
    private void accumulate(int target, float[] g, int n) {
        if (consumers[target] == 1) {
            grads[target] = g;
            return;
        }
        int size = n * layers.get(target).outputSize();
        if (grads[target] == null) {
            sums[target] = Buffers.atLeast(sums[target], size);
            System.arraycopy(g, 0, sums[target], 0, size);
            grads[target] = sums[target];
            return;
        }
        float[] acc = grads[target];
        for (int j = 0; j < size; j++) {
            acc[j] += g[j];
        }
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
        addDecay(weightDecay, false);
    }

    private void addDecay(double weightDecay, boolean omegasDone) {
        float gated = (float) (2 * gating.factorDecay());
        float plain = (float) weightDecay;
        for (Param p : params) {
            float c = p.gatedFactor() ? gated : plain;
            if (c == 0f || omegasDone && fusedDecay.contains(p)) {
                continue;
            }
            float[] v = p.value();
            float[] g = p.grad();
            for (int i = 0; i < v.length; i++) {
                g[i] += c * v[i];
            }
        }
    }

    /** Sets the gradient of every gate matrix to zero (frozen gates). */
    public void zeroGateGradients() {
        for (Param p : gateParams) {
            Arrays.fill(p.grad(), 0f);
        }
    }

    /**
     * Copies values into the parameters (and running statistics) in place.
     *
     * @param values gated-form parameters with this network's names and shapes
     * @throws IllegalArgumentException if one is missing or misshapen
     */
    public void load(ParameterSet values) {
        for (Param p : all) {
            float[] v = values.get(p.name()).data();
            if (v.length != p.value().length) {
                throw new IllegalArgumentException(
                        "parameter " + p.name() + " has " + p.value().length + " values, got " + v.length);
            }
            System.arraycopy(v, 0, p.value(), 0, v.length);
        }
    }

    /**
     * Returns a snapshot of the parameters.
     *
     * @return gated-form parameters
     */
    public ParameterSet snapshot() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Param p : all) {
            out.put(p.name(), new Tensor(p.shape(), p.value()));
        }
        return new ParameterSet(out);
    }
}
