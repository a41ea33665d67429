package io.dgating.export.prune;

import io.dgating.api.ParameterSet;
import io.dgating.api.Shape;
import io.dgating.api.model.Add;
import io.dgating.api.model.BatchNorm;
import io.dgating.api.model.Conv2d;
import io.dgating.api.model.Dense;
import io.dgating.api.model.Dropout;
import io.dgating.api.model.Embedding;
import io.dgating.api.model.Flatten;
import io.dgating.api.model.GlobalAvgPool;
import io.dgating.api.model.LayerNorm;
import io.dgating.api.model.LayerSpec;
import io.dgating.api.model.MultiHeadAttention;
import io.dgating.api.model.Nonlinearity;
import io.dgating.api.model.Pool2d;
import io.dgating.api.model.PositionEmbedding;
import java.util.Arrays;
import java.util.List;

/**
 * How each layer kind of a network's trunk moves channel states (forward: which channels are a
 * known constant for every input) and channel needs (backward: which input channels a layer
 * reads to compute a given set of output channels). A channel is index 0 of an example's shape:
 * a feature map of {@code [C, H, W]}, or a single value of a flat tensor.
 *
 * <p>A constant channel is only folded where that is exact: per channel through batch norms,
 * activations and max pools; a convolution whose live inputs have zero weights becomes its
 * bias plus the constant inputs' contributions only without padding (with padding, border
 * outputs see zeros instead of the constant: the output varies with position, so it stays a
 * computed channel, and the writer adds the constant inputs' exact per-position contribution).
 */
final class ChannelRules {

    private final TrunkView view;

    ChannelRules(TrunkView view) {
        this.view = view;
    }

    /** {@return the signal leaving layer {@code i} given the signals entering it} */
    Signal forward(int i, List<Signal> in) {
        LayerSpec l = view.layer(i);
        Signal a = in.get(0);
        if (l instanceof Conv2d c) {
            return conv(c, i, a);
        } else if (l instanceof BatchNorm bn) {
            float[] s = view.param(bn.name() + ParameterSet.WEIGHT);
            float[] t = view.param(bn.name() + ParameterSet.BIAS);
            float[] m = view.param(bn.name() + BatchNorm.RUNNING_MEAN);
            float[] v = view.param(bn.name() + BatchNorm.RUNNING_VAR);
            return map(a, (ch, x) -> s[ch] * (x - m[ch]) / Math.sqrt(v[ch] + bn.epsilon()) + t[ch]);
        } else if (l instanceof Nonlinearity f) {
            return map(a, (ch, x) -> f.activation().apply(x));
        } else if (l instanceof Pool2d p) {
            if (p.mode() == Pool2d.Mode.AVERAGE && p.padding() > 0) {
                // count_include_pad: border windows average the constant with padding zeros
                return map(a, (ch, x) -> x == 0 ? 0 : Double.NaN);
            }
            return a;
        } else if (l instanceof GlobalAvgPool || l instanceof Dropout) {
            return a;
        } else if (l instanceof Add) {
            boolean[] alive = new boolean[a.width()];
            double[] constant = new double[a.width()];
            for (int ch = 0; ch < alive.length; ch++) {
                for (Signal s : in) {
                    alive[ch] |= s.isAlive(ch);
                    constant[ch] += s.isAlive(ch) ? 0 : s.constant(ch);
                }
            }
            return new Signal(alive, constant);
        } else if (l instanceof Flatten) {
            return a.repeatEach(view.inputShape(i).size() / a.width());
        } else if (l instanceof Dense d) {
            Shape shape = view.inputShape(i);
            // a sequence's channel is its position, each mapped alike
            return Signal.allAlive(shape.rank() == 1 ? d.units() : shape.dim(0));
        } else if (l instanceof LayerNorm || l instanceof PositionEmbedding || l instanceof MultiHeadAttention) {
            // a constant (or zero) channel still counts towards the statistics of its vector; a position's
            // own embedding varies along it
            return Signal.allAlive(a.width());
        } else if (l instanceof Embedding) {
            return Signal.allAlive(view.inputShape(i).dim(0));
        }
        throw new IllegalArgumentException(
                "no channel rule for layer kind " + l.getClass().getSimpleName() + " (layer '" + l.name() + "')");
    }

    /**
     * Returns, per input of layer {@code i}, which of its channels the layer reads to compute the
     * output channels {@code out}.
     */
    boolean[][] needs(int i, boolean[] out, List<Signal> in) {
        LayerSpec l = view.layer(i);
        boolean[][] needs = new boolean[in.size()][];
        if (l instanceof Conv2d c) {
            float[] w = view.param(c.name() + ParameterSet.WEIGHT);
            int channels = in.get(0).width();
            int k = c.kernel() * c.kernel();
            boolean[] n = new boolean[channels];
            for (int f = 0; f < out.length; f++) {
                for (int ch = 0; ch < channels && out[f]; ch++) {
                    // a constant channel is folded into the conv's bias map by the writer
                    n[ch] |= in.get(0).isAlive(ch) && anyNonZero(w, (f * channels + ch) * k, k);
                }
            }
            needs[0] = n;
        } else if (l instanceof Flatten
                || l instanceof Dense
                || l instanceof LayerNorm
                || l instanceof Embedding
                || l instanceof MultiHeadAttention) {
            // kept whole: a flat tensor inside the trunk is not pruned (the final dense chain is)
            boolean any = false;
            for (boolean b : out) {
                any |= b;
            }
            boolean[] n = new boolean[in.get(0).width()];
            Arrays.fill(n, any);
            needs[0] = n;
        } else {
            Arrays.fill(needs, out);
        }
        return needs;
    }

    private Signal conv(Conv2d c, int i, Signal a) {
        float[] w = view.param(c.name() + ParameterSet.WEIGHT);
        float[] b = c.bias() ? view.param(c.name() + ParameterSet.BIAS) : new float[c.filters()];
        int channels = a.width();
        int k = c.kernel() * c.kernel();
        boolean[] alive = new boolean[c.filters()];
        double[] constant = new double[c.filters()];
        for (int f = 0; f < c.filters(); f++) {
            double sum = b[f];
            for (int ch = 0; ch < channels && !alive[f]; ch++) {
                int at = (f * channels + ch) * k;
                if (!anyNonZero(w, at, k)) {
                    continue;
                }
                if (a.isAlive(ch) || Double.isNaN(a.constant(ch)) || (a.constant(ch) != 0.0 && c.padding() > 0)) {
                    alive[f] = true;
                } else {
                    for (int e = 0; e < k; e++) {
                        sum += w[at + e] * a.constant(ch);
                    }
                }
            }
            constant[f] = alive[f] ? 0 : sum;
        }
        return new Signal(alive, constant);
    }

    private static boolean anyNonZero(float[] w, int from, int n) {
        for (int e = from; e < from + n; e++) {
            if (w[e] != 0f) {
                return true;
            }
        }
        return false;
    }

    /** A per-channel function of the constant channels; NaN means "no longer constant". */
    private interface ChannelFunction {
        double apply(int channel, double value);
    }

    private static Signal map(Signal a, ChannelFunction f) {
        boolean[] alive = new boolean[a.width()];
        double[] constant = new double[a.width()];
        for (int ch = 0; ch < alive.length; ch++) {
            double v = a.isAlive(ch) ? Double.NaN : f.apply(ch, a.constant(ch));
            alive[ch] = Double.isNaN(v);
            constant[ch] = alive[ch] ? 0 : v;
        }
        return new Signal(alive, constant);
    }

    /** What the rules read of the model: layers, shapes and pruned inference parameters. */
    interface TrunkView {
        LayerSpec layer(int i);

        Shape inputShape(int i);

        float[] param(String name);
    }
}
