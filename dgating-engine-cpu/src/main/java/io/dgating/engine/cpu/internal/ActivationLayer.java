package io.dgating.engine.cpu.internal;

import io.dgating.api.model.Activation;
import io.dgating.engine.cpu.kernel.Workers;
import java.util.List;

/**
 * An element-wise activation; ReLU gets branch-free loops (a data-dependent branch per element
 * mispredicts half the time on real activations: about 40x slower than {@link Math#max}), the
 * others use the API's reference functions. Large batches split the elements over the workers; the loop bodies are fields, so a
 * step on one thread allocates nothing.
 */
final class ActivationLayer implements Layer {

    private final Activation activation;
    private final int size;
    private final Workers workers;
    private final Workers.Range forwardRange = this::forwardRange;
    private final Workers.Range backwardRange = this::backwardRange;
    private final long cost;
    private float[] x;
    private float[] y;
    private float[] dy;
    private float[] dx;

    ActivationLayer(Activation activation, int size, Workers workers) {
        this.activation = activation;
        this.size = size;
        this.workers = workers;
        this.cost = activation == Activation.RELU ? 1 : 16;
    }

    @Override
    public int outputSize() {
        return size;
    }

    @Override
    public float[] forward(float[] input, int n, boolean training) {
        x = input;
        if (activation == Activation.IDENTITY) {
            return input;
        }
        int total = n * size;
        y = Buffers.atLeast(y, total);
        workers.forRange(total, cost, forwardRange);
        return y;
    }

    private void forwardRange(int from, int to) {
        float[] in = x;
        float[] out = y;
        if (activation == Activation.RELU) {
            // NaN stays NaN, as in PyTorch and ONNX Relu
            for (int i = from; i < to; i++) {
                out[i] = Math.max(in[i], 0f);
            }
        } else {
            for (int i = from; i < to; i++) {
                out[i] = (float) activation.apply(in[i]);
            }
        }
    }

    @Override
    public float[] backward(float[] gradient, int n, boolean needInputGrad) {
        if (!needInputGrad) {
            return null;
        }
        if (activation == Activation.IDENTITY) {
            return gradient;
        }
        int total = n * size;
        dx = Buffers.atLeast(dx, total);
        dy = gradient;
        workers.forRange(total, cost, backwardRange);
        return dx;
    }

    private void backwardRange(int from, int to) {
        float[] in = x;
        float[] g = dy;
        float[] out = dx;
        if (activation == Activation.RELU) {
            for (int i = from; i < to; i++) {
                out[i] = reluGradient(in[i], g[i]);
            }
        } else {
            for (int i = from; i < to; i++) {
                out[i] = (float) (g[i] * activation.derivative(in[i]));
            }
        }
    }

    /**
     * Returns {@code x > 0 ? g : 0} without a branch: the sign-masked bits of {@code g}. The mask is
     * all ones unless the bits of {@code x} lie in {@code (0, +inf]}, i.e. unless x is positive
     * (zeros, negatives and NaNs have bits outside that range as a signed int).
     */
    static float reluGradient(float x, float g) {
        int b = Float.floatToRawIntBits(x);
        int drop = ((0x7f800000 - b) | (b - 1)) >> 31;
        return Float.intBitsToFloat(Float.floatToRawIntBits(g) & ~drop);
    }

    @Override
    public List<Param> params() {
        return List.of();
    }
}
