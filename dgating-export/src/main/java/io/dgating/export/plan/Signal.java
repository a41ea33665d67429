package io.dgating.export.plan;

import java.util.Arrays;

/**
 * The channels flowing between two layers: channel {@code j} is either carried by the compact
 * model ({@code alive[j]}) or has the known constant value {@code constant[j]} for every input.
 *
 * @param alive whether each channel is computed by the compact model
 * @param constant the value of each channel that is not alive
 */
public record Signal(boolean[] alive, double[] constant) {

    /**
     * Copies the arrays.
     *
     * @param alive whether each channel is computed by the compact model
     * @param constant the value of each channel that is not alive
     */
    public Signal {
        alive = alive.clone();
        constant = constant.clone();
    }

    /**
     * Returns a signal of {@code width} live channels (the model input).
     *
     * @param width number of channels
     * @return all alive
     */
    public static Signal allAlive(int width) {
        boolean[] a = new boolean[width];
        Arrays.fill(a, true);
        return new Signal(a, new double[width]);
    }

    /** {@return the number of channels} */
    public int width() {
        return alive.length;
    }

    /**
     * Returns whether channel {@code j} is computed.
     *
     * @param j channel
     * @return true if alive
     */
    public boolean isAlive(int j) {
        return alive[j];
    }

    /**
     * Returns the constant value of a channel that is not alive.
     *
     * @param j channel
     * @return its value
     */
    public double constant(int j) {
        return constant[j];
    }

    /**
     * Returns this signal with every channel repeated {@code per} times in place, as flattening
     * {@code [C, H, W]} into {@code C * H * W} values spreads channel {@code c} over
     * {@code c * per .. c * per + per - 1}.
     *
     * @param per values per channel
     * @return the flattened signal
     */
    public Signal repeatEach(int per) {
        boolean[] a = new boolean[alive.length * per];
        double[] c = new double[a.length];
        for (int k = 0; k < a.length; k++) {
            a[k] = alive[k / per];
            c[k] = a[k] ? 0 : constant[k / per];
        }
        return new Signal(a, c);
    }

    /** {@return the number of channels still computed} */
    public int aliveCount() {
        int n = 0;
        for (boolean b : alive) {
            n += b ? 1 : 0;
        }
        return n;
    }
}
