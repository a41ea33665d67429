package io.dgating.engine.djl.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import io.dgating.api.ParameterSet;
import io.dgating.api.model.Add;
import io.dgating.api.model.BatchNorm;
import io.dgating.api.model.Conv2d;
import io.dgating.api.model.Dropout;
import io.dgating.api.model.Embedding;
import io.dgating.api.model.Flatten;
import io.dgating.api.model.GlobalAvgPool;
import io.dgating.api.model.LayerNorm;
import io.dgating.api.model.LayerSpec;
import io.dgating.api.model.MultiHeadAttention;
import io.dgating.api.model.Nonlinearity;
import io.dgating.api.model.Pool2d;
import io.dgating.api.model.PositionEmbedding;
import java.util.List;
import java.util.Map;

/**
 * The DJL engine's implementation of every layer kind except dense (whose gated weight the
 * network builds): PyTorch's own ops, on arrays of shape {@code [n, ...example shape]}.
 */
public final class DjlLayers {

    /** The kinds this engine implements: these, and dense, which {@link DjlNetwork} runs itself. */
    public static final java.util.Set<Class<? extends LayerSpec>> KINDS = java.util.Set.of(
            io.dgating.api.model.Dense.class,
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

    private DjlLayers() {}

    /**
     * Runs one layer.
     *
     * @throws IllegalArgumentException for a kind this engine does not implement
     */
    static NDArray forward(LayerSpec l, List<NDArray> in, Map<String, NDArray> params, boolean training) {
        NDArray a = in.get(0);
        if (l instanceof Conv2d c) {
            return JniUtils.convolution(
                    (PtNDArray) a,
                    (PtNDArray) params.get(c.name() + ParameterSet.WEIGHT),
                    c.bias() ? (PtNDArray) params.get(c.name() + ParameterSet.BIAS) : null,
                    new Shape(c.stride(), c.stride()),
                    new Shape(c.padding(), c.padding()),
                    new Shape(c.dilation(), c.dilation()),
                    1);
        } else if (l instanceof BatchNorm bn) {
            // argument order as DJL's own PtNDArrayEx.batchNorm passes it (the JNI parameter names
            // are not the native order); momentum is PyTorch's, the weight of the batch statistics
            return JniUtils.batchNorm(
                    (PtNDArray) a,
                    (PtNDArray) params.get(bn.name() + BatchNorm.RUNNING_MEAN),
                    (PtNDArray) params.get(bn.name() + BatchNorm.RUNNING_VAR),
                    (PtNDArray) params.get(bn.name() + ParameterSet.WEIGHT),
                    (PtNDArray) params.get(bn.name() + ParameterSet.BIAS),
                    training,
                    bn.momentum(),
                    bn.epsilon());
        } else if (l instanceof LayerNorm ln) {
            return JniUtils.layerNorm(
                    (PtNDArray) a,
                    new Shape(a.getShape().get(a.getShape().dimension() - 1)),
                    (PtNDArray) params.get(ln.name() + ParameterSet.WEIGHT),
                    (PtNDArray) params.get(ln.name() + ParameterSet.BIAS),
                    ln.epsilon());
        } else if (l instanceof Embedding e) {
            return JniUtils.embedding(
                    (PtNDArray) a.toType(ai.djl.ndarray.types.DataType.INT64, false),
                    (PtNDArray) params.get(e.name() + ParameterSet.WEIGHT),
                    false);
        } else if (l instanceof MultiHeadAttention m) {
            return attention(m, a, params);
        } else if (l instanceof PositionEmbedding p) {
            return a.add(params.get(p.name() + ParameterSet.WEIGHT));
        } else if (l instanceof Pool2d p) {
            Shape k = new Shape(p.kernel(), p.kernel());
            Shape s = new Shape(p.stride(), p.stride());
            Shape pad = new Shape(p.padding(), p.padding());
            return p.mode() == Pool2d.Mode.MAX
                    ? JniUtils.maxPool((PtNDArray) a, k, s, pad, false)
                    : JniUtils.avgPool((PtNDArray) a, k, s, pad, false, true);
        } else if (l instanceof GlobalAvgPool) {
            return JniUtils.adaptiveAvgPool((PtNDArray) a, new Shape(1, 1));
        } else if (l instanceof Nonlinearity f) {
            return activate(a, f.activation());
        } else if (l instanceof Add) {
            NDArray sum = a;
            for (NDArray b : in.subList(1, in.size())) {
                sum = sum.add(b);
            }
            return sum;
        } else if (l instanceof Flatten) {
            return a.reshape(a.getShape().get(0), -1);
        } else if (l instanceof Dropout dr) {
            return training && dr.rate() > 0
                    ? ai.djl.nn.norm.Dropout.dropout(a, (float) dr.rate(), true).singletonOrThrow()
                    : a;
        }
        throw new IllegalArgumentException(
                "the djl engine does not implement layer kind " + l.getClass().getSimpleName());
    }

    /** Self-attention from PyTorch's matmul and softmax; the causal mask adds -inf above the diagonal. */
    private static NDArray attention(MultiHeadAttention m, NDArray x, Map<String, NDArray> params) {
        long n = x.getShape().get(0);
        long t = x.getShape().get(1);
        Shape split = new Shape(n, t, m.heads(), m.headSize());
        NDArray q = project(x, params, m.name() + MultiHeadAttention.QUERY)
                .reshape(split)
                .transpose(0, 2, 1, 3);
        NDArray k = project(x, params, m.name() + MultiHeadAttention.KEY)
                .reshape(split)
                .transpose(0, 2, 3, 1);
        NDArray v = project(x, params, m.name() + MultiHeadAttention.VALUE)
                .reshape(split)
                .transpose(0, 2, 1, 3);
        NDArray scores = q.matMul(k).mul(Scalars.of(q, 1.0 / Math.sqrt(m.headSize())));
        if (m.causal()) {
            // made by PyTorch itself: a Java array would be a view the garbage collector frees (see NativeArrays)
            ai.djl.ndarray.NDManager nd = x.getManager();
            NDArray pos = nd.arange((int) t);
            NDArray future = pos.reshape(1, t).gt(pos.reshape(t, 1));
            scores = ai.djl.ndarray.NDArrays.where(
                    future.broadcast(scores.getShape()), nd.full(scores.getShape(), Float.NEGATIVE_INFINITY), scores);
        }
        NDArray mixed = scores.softmax(-1).matMul(v).transpose(0, 2, 1, 3).reshape(n, t, m.inner());
        return project(mixed, params, m.name() + MultiHeadAttention.OUT);
    }

    private static NDArray project(NDArray x, Map<String, NDArray> params, String prefix) {
        return x.matMul(params.get(prefix + ParameterSet.WEIGHT).transpose())
                .add(params.get(prefix + ParameterSet.BIAS));
    }

    /** Applies an activation with PyTorch's definition (exact GELU). */
    static NDArray activate(NDArray z, io.dgating.api.model.Activation activation) {
        return switch (activation) {
            case IDENTITY -> z;
            case RELU -> Activation.relu(z);
            case TANH -> z.tanh();
            case SIGMOID -> Activation.sigmoid(z);
            case GELU_TANH ->
                z.mul(z)
                        .mul(z)
                        .mul(Scalars.of(z, io.dgating.api.model.Activation.GELU_TANH_CUBIC))
                        .add(z)
                        .mul(Scalars.of(z, io.dgating.api.model.Activation.GELU_TANH_SCALE))
                        .tanh()
                        .add(Scalars.of(z, 1.0))
                        .mul(z)
                        .mul(Scalars.of(z, 0.5));
            case GELU -> Activation.gelu(z);
        };
    }
}
