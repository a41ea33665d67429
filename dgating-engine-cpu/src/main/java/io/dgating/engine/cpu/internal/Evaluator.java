package io.dgating.engine.cpu.internal;

import io.dgating.api.data.Dataset;
import io.dgating.api.data.Task;
import io.dgating.api.train.Metrics;

/** Inference-mode loss, accuracy and RMSE of a network on a dataset, in batches. */
public final class Evaluator {

    private static final int BATCH = 1024;

    private Evaluator() {}

    /**
     * Evaluates the network on every row of {@code data}.
     *
     * @param net the network
     * @param data the rows
     * @return loss, accuracy (classification) or RMSE (regression)
     */
    public static Metrics evaluate(Network net, Dataset data) {
        int n = data.rows();
        if (n == 0) {
            return new Metrics(0, Double.NaN, Double.NaN, Double.NaN);
        }
        int cols = data.cols();
        float[] x = new float[Math.min(BATCH, n) * cols];
        int positions = data.targetsPerRow();
        float[] y = new float[Math.min(BATCH, n) * positions];
        double lossSum = 0;
        double sqSum = 0;
        long correct = 0;
        for (int start = 0; start < n; start += BATCH) {
            int b = Math.min(BATCH, n - start);
            for (int r = 0; r < b; r++) {
                data.copyRow(start + r, x, r * cols);
                data.copyTargets(start + r, y, r * positions);
            }
            float[] out = net.forward(x, b, false);
            lossSum += net.loss(out, y, b) * b;
            int outputs = net.outputs() / positions;
            for (int r = 0; r < b * positions; r++) {
                if (data.task() == Task.CLASSIFICATION) {
                    int best = 0;
                    for (int c = 1; c < outputs; c++) {
                        if (out[r * outputs + c] > out[r * outputs + best]) {
                            best = c;
                        }
                    }
                    correct += best == (int) y[r] ? 1 : 0;
                } else {
                    double d = out[r] - y[r];
                    sqSum += d * d;
                }
            }
        }
        boolean cls = data.task() == Task.CLASSIFICATION;
        return new Metrics(
                n,
                lossSum / n,
                cls ? (double) correct / ((long) n * positions) : Double.NaN,
                cls ? Double.NaN : Math.sqrt(sqSum / n));
    }
}
