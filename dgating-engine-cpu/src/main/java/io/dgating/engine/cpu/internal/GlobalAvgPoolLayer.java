package io.dgating.engine.cpu.internal;

import java.util.Arrays;
import java.util.List;

/** The mean of every channel's plane; backward spreads each gradient evenly over its plane. */
final class GlobalAvgPoolLayer implements Layer {

    private final int channels;
    private final int plane;
    private float[] y;
    private float[] dx;

    GlobalAvgPoolLayer(int channels, int plane) {
        this.channels = channels;
        this.plane = plane;
    }

    @Override
    public int outputSize() {
        return channels;
    }

    @Override
    public float[] forward(float[] x, int n, boolean training) {
        y = Buffers.atLeast(y, n * channels);
        for (int i = 0; i < n * channels; i++) {
            float s = 0f;
            for (int p = 0; p < plane; p++) {
                s += x[i * plane + p];
            }
            y[i] = s / plane;
        }
        return y;
    }

    @Override
    public float[] backward(float[] dy, int n, boolean needInputGrad) {
        if (!needInputGrad) {
            return null;
        }
        dx = Buffers.atLeast(dx, n * channels * plane);
        for (int i = 0; i < n * channels; i++) {
            float g = dy[i] / plane;
            Arrays.fill(dx, i * plane, (i + 1) * plane, g);
        }
        return dx;
    }

    @Override
    public List<Param> params() {
        return List.of();
    }
}
