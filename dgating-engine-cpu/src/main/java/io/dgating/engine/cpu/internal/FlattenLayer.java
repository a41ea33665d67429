package io.dgating.engine.cpu.internal;

import java.util.List;

/** Flatten: examples are row-major buffers already, so values pass through in both directions. */
final class FlattenLayer implements Layer {

    private final int size;

    FlattenLayer(int size) {
        this.size = size;
    }

    @Override
    public int outputSize() {
        return size;
    }

    @Override
    public float[] forward(float[] x, int n, boolean training) {
        return x;
    }

    @Override
    public float[] backward(float[] dy, int n, boolean needInputGrad) {
        return needInputGrad ? dy : null;
    }

    @Override
    public List<Param> params() {
        return List.of();
    }
}
