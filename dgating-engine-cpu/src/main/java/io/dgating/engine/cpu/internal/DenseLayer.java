package io.dgating.engine.cpu.internal;

import io.dgating.api.model.Dense;
import io.dgating.engine.cpu.kernel.GemmMt;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code y = f(x W^T + b)} with {@code W [units, inputs]} (under gating, {@code W} is the
 * collapsed view of {@link GateState}). A sequence's positions are rows of the same product.
 */
final class DenseLayer implements Layer {

    private final int in;
    private final int out;
    private final int positions;
    private final Param weight;
    private final Param bias;
    private final GemmMt gemm;
    private final ActivationLayer activation;

    private final float[] effective;
    private final float[] dW;
    private final float[] scratchW;
    private float[] x;
    private float[] z;
    private float[] dx;
    private float[] scratchT;

    DenseLayer(Dense spec, int in, int positions, Param weight, Param bias, GemmMt gemm) {
        this.in = in;
        this.positions = positions;
        this.out = spec.units();
        this.weight = weight;
        this.bias = bias;
        this.gemm = gemm;
        this.activation = new ActivationLayer(spec.activation(), out, gemm.workers());
        this.effective = weight.value();
        this.dW = weight.grad();
        this.scratchW = new float[out * in];
    }

    @Override
    public int outputSize() {
        return out * positions;
    }

    @Override
    public float[] forward(float[] input, int examples, boolean training) {
        int n = examples * positions;
        x = input;
        z = Buffers.atLeast(z, n * out);
        gemm.multiplyTransB(n, out, in, input, effective, z, scratchW);
        if (bias != null) {
            float[] b = bias.value();
            for (int r = 0; r < n; r++) {
                int o = r * out;
                for (int c = 0; c < out; c++) {
                    z[o + c] += b[c];
                }
            }
        }
        return activation.forward(z, n, training);
    }

    @Override
    public float[] backward(float[] dy, int examples, boolean needInputGrad) {
        int n = examples * positions;
        int size = n * out;
        float[] g = activation.backward(dy, n, true);
        scratchT = Buffers.atLeast(scratchT, size);
        gemm.multiplyTransA(out, in, n, g, x, dW, scratchT);
        if (bias != null) {
            float[] db = bias.grad();
            Arrays.fill(db, 0f);
            for (int r = 0; r < n; r++) {
                int o = r * out;
                for (int c = 0; c < out; c++) {
                    db[c] += g[o + c];
                }
            }
        }
        if (!needInputGrad) {
            return null;
        }
        dx = Buffers.atLeast(dx, n * in);
        gemm.multiply(n, in, out, g, effective, dx);
        return dx;
    }

    @Override
    public List<Param> params() {
        List<Param> p = new ArrayList<>();
        p.add(weight);
        if (bias != null) {
            p.add(bias);
        }
        return p;
    }
}
