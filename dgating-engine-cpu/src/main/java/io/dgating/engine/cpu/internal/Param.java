package io.dgating.engine.cpu.internal;

/**
 * A trainable float32 tensor with its gradient buffer.
 *
 * @param name parameter name ({@code <layer>.weight}, ...)
 * @param shape dimensions
 * @param value current values (updated in place by optimizers)
 * @param grad gradient of the last backward pass (overwritten every step)
 * @param gatedFactor true for omega and gates, which get the D-Gating decay instead of the
 *     ordinary weight decay
 */
public record Param(String name, int[] shape, float[] value, float[] grad, boolean gatedFactor) {

    /**
     * Creates a parameter with a zero gradient.
     *
     * @param name parameter name
     * @param shape dimensions
     * @param value initial values (taken, not copied)
     * @param gatedFactor whether it is a D-Gating factor
     * @return the parameter
     */
    public static Param of(String name, int[] shape, float[] value, boolean gatedFactor) {
        return new Param(name, shape.clone(), value, new float[value.length], gatedFactor);
    }
}
