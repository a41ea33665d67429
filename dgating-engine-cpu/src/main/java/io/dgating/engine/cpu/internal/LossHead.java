package io.dgating.engine.cpu.internal;

import io.dgating.api.model.Head;

/** The loss on the network's outputs and its gradient. Sums run in double. */
final class LossHead {

    private final Head head;
    private final int outputs;
    private final int positions;
    private final double[] e;

    /**
     * @param outputs values per row
     * @param positions rows of a sequence each scored alone (1 for flat outputs): softmax runs over
     *     {@code outputs / positions} logits per position, and the loss is the mean over all positions
     */
    LossHead(Head head, int outputs, int positions) {
        this.head = head;
        this.outputs = outputs / positions;
        this.positions = positions;
        this.e = new double[this.outputs];
    }

    /**
     * Returns the mean loss over {@code n} rows and, when {@code grad} is not null, writes the
     * gradient of that mean w.r.t. the outputs.
     */
    double loss(float[] out, float[] targets, int n, float[] grad) {
        return loss(out, targets, null, 0, n, grad);
    }

    /**
     * As {@link #loss(float[], float[], int, float[])}, a classifier's target of row {@code r} being
     * {@code (1 - teacherWeight) onehot(targets[r]) + teacherWeight teacher[r]} when {@code teacher} is given.
     */
    double loss(float[] out, float[] targets, float[] teacher, double teacherWeight, int n, float[] grad) {
        if (teacher != null && (head != Head.SOFTMAX_CROSS_ENTROPY || positions != 1)) {
            throw new IllegalArgumentException("distillation needs a classifier with one label per row");
        }
        return head == Head.SOFTMAX_CROSS_ENTROPY
                ? crossEntropy(out, targets, teacher, teacherWeight, n * positions, grad)
                : squared(out, targets, n, grad);
    }

    private double crossEntropy(float[] z, float[] targets, float[] teacher, double a, int n, float[] grad) {
        double total = 0;
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
            if (teacher == null) {
                total += Math.log(sum) - (z[o + y] - max);
            } else {
                // -sum_c t_c log softmax_c = log(sum) - sum_c t_c (z_c - max), the targets t summing to 1
                double dot = 0;
                for (int c = 0; c < outputs; c++) {
                    dot += target(c, y, teacher, o, a) * (z[o + c] - max);
                }
                total += Math.log(sum) - dot;
            }
            if (grad != null) {
                for (int c = 0; c < outputs; c++) {
                    double t = teacher == null ? (c == y ? 1.0 : 0.0) : target(c, y, teacher, o, a);
                    grad[o + c] = (float) ((e[c] / sum - t) / n);
                }
            }
        }
        return total / n;
    }

    private static double target(int c, int y, float[] teacher, int o, double a) {
        return (1 - a) * (c == y ? 1.0 : 0.0) + a * teacher[o + c];
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
