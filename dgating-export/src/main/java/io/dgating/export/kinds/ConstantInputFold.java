package io.dgating.export.kinds;

import io.dgating.api.Shape;
import io.dgating.api.model.Conv2d;
import io.dgating.export.plan.Signal;
import java.util.HashSet;
import java.util.Set;

/**
 * What a convolution's constant input channels add to its output: channel {@code c} holding
 * {@code v_c} everywhere contributes {@code v_c * sum W[f, c, kh, kw]} over the kernel taps that
 * fall inside the image at each output position, so a zero-padded convolution gets a bias that
 * varies at the borders (a plain bias would be wrong there). Computed in double, once, per kept
 * filter and output position.
 */
final class ConstantInputFold {

    private ConstantInputFold() {}

    /**
     * Returns the map {@code [rows, Ho, Wo]} (row-major), or null when no constant input channel
     * reaches a kept filter.
     *
     * @param c the convolution
     * @param weight its weight {@code [F, C, k, k]}
     * @param input the states of its input channels
     * @param in its input shape {@code [C, H, W]}
     * @param out its output shape {@code [F, Ho, Wo]}
     * @param rows the kept filters
     * @param read the input channels the compact convolution reads (a constant one among them is computed, not folded)
     * @return the map, or null
     */
    static double[] of(Conv2d c, float[] weight, Signal input, Shape in, Shape out, int[] rows, int[] read) {
        Set<Integer> computed = new HashSet<>();
        for (int r : read) {
            computed.add(r);
        }
        int channels = in.dim(0);
        int h = in.dim(1);
        int w = in.dim(2);
        int ho = out.dim(1);
        int wo = out.dim(2);
        int k = c.kernel();
        double[] map = new double[rows.length * ho * wo];
        boolean any = false;
        for (int r = 0; r < rows.length; r++) {
            for (int ch = 0; ch < channels; ch++) {
                if (input.isAlive(ch) || input.constant(ch) == 0.0 || computed.contains(ch)) {
                    continue;
                }
                double v = input.constant(ch);
                int base = (rows[r] * channels + ch) * k * k;
                for (int oy = 0; oy < ho; oy++) {
                    for (int ox = 0; ox < wo; ox++) {
                        double sum = 0;
                        for (int ky = 0; ky < k; ky++) {
                            int iy = oy * c.stride() - c.padding() + ky * c.dilation();
                            if (iy < 0 || iy >= h) {
                                continue;
                            }
                            for (int kx = 0; kx < k; kx++) {
                                int ix = ox * c.stride() - c.padding() + kx * c.dilation();
                                if (ix >= 0 && ix < w) {
                                    sum += weight[base + ky * k + kx];
                                }
                            }
                        }
                        if (sum != 0) {
                            any = true;
                            map[(r * ho + oy) * wo + ox] += v * sum;
                        }
                    }
                }
            }
        }
        return any ? map : null;
    }
}
