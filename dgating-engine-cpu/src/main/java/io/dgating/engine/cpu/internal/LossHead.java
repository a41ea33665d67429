package io.dgating.engine.cpu.internal;

import io.dgating.api.model.Head;

/** The loss on the network's outputs and its gradient. Sums run in double. */
final class LossHead {

    private final Head head;
    private final int outputs;
    private final int positions;

    /**
     * @param outputs values per row
     * @param positions rows of a sequence each scored alone (1 for flat outputs): softmax runs over
     *     {@code outputs / positions} logits per position, and the loss is the mean over all positions
     */
    LossHead(Head head, int outputs, int positions) {
        this.head = head;
        this.outputs = outputs / positions;
        this.positions = positions;
    }

    /**
     * Returns the mean loss over {@code n} rows and, when {@code grad} is not null, writes the
     * gradient of that mean w.r.t. the outputs.
     */
    double loss(float[] out, float[] targets, int n, float[] grad) {
        return head == Head.SOFTMAX_CROSS_ENTROPY ? crossEntropy(out, targets, n * positions, grad)
                : squared(out, targets, n, grad);
    }

    private double crossEntropy(float[] z, float[] targets, int n, float[] grad) {
        double total = 0;
        double[] e = new double[outputs];
        for (int r = 0; r < n; r++) {
            int o = r * outputs;
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < outputs; c++) {
                max = Math.max(max, z[o + c]);
            }
            double sum = 0;
            for (int c = 0; c < outputs; c++) {
                e[c] = Math.exp(z[o + c] - max);
                sum += e[c];
            }
            int y = (int) targets[r];
            total += Math.log(sum) - (z[o + y] - max);
            if (grad != null) {
                for (int c = 0; c < outputs; c++) {
                    grad[o + c] = (float) ((e[c] / sum - (c == y ? 1.0 : 0.0)) / n);
                }
            }
        }
        return total / n;
    }

    private double squared(float[] z, float[] targets, int n, float[] grad) {
        double total = 0;
        double scale = 2.0 / ((double) n * outputs);
        for (int r = 0; r < n; r++) {
            int o = r * outputs;
            for (int c = 0; c < outputs; c++) {
                double d = z[o + c] - targets[r * outputs + c];
                total += d * d;
                if (grad != null) {
                    grad[o + c] = (float) (scale * d);
                }
            }
        }
        return total / ((double) n * outputs);
    }
}
