package io.dgating.engine.cpu.internal;

import io.dgating.api.ParamRef;
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
import io.dgating.api.model.LayerKind;
import io.dgating.api.model.LayerNorm;
import io.dgating.api.model.LayerSpec;
import io.dgating.api.model.LayerVisitor;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.model.MultiHeadAttention;
import io.dgating.api.model.Multiply;
import io.dgating.api.model.Nonlinearity;
import io.dgating.api.model.ParamSpec;
import io.dgating.api.model.Pool2d;
import io.dgating.api.model.PositionEmbedding;
import io.dgating.engine.cpu.kernel.GemmMt;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The CPU engine's implementation of every layer kind: the one place that maps a kind to its
 * layer class. {@link Factory} implements {@link LayerVisitor}, so the compiler refuses a kind this
 * engine does not implement.
 */
final class CpuLayers {

    /** The kinds {@link #of} implements: those {@link Factory} registers (the compiler makes that all of them). */
    static final Set<LayerKind> KINDS = LayerKind.implementedBy(Factory.class);

    private final GemmMt gemm;
    private final ParameterSet initial;
    private final SplittableRandom dropoutRng;
    private final ThreadLocal<ConvScratch> convScratch = ConvScratch.perThread();
    private final Map<String, GateState> gates = new LinkedHashMap<>();
    private final Map<ParamRef, GateState> gateOfParam = new HashMap<>();
    private final Map<String, Param> trained = new HashMap<>();

    CpuLayers(ModelSpec model, GatingConfig gating, ParameterSet initial, GemmMt gemm, SplittableRandom dropoutRng) {
        this.initial = initial;
        this.gemm = gemm;
        this.dropoutRng = dropoutRng;
        for (GateSpec g : gating.gates()) {
            ParamRef ref = ParamRef.gatesOf(g.layer());
            Tensor t = initial.get(ref);
            GateState gate = new GateState(
                    gating.groupsOf(model, g.layer()), Param.of(ref.name(), t.shape(), t.data(), true), gemm.workers());
            gates.put(g.layer(), gate);
            gating.groupsOf(model, g.layer()).params().forEach(p -> gateOfParam.put(p, gate));
        }
    }

    /**
     * Returns the layer for {@code spec} fed by inputs of the given shapes.
     *
     * @param spec the layer
     * @param inputs the shape of one example of each input
     * @return the layer
     */
    Layer of(LayerSpec spec, List<Shape> inputs) {
        return spec.accept(new Factory(inputs));
    }

    /**
     * Returns the parameter a layer computes with: the trained tensor, or, when a gate group
     * holds it, the gate's collapsed view of it (the trained omega is then among {@link #trained}).
     */
    private Param param(ParamRef ref) {
        Tensor t = initial.get(ref);
        GateState gate = gateOfParam.get(ref);
        Param p = Param.of(ref.name(), t.shape(), t.data(), gate != null);
        if (gate == null) {
            return p;
        }
        trained.put(ref.name(), p);
        return gate.bind(ref, p);
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

    /** Makes the layer of one kind for inputs of given shapes. */
    private final class Factory implements LayerVisitor<Layer> {
        private final List<Shape> inputs;
        private final Shape in;
        private final int size;

        Factory(List<Shape> inputs) {
            this.inputs = inputs;
            this.in = inputs.get(0);
            this.size = in.size();
        }

        @Override
        public Layer dense(Dense dense) {
            return new DenseLayer(
                    dense,
                    dense.inputs(in),
                    dense.positions(in),
                    param(dense.weightParam()),
                    dense.bias() ? param(dense.biasParam()) : null,
                    gemm);
        }

        @Override
        public Layer conv2d(Conv2d conv) {
            return new Conv2dLayer(
                    conv,
                    in,
                    param(conv.weightParam()),
                    conv.bias() ? param(conv.biasParam()) : null,
                    gemm,
                    convScratch);
        }

        @Override
        public Layer batchNorm(BatchNorm bn) {
            int channels = bn.channels(in);
            return new BatchNormLayer(
                    bn,
                    channels,
                    size / channels,
                    param(bn.scaleParam()),
                    param(bn.shiftParam()),
                    param(bn.runningMeanParam()),
                    param(bn.runningVarParam()),
                    gemm.workers());
        }

        @Override
        public Layer layerNorm(LayerNorm ln) {
            return new LayerNormLayer(size, ln.width(in), ln.epsilon(), param(ln.scaleParam()), param(ln.shiftParam()));
        }

        @Override
        public Layer pool2d(Pool2d pool) {
            return new Pool2dLayer(pool, in, gemm.workers());
        }

        @Override
        public Layer globalAvgPool(GlobalAvgPool layer) {
            return new GlobalAvgPoolLayer(in.dim(0), in.dim(1) * in.dim(2));
        }

        @Override
        public Layer nonlinearity(Nonlinearity act) {
            return new ActivationLayer(act.activation(), size, gemm.workers());
        }

        @Override
        public Layer add(Add layer) {
            return new AddLayer(size, inputs.size());
        }

        @Override
        public Layer multiply(Multiply layer) {
            return new MultiplyLayer(size, size / inputs.get(1).size());
        }

        @Override
        public Layer dropout(Dropout dropout) {
            return new DropoutLayer(size, dropout.rate(), dropoutRng.split());
        }

        @Override
        public Layer flatten(Flatten layer) {
            return new FlattenLayer(size);
        }

        @Override
        public Layer embedding(Embedding e) {
            return new EmbeddingLayer(e.name(), e.positions(in), e.vocabulary(), e.dim(), param(e.weightParam()));
        }

        @Override
        public Layer positionEmbedding(PositionEmbedding p) {
            return new PositionEmbeddingLayer(size, param(p.weightParam()));
        }

        @Override
        public Layer attention(MultiHeadAttention a) {
            return new AttentionLayer(
                    a,
                    in.dim(0),
                    in.dim(1),
                    a.parameters(in).stream()
                            .map(ParamSpec::ref)
                            .map(CpuLayers.this::param)
                            .toList(),
                    gemm);
        }
    }
}
