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
import io.dgating.api.model.Flatten;
import io.dgating.api.model.GlobalAvgPool;
import io.dgating.api.model.LayerSpec;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.model.Nonlinearity;
import io.dgating.api.model.Pool2d;
import io.dgating.engine.cpu.kernel.GemmMt;
import java.util.List;
import java.util.SplittableRandom;

/** The CPU engine's implementation of every layer kind: the one place that maps a spec to its layer. */
final class CpuLayers {

    /** The kinds {@link #of} implements. */
    static final java.util.Set<Class<? extends LayerSpec>> KINDS = java.util.Set.of(Dense.class, Conv2d.class,
            BatchNorm.class, Pool2d.class, GlobalAvgPool.class, Nonlinearity.class, Add.class, Dropout.class, Flatten.class);

    private final ModelSpec model;
    private final GatingConfig gating;
    private final ParameterSet initial;
    private final GemmMt gemm;
    private final SplittableRandom dropoutRng;

    CpuLayers(ModelSpec model, GatingConfig gating, ParameterSet initial, GemmMt gemm, SplittableRandom dropoutRng) {
        this.model = model;
        this.gating = gating;
        this.initial = initial;
        this.gemm = gemm;
        this.dropoutRng = dropoutRng;
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
            GateSpec g = gating.gateOf(dense.name());
            Param w = param(dense.name() + ParameterSet.WEIGHT, g != null);
            Param b = dense.bias() ? param(dense.name() + ParameterSet.BIAS, false) : null;
            GateState gate = g == null ? null : new GateState(gating.groupsOf(model, dense.name()), w.name(),
                    Shape.of(w.shape()), param(dense.name() + ParameterSet.GATES, true));
            return new DenseLayer(dense, size, w, b, gate, gemm);
        } else if (spec instanceof Conv2d conv) {
            return new Conv2dLayer(conv, in, param(conv.name() + ParameterSet.WEIGHT, false),
                    conv.bias() ? param(conv.name() + ParameterSet.BIAS, false) : null, gemm);
        } else if (spec instanceof BatchNorm bn) {
            int channels = bn.channels(in);
            return new BatchNormLayer(bn, channels, size / channels, param(bn.name() + ParameterSet.WEIGHT, false),
                    param(bn.name() + ParameterSet.BIAS, false), param(bn.name() + BatchNorm.RUNNING_MEAN, false),
                    param(bn.name() + BatchNorm.RUNNING_VAR, false));
        } else if (spec instanceof Pool2d pool) {
            return new Pool2dLayer(pool, in);
        } else if (spec instanceof GlobalAvgPool) {
            return new GlobalAvgPoolLayer(in.dim(0), in.dim(1) * in.dim(2));
        } else if (spec instanceof Nonlinearity act) {
            return new ActivationLayer(act.activation(), size);
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

    private Param param(String name, boolean gatedFactor) {
        Tensor t = initial.get(name);
        return Param.of(name, t.shape(), t.data(), gatedFactor);
    }
}
