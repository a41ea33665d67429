package io.dgating.engine.cpu.internal;

import io.dgating.api.model.Dense;
import io.dgating.engine.cpu.kernel.GemmMt;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code y = f(x W^T + b)} with {@code W [units, inputs]}, optionally D-Gated
 * ({@code W = omega * P}, see {@link GateState}).
 */
final class DenseLayer implements Layer {

    private final int in;
    private final int out;
    private final Param weight;
    private final Param bias;
    private final GateState gate;
    private final GemmMt gemm;
    private final ActivationLayer activation;

    private final float[] effective;
    private final float[] dW;
    private final float[] scratchW;
    private float[] x;
    private float[] z;
    private float[] dx;
    private float[] scratchT;

    DenseLayer(Dense spec, int in, Param weight, Param bias, GateState gate, GemmMt gemm) {
        this.in = in;
        this.out = spec.units();
        this.weight = weight;
        this.bias = bias;
        this.gate = gate;
        this.gemm = gemm;
        this.activation = new ActivationLayer(spec.activation(), out);
        this.effective = gate == null ? weight.value() : new float[out * in];
        this.dW = gate == null ? weight.grad() : new float[out * in];
        this.scratchW = new float[out * in];
    }

    @Override
    public int outputSize() {
        return out;
    }

    @Override
    public float[] forward(float[] input, int n, boolean training) {
        x = input;
        if (gate != null) {
            gate.collapse(weight.value(), effective);
        }
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
    public float[] backward(float[] dy, int n, boolean needInputGrad) {
        int size = n * out;
        float[] g = activation.backward(dy, n, true);
        scratchT = Buffers.atLeast(scratchT, size);
        gemm.multiplyTransA(out, in, n, g, x, dW, scratchT);
        if (bias != null) {
            float[] db = bias.grad();
            java.util.Arrays.fill(db, 0f);
            for (int r = 0; r < n; r++) {
                int o = r * out;
                for (int c = 0; c < out; c++) {
                    db[c] += g[o + c];
                }
            }
        }
        if (gate != null) {
            gate.backward(weight.value(), dW, weight.grad());
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
        if (gate != null) {
            p.add(gate.gates());
        }
        return p;
    }
}
