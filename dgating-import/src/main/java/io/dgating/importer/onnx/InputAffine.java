package io.dgating.importer.onnx;

import io.dgating.api.Shape;
import java.util.Arrays;

/**
 * What the graph does to its input before the first layer, as {@code (x - mean) / scale} per input
 * value: a chain of {@code Sub}, {@code Div}, {@code Mul} and {@code Add} with constants (a
 * normalisation the exporter put into the graph). It becomes the data's standardisation, which
 * dgating's exporter writes back as nodes, so the compact model takes the same raw input.
 *
 * @param mean subtracted, per input value
 * @param scale divided by, per input value
 */
record InputAffine(double[] mean, double[] scale) {

    static InputAffine identity(int size) {
        double[] scale = new double[size];
        Arrays.fill(scale, 1.0);
        return new InputAffine(new double[size], scale);
    }

    /**
     * Returns this followed by {@code op} with constant {@code c} broadcast over one example.
     *
     * @return the composed transform, or null if {@code op} is not affine or {@code c} does not broadcast
     */
    InputAffine then(String op, ConstTensor c, Shape example) {
        double[] v = broadcast(c, example);
        if (v == null) {
            return null;
        }
        double[] m = mean.clone();
        double[] s = scale.clone();
        for (int i = 0; i < m.length; i++) {
            // y = (x - m) / s;  y - c = (x - (m + c s)) / s;  y / c = (x - m) / (s c)
            switch (op) {
                case "Sub" -> m[i] += v[i] * s[i];
                case "Add" -> m[i] -= v[i] * s[i];
                case "Div" -> s[i] *= v[i];
                case "Mul" -> s[i] /= v[i];
                default -> {
                    return null;
                }
            }
            if (s[i] == 0 || !Double.isFinite(s[i])) {
                return null;
            }
        }
        return new InputAffine(m, s);
    }

    /** {@return {@code c}'s value at every position of one example (numpy broadcasting, batch dim 1), or null} */
    static double[] broadcast(ConstTensor c, Shape example) {
        int rank = example.rank() + 1;
        long[] cd = c.dims();
        if (cd.length > rank || c.size() == 0) {
            return null;
        }
        int[] full = new int[rank];
        full[0] = 1;
        for (int i = 0; i < example.rank(); i++) {
            full[i + 1] = example.dim(i);
        }
        int[] dims = new int[rank];
        Arrays.fill(dims, 1);
        for (int i = 0; i < cd.length; i++) {
            dims[rank - cd.length + i] = (int) cd[i];
        }
        for (int i = 0; i < rank; i++) {
            if (dims[i] != 1 && dims[i] != full[i]) {
                return null;
            }
        }
        double[] out = new double[example.size()];
        for (int e = 0; e < out.length; e++) {
            // the example's coordinates from the last axis back; a size-1 axis of c repeats its value
            int rest = e;
            int index = 0;
            int stride = 1;
            for (int i = rank - 1; i >= 1; i--) {
                index += (dims[i] == 1 ? 0 : rest % full[i]) * stride;
                rest /= full[i];
                stride *= dims[i];
            }
            out[e] = c.floats()[index];
        }
        return out;
    }

    boolean isIdentity() {
        for (int i = 0; i < mean.length; i++) {
            if (mean[i] != 0 || scale[i] != 1) {
                return false;
            }
        }
        return true;
    }
}
