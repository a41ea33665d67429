package io.dgating.api.train;

import io.dgating.api.data.Dataset;
import io.dgating.api.model.Head;

/** Engine-neutral loss, accuracy and RMSE of model outputs on a dataset, summed in double. */
public final class Scoring {

    private Scoring() {}

    /**
     * Scores outputs against a dataset's targets.
     *
     * @param outputs row-major {@code [rows, outputs]} model outputs (logits for classification)
     * @param data the rows the outputs belong to
     * @param head the loss
     * @return loss (mean, as the head defines it), accuracy or RMSE
     */
    public static Metrics of(float[] outputs, Dataset data, Head head) {
        int n = data.rows();
        if (n == 0) {
            return new Metrics(0, Double.NaN, Double.NaN, Double.NaN);
        }
        // a sequence scores every position: rows of k outputs become n * positions rows of k / positions
        int positions = data.targetsPerRow();
        int k = outputs.length / n / positions;
        double loss = 0;
        double sq = 0;
        long correct = 0;
        for (int i = 0; i < n * positions; i++) {
            int r = i / positions;
            int o = i * k;
            if (head == Head.SOFTMAX_CROSS_ENTROPY) {
                double max = Double.NEGATIVE_INFINITY;
                int best = 0;
                for (int c = 0; c < k; c++) {
                    max = Math.max(max, outputs[o + c]);
                    best = outputs[o + c] > outputs[o + best] ? c : best;
                }
                double sum = 0;
                for (int c = 0; c < k; c++) {
                    sum += Math.exp(outputs[o + c] - max);
                }
                int y = (int) data.target(r, i % positions);
                loss += Math.log(sum) - (outputs[o + y] - max);
                correct += best == y ? 1 : 0;
            } else {
                double d = outputs[o] - data.target(r);
                sq += d * d;
                loss += d * d;
            }
        }
        boolean cls = head == Head.SOFTMAX_CROSS_ENTROPY;
        long m = (long) n * positions;
        return new Metrics(n, loss / m, cls ? (double) correct / m : Double.NaN, cls ? Double.NaN : Math.sqrt(sq / m));
    }
}
