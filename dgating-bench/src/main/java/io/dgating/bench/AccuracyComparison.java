package io.dgating.bench;

import io.dgating.api.data.Dataset;
import io.dgating.api.data.Task;
import io.dgating.runtime.Columns;
import io.dgating.runtime.OrtModel;

/**
 * Both ONNX models scored on the same raw (unstandardised: the export folds standardisation)
 * rows through ONNX Runtime, and the largest difference between their outputs.
 *
 * @param rows rows evaluated
 * @param denseScore accuracy (classification) or RMSE (regression) of the dense model
 * @param compactScore the same for the compact model
 * @param maxOutputDifference {@code max |dense output - compact output|}
 * @param classification whether the scores are accuracies
 */
public record AccuracyComparison(
        int rows, double denseScore, double compactScore, double maxOutputDifference, boolean classification) {

    /**
     * Scores both models on {@code data}.
     *
     * @param dense the dense model (all features)
     * @param compact the compact model
     * @param keptFeatures columns the compact model takes when it takes fewer than all
     * @param data raw rows
     * @return the comparison
     */
    public static AccuracyComparison of(OrtModel dense, OrtModel compact, int[] keptFeatures, Dataset data) {
        int n = data.rows();
        int cols = data.cols();
        if (dense.inputWidth() != cols) {
            throw new IllegalArgumentException(
                    "the dense model takes " + dense.inputWidth() + " features but " + data.name() + " has " + cols);
        }
        float[] x = data.features();
        float[] xc = compact.inputWidth() == cols ? x : Columns.select(x, n, cols, keptFeatures);
        return of(dense.run(x, n), compact.run(xc, n), data);
    }

    /**
     * Scores outputs the two models already produced on {@code data}.
     *
     * @param a dense outputs, row-major
     * @param b compact outputs, row-major
     * @param data the rows they belong to
     * @return the comparison
     */
    public static AccuracyComparison of(float[] a, float[] b, Dataset data) {
        int n = data.rows();
        int outputs = a.length / Math.max(1, n);
        double maxDiff = 0;
        for (int i = 0; i < a.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(a[i] - b[i]));
        }
        boolean cls = data.task() == Task.CLASSIFICATION;
        return new AccuracyComparison(n, score(a, data, outputs, cls), score(b, data, outputs, cls), maxDiff, cls);
    }

    /**
     * Scores a model file through ONNX Runtime on raw rows.
     *
     * @param m the loaded model
     * @param keptFeatures the columns a compact model reads (used when its input is narrower than the data)
     * @param raw unstandardised rows with all columns
     * @return accuracy (classification) or RMSE (regression)
     */
    public static double scoreOf(OrtModel m, int[] keptFeatures, Dataset raw) {
        return scoreOf(TableInputs.run(m, raw, keptFeatures), raw);
    }

    /**
     * Scores one model's outputs against a dataset's targets.
     *
     * @param out row-major outputs
     * @param data the rows they were computed from
     * @return accuracy (classification) or RMSE (regression)
     */
    public static double scoreOf(float[] out, Dataset data) {
        return score(out, data, out.length / Math.max(1, data.rows()), data.task() == Task.CLASSIFICATION);
    }

    private static double score(float[] out, Dataset data, int outputs, boolean cls) {
        int n = data.rows();
        // a sequence is scored at every position
        int positions = data.targetsPerRow();
        int classes = outputs / positions;
        double s = 0;
        for (int i = 0; i < n * positions; i++) {
            if (cls) {
                int best = 0;
                for (int c = 1; c < classes; c++) {
                    if (out[i * classes + c] > out[i * classes + best]) {
                        best = c;
                    }
                }
                s += best == (int) data.target(i / positions, i % positions) ? 1 : 0;
            } else {
                double d = out[i] - data.target(i);
                s += d * d;
            }
        }
        return cls ? s / ((long) n * positions) : Math.sqrt(s / n);
    }
}
