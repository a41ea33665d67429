package io.dgating.api.model;

/**
 * Element-wise activation of a dense layer.
 *
 * <p>The scalar definitions here are the reference that every engine and the exporter
 * must agree with; GELU is the exact form {@code x * Phi(x)} (as in PyTorch and ONNX),
 * not the tanh approximation.
 */
public enum Activation {
    /** {@code f(x) = x}. */
    IDENTITY,
    /** {@code f(x) = max(0, x)}. */
    RELU,
    /** {@code f(x) = x * Phi(x)} with Phi the standard normal CDF. */
    GELU,
    /** {@code f(x) = tanh(x)}. */
    TANH,
    /** {@code f(x) = 1 / (1 + exp(-x))}. */
    SIGMOID,
    /**
     * The tanh approximation of GELU, {@code 0.5 x (1 + tanh(sqrt(2 / pi) (x + 0.044715 x^3)))}, as
     * PyTorch's {@code gelu(approximate='tanh')} (GPT-2's activation).
     */
    GELU_TANH;

    /** {@code sqrt(2 / pi)}. */
    public static final double GELU_TANH_SCALE = 0.7978845608028654;
    /** The cubic term's coefficient. */
    public static final double GELU_TANH_CUBIC = 0.044715;

    private static final double INV_SQRT2 = 0.7071067811865476;
    private static final double INV_SQRT_2PI = 0.3989422804014327;

    /**
     * Returns {@code f(x)}.
     *
     * @param x the pre-activation
     * @return the activation
     */
    public double apply(double x) {
        return switch (this) {
            case IDENTITY -> x;
            case RELU -> x > 0 ? x : 0.0;
            case GELU -> 0.5 * x * Erf.erfc(-x * INV_SQRT2);
            case TANH -> Math.tanh(x);
            case SIGMOID -> 1.0 / (1.0 + Math.exp(-x));
            case GELU_TANH -> 0.5 * x * (1 + Math.tanh(GELU_TANH_SCALE * (x + GELU_TANH_CUBIC * x * x * x)));
        };
    }

    /**
     * Returns {@code f'(x)}; for ReLU the derivative at 0 is taken as 0.
     *
     * @param x the pre-activation
     * @return the derivative
     */
    public double derivative(double x) {
        return switch (this) {
            case IDENTITY -> 1.0;
            case RELU -> x > 0 ? 1.0 : 0.0;
            case GELU -> 0.5 * Erf.erfc(-x * INV_SQRT2) + x * INV_SQRT_2PI * Math.exp(-0.5 * x * x);
            case TANH -> {
                double t = Math.tanh(x);
                yield 1.0 - t * t;
            }
            case SIGMOID -> {
                double s = 1.0 / (1.0 + Math.exp(-x));
                yield s * (1.0 - s);
            }
            case GELU_TANH -> {
                double t = Math.tanh(GELU_TANH_SCALE * (x + GELU_TANH_CUBIC * x * x * x));
                yield 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * GELU_TANH_SCALE * (1 + 3 * GELU_TANH_CUBIC * x * x);
            }
        };
    }
}
