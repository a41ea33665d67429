package io.dgating.engine.djl.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import io.dgating.api.ParamRef;
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
import io.dgating.api.model.LayerVisitor;
import io.dgating.api.model.MultiHeadAttention;
import io.dgating.api.model.Multiply;
import io.dgating.api.model.Nonlinearity;
import io.dgating.api.model.Pool2d;
import io.dgating.api.model.PositionEmbedding;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The DJL engine's implementation of every layer kind: PyTorch's own ops, on arrays of shape
 * {@code [n, ...example shape]}, reading parameters by their {@link ParamRef} from the map of
 * effective (gate-collapsed) arrays the network passes. It implements {@link LayerVisitor}, so the
 * compiler refuses a kind this engine lacks.
 */
public final class DjlLayers implements LayerVisitor<DjlLayers.Op> {

    /** The kinds this engine implements: those this visitor registers (the compiler makes that all of them). */
    public static final Set<LayerKind> KINDS = LayerKind.implementedBy(DjlLayers.class);

    /** One layer's forward pass. */
    @FunctionalInterface
    public interface Op {
        /**
         * Runs the layer.
         *
         * @param in its inputs, in wiring order
         * @param params effective parameters by name
         * @param training whether dropout and batch statistics are active
         * @return its output
         */
        NDArray forward(List<NDArray> in, Map<String, NDArray> params, boolean training);
    }

    private static NDArray get(Map<String, NDArray> params, ParamRef ref) {
        return params.get(ref.name());
    }

    private static PtNDArray pt(Map<String, NDArray> params, ParamRef ref) {
        return (PtNDArray) params.get(ref.name());
    }

    @Override
    public Op dense(Dense d) {
        return (in, params, training) -> {
            NDArray z = in.get(0).matMul(get(params, d.weightParam()).transpose());
            if (d.bias()) {
                z = z.add(get(params, d.biasParam()));
            }
            return activate(z, d.activation());
        };
    }

    @Override
    public Op conv2d(Conv2d c) {
        return (in, params, training) -> JniUtils.convolution(
                (PtNDArray) in.get(0),
                pt(params, c.weightParam()),
                c.bias() ? pt(params, c.biasParam()) : null,
                new Shape(c.stride(), c.stride()),
                new Shape(c.padding(), c.padding()),
                new Shape(c.dilation(), c.dilation()),
                1);
    }

    @Override
    public Op batchNorm(BatchNorm bn) {
        // argument order as DJL's own PtNDArrayEx.batchNorm passes it (the JNI parameter names
        // are not the native order); momentum is PyTorch's, the weight of the batch statistics
        return (in, params, training) -> JniUtils.batchNorm(
                (PtNDArray) in.get(0),
                pt(params, bn.runningMeanParam()),
                pt(params, bn.runningVarParam()),
                pt(params, bn.scaleParam()),
                pt(params, bn.shiftParam()),
                training,
                bn.momentum(),
                bn.epsilon());
    }

    @Override
    public Op layerNorm(LayerNorm ln) {
        return (in, params, training) -> {
            NDArray a = in.get(0);
            return JniUtils.layerNorm(
                    (PtNDArray) a,
                    new Shape(a.getShape().get(a.getShape().dimension() - 1)),
                    pt(params, ln.scaleParam()),
                    pt(params, ln.shiftParam()),
                    ln.epsilon());
        };
    }

    @Override
    public Op pool2d(Pool2d p) {
        Shape k = new Shape(p.kernel(), p.kernel());
        Shape s = new Shape(p.stride(), p.stride());
        Shape pad = new Shape(p.padding(), p.padding());
        return (in, params, training) -> p.mode() == Pool2d.Mode.MAX
                ? JniUtils.maxPool((PtNDArray) in.get(0), k, s, pad, false)
                : JniUtils.avgPool((PtNDArray) in.get(0), k, s, pad, false, true);
    }

    @Override
    public Op globalAvgPool(GlobalAvgPool layer) {
        return (in, params, training) -> JniUtils.adaptiveAvgPool((PtNDArray) in.get(0), new Shape(1, 1));
    }

    @Override
    public Op nonlinearity(Nonlinearity f) {
        return (in, params, training) -> activate(in.get(0), f.activation());
    }

    @Override
    public Op add(Add layer) {
        return (in, params, training) -> {
            NDArray sum = in.get(0);
            for (NDArray b : in.subList(1, in.size())) {
                sum = sum.add(b);
            }
            return sum;
        };
    }

    /** PyTorch broadcasts a per-channel {@code [n, C, 1, 1]} second input over the first's image. */
    @Override
    public Op multiply(Multiply layer) {
        return (in, params, training) -> in.get(0).mul(in.get(1));
    }

    @Override
    public Op dropout(Dropout dr) {
        return (in, params, training) -> training && dr.rate() > 0
                ? ai.djl.nn.norm.Dropout.dropout(in.get(0), (float) dr.rate(), true)
                        .singletonOrThrow()
                : in.get(0);
    }

    @Override
    public Op flatten(Flatten layer) {
        return (in, params, training) -> in.get(0).reshape(in.get(0).getShape().get(0), -1);
    }

    @Override
    public Op embedding(Embedding e) {
        return (in, params, training) -> JniUtils.embedding(
                (PtNDArray) in.get(0).toType(DataType.INT64, false), pt(params, e.weightParam()), false);
    }

    @Override
    public Op positionEmbedding(PositionEmbedding p) {
        return (in, params, training) -> in.get(0).add(get(params, p.weightParam()));
    }

    /** Self-attention from PyTorch's matmul and softmax; the causal mask adds -inf above the diagonal. */
    @Override
    public Op attention(MultiHeadAttention m) {
        return (in, params, training) -> {
            NDArray x = in.get(0);
            long n = x.getShape().get(0);
            long t = x.getShape().get(1);
            Shape split = new Shape(n, t, m.heads(), m.headSize());
            NDArray q = project(x, params, m.query()).reshape(split).transpose(0, 2, 1, 3);
            NDArray k = project(x, params, m.key()).reshape(split).transpose(0, 2, 3, 1);
            NDArray v = project(x, params, m.value()).reshape(split).transpose(0, 2, 1, 3);
            NDArray scores = q.matMul(k).mul(Scalars.of(q, 1.0 / Math.sqrt(m.headSize())));
            if (m.causal()) {
                // made by PyTorch itself: a Java array would be a view the garbage collector frees (see NativeArrays)
                NDManager nd = x.getManager();
                NDArray pos = nd.arange((int) t);
                NDArray future = pos.reshape(1, t).gt(pos.reshape(t, 1));
                scores = NDArrays.where(
                        future.broadcast(scores.getShape()),
                        nd.full(scores.getShape(), Float.NEGATIVE_INFINITY),
                        scores);
            }
            NDArray mixed = scores.softmax(-1).matMul(v).transpose(0, 2, 1, 3).reshape(n, t, m.inner());
            return project(mixed, params, m.out());
        };
    }

    private static NDArray project(NDArray x, Map<String, NDArray> params, MultiHeadAttention.Projection p) {
        return x.matMul(get(params, p.weight()).transpose()).add(get(params, p.bias()));
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
