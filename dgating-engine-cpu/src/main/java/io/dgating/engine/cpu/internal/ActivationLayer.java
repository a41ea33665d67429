package io.dgating.engine.cpu.internal;

import io.dgating.api.model.Activation;
import java.util.List;

/** An element-wise activation; ReLU gets a branch-free loop, the others use the API's reference functions. */
final class ActivationLayer implements Layer {

    private final Activation activation;
    private final int size;
    private float[] x;
    private float[] y;
    private float[] dx;

    ActivationLayer(Activation activation, int size) {
        this.activation = activation;
        this.size = size;
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
        if (activation == Activation.RELU) {
            for (int i = 0; i < total; i++) {
                y[i] = input[i] > 0f ? input[i] : 0f;
            }
        } else {
            for (int i = 0; i < total; i++) {
                y[i] = (float) activation.apply(input[i]);
            }
        }
        return y;
    }

    @Override
    public float[] backward(float[] dy, int n, boolean needInputGrad) {
        if (!needInputGrad) {
            return null;
        }
        if (activation == Activation.IDENTITY) {
            return dy;
        }
        int total = n * size;
        dx = Buffers.atLeast(dx, total);
        if (activation == Activation.RELU) {
            for (int i = 0; i < total; i++) {
                dx[i] = x[i] > 0f ? dy[i] : 0f;
            }
        } else {
            for (int i = 0; i < total; i++) {
                dx[i] = (float) (dy[i] * activation.derivative(x[i]));
            }
        }
        return dx;
    }

    @Override
    public List<Param> params() {
        return List.of();
    }
}
