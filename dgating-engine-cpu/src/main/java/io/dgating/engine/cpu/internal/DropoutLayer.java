package io.dgating.engine.cpu.internal;

import java.util.List;
import java.util.SplittableRandom;

/** Inverted dropout; the mask comes from the network's seeded generator, so runs repeat exactly. */
final class DropoutLayer implements Layer {

    private final int size;
    private final double rate;
    private SplittableRandom rng;
    private float[] mask;
    private float[] y;
    private float[] dx;
    private boolean active;

    DropoutLayer(int size, double rate, SplittableRandom rng) {
        this.size = size;
        this.rate = rate;
        this.rng = rng;
    }

    /** Restarts the mask stream; the trainer does this per epoch so that a resumed run sees the same masks. */
    void reseed(SplittableRandom fresh) {
        this.rng = fresh;
    }

    @Override
    public int outputSize() {
        return size;
    }

    @Override
    public float[] forward(float[] x, int n, boolean training) {
        active = training && rate > 0;
        if (!active) {
            return x;
        }
        int total = n * size;
        mask = Buffers.atLeast(mask, total);
        y = Buffers.atLeast(y, total);
        float keep = (float) (1.0 / (1.0 - rate));
        for (int i = 0; i < total; i++) {
            mask[i] = rng.nextDouble() < rate ? 0f : keep;
            y[i] = x[i] * mask[i];
        }
        return y;
    }

    @Override
    public float[] backward(float[] dy, int n, boolean needInputGrad) {
        if (!needInputGrad) {
            return null;
        }
        if (!active) {
            return dy;
        }
        int total = n * size;
        dx = Buffers.atLeast(dx, total);
        for (int i = 0; i < total; i++) {
            dx[i] = dy[i] * mask[i];
        }
        return dx;
    }

    @Override
    public List<Param> params() {
        return List.of();
    }
}
