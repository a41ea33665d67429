package io.dgating.export.kinds;

import io.dgating.api.Shape;
import io.dgating.api.model.Activation;
import io.dgating.export.onnx.OnnxGraph;
import io.dgating.export.onnx.Op;
import io.dgating.export.onnx.ValueRef;

/** The ONNX nodes of an activation. GELU is written in its exact erf form: opset 17 has no Gelu operator. */
final class ActivationNodes {

    private ActivationNodes() {}

    /**
     * Applies {@code act} to {@code z}.
     *
     * @param g the graph
     * @param z the pre-activation
     * @param act the activation
     * @param example the shape of one example (every value written gets it in {@code value_info})
     * @return the activated value ({@code z} itself for the identity)
     */
    static ValueRef apply(OnnxGraph g, ValueRef z, Activation act, Shape example) {
        return switch (act) {
            case IDENTITY -> z;
            case RELU -> z.apply(Op.RELU).shaped(example);
            case TANH -> z.apply(Op.TANH).shaped(example);
            case SIGMOID -> z.apply(Op.SIGMOID).shaped(example);
            case GELU_TANH ->
                z.mul(z)
                        .shaped(example)
                        .mul(z)
                        .shaped(example)
                        .mul(g.scalar("gelu_cubic", (float) Activation.GELU_TANH_CUBIC))
                        .shaped(example)
                        .add(z)
                        .shaped(example)
                        .mul(g.scalar("gelu_scale", (float) Activation.GELU_TANH_SCALE))
                        .shaped(example)
                        .apply(Op.TANH)
                        .shaped(example)
                        .add(g.scalar("one", 1f))
                        .shaped(example)
                        .mul(z)
                        .shaped(example)
                        .mul(g.scalar("half", 0.5f))
                        .shaped(example);
            case GELU ->
                z.div(g.scalar("sqrt2", (float) Math.sqrt(2)))
                        .shaped(example)
                        .apply(Op.ERF)
                        .shaped(example)
                        .add(g.scalar("one", 1f))
                        .shaped(example)
                        .mul(z)
                        .shaped(example)
                        .mul(g.scalar("half", 0.5f))
                        .shaped(example);
        };
    }
}
