package io.dgating.engine.cpu.internal;

import io.dgating.api.ParameterSet;
import io.dgating.api.Shape;
import io.dgating.api.Tensor;
import io.dgating.api.gating.GateSpec;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.model.Add;
import io.dgating.api.model.BatchNorm;
import io.dgating.api.model.Conv2d;
import io.dgating.api.model.Dense;
import io.dgating.api.model.Dropout;
import io.dgating.api.model.Embedding;
import io.dgating.api.model.Flatten;
import io.dgating.api.model.GlobalAvgPool;
import io.dgating.api.model.LayerNorm;
import io.dgating.api.model.LayerSpec;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.model.MultiHeadAttention;
import io.dgating.api.model.Nonlinearity;
import io.dgating.api.model.Pool2d;
import io.dgating.api.model.PositionEmbedding;
import io.dgating.engine.cpu.kernel.GemmMt;
import java.util.List;
import java.util.SplittableRandom;

/** The CPU engine's implementation of every layer kind: the one place that maps a spec to its layer. */
final class CpuLayers {

    /** The kinds {@link #of} implements. */
    static final java.util.Set<Class<? extends LayerSpec>> KINDS = java.util.Set.of(
            Dense.class,
            Conv2d.class,
            BatchNorm.class,
            LayerNorm.class,
            Pool2d.class,
            GlobalAvgPool.class,
            Nonlinearity.class,
            Add.class,
            Dropout.class,
            Flatten.class,
            Embedding.class,
            PositionEmbedding.class,
            MultiHeadAttention.class);

    private final ModelSpec model;
    private final GatingConfig gating;
    private final ParameterSet initial;
    private final GemmMt gemm;
    private final SplittableRandom dropoutRng;
    private final ThreadLocal<ConvScratch> convScratch = ConvScratch.perThread();
    private final java.util.Map<String, GateState> gates = new java.util.LinkedHashMap<>();
    private final java.util.Map<String, GateState> gateOfParam = new java.util.HashMap<>();
    private final java.util.Map<String, Param> trained = new java.util.HashMap<>();

    CpuLayers(ModelSpec model, GatingConfig gating, ParameterSet initial, GemmMt gemm, SplittableRandom dropoutRng) {
        this.model = model;
        this.gating = gating;
        this.initial = initial;
        this.gemm = gemm;
        this.dropoutRng = dropoutRng;
        for (GateSpec g : gating.gates()) {
            Tensor t = initial.get(g.layer() + ParameterSet.GATES);
            GateState gate = new GateState(
                    gating.groupsOf(model, g.layer()),
                    Param.of(g.layer() + ParameterSet.GATES, t.shape(), t.data(), true),
                    gemm.workers());
            gates.put(g.layer(), gate);
            gating.groupsOf(model, g.layer()).params().forEach(p -> gateOfParam.put(p, gate));
        }
    }

    /**
     * Returns the layer for {@code spec} fed by inputs of the given shapes.
     *
     * @throws IllegalArgumentException for a kind this engine does not implement
     */
    Layer of(LayerSpec spec, List<Shape> inputs) {
        Shape in = inputs.get(0);
        int size = in.size();
        if (spec instanceof Dense dense) {
            return new DenseLayer(
                    dense,
                    dense.inputs(in),
                    dense.positions(in),
                    param(dense.name() + ParameterSet.WEIGHT),
                    dense.bias() ? param(dense.name() + ParameterSet.BIAS) : null,
                    gemm);
        } else if (spec instanceof Conv2d conv) {
            return new Conv2dLayer(
                    conv,
                    in,
                    param(conv.name() + ParameterSet.WEIGHT),
                    conv.bias() ? param(conv.name() + ParameterSet.BIAS) : null,
                    gemm,
                    convScratch);
        } else if (spec instanceof BatchNorm bn) {
            int channels = bn.channels(in);
            return new BatchNormLayer(
                    bn,
                    channels,
                    size / channels,
                    param(bn.name() + ParameterSet.WEIGHT),
                    param(bn.name() + ParameterSet.BIAS),
                    param(bn.name() + BatchNorm.RUNNING_MEAN),
                    param(bn.name() + BatchNorm.RUNNING_VAR),
                    gemm.workers());
        } else if (spec instanceof LayerNorm ln) {
            return new LayerNormLayer(
                    size,
                    ln.width(in),
                    ln.epsilon(),
                    param(ln.name() + ParameterSet.WEIGHT),
                    param(ln.name() + ParameterSet.BIAS));
        } else if (spec instanceof Embedding e) {
            return new EmbeddingLayer(
                    e.name(), e.positions(in), e.vocabulary(), e.dim(), param(e.name() + ParameterSet.WEIGHT));
        } else if (spec instanceof MultiHeadAttention a) {
            return new AttentionLayer(
                    a,
                    in.dim(0),
                    in.dim(1),
                    a.parameters(in).stream().map(p -> param(p.name())).toList(),
                    gemm);
        } else if (spec instanceof PositionEmbedding p) {
            return new PositionEmbeddingLayer(size, param(p.name() + ParameterSet.WEIGHT));
        } else if (spec instanceof Pool2d pool) {
            return new Pool2dLayer(pool, in, gemm.workers());
        } else if (spec instanceof GlobalAvgPool) {
            return new GlobalAvgPoolLayer(in.dim(0), in.dim(1) * in.dim(2));
        } else if (spec instanceof Nonlinearity act) {
            return new ActivationLayer(act.activation(), size, gemm.workers());
        } else if (spec instanceof Add) {
            return new AddLayer(size, inputs.size());
        } else if (spec instanceof Dropout dropout) {
            return new DropoutLayer(size, dropout.rate(), dropoutRng.split());
        } else if (spec instanceof Flatten) {
            return new FlattenLayer(size);
        }
        throw new IllegalArgumentException("the CPU engine does not implement layer kind "
                + spec.getClass().getSimpleName());
    }

    /**
     * Returns the parameter a layer computes with: the trained tensor, or, when a gate group
     * holds it, the gate's collapsed view of it (the trained omega is then among {@link #gated}).
     */
    private Param param(String name) {
        Tensor t = initial.get(name);
        GateState gate = gateOfParam.get(name);
        Param p = Param.of(name, t.shape(), t.data(), gate != null);
        if (gate == null) {
            return p;
        }
        trained.put(name, p);
        return gate.bind(p);
    }

    /** {@return the gates of every gated layer, in gating order} */
    List<GateState> gates() {
        return List.copyOf(gates.values());
    }

    /**
     * Returns the trained tensor behind a layer's parameter: omega for a gated view, else itself.
     *
     * @param layerParam a parameter a layer returned
     * @return the tensor the optimiser updates
     */
    Param trained(Param layerParam) {
        return trained.getOrDefault(layerParam.name(), layerParam);
    }
}
