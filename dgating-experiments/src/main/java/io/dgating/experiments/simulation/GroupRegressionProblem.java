package io.dgating.experiments.simulation;

import io.dgating.api.data.Dataset;
import io.dgating.api.data.DatasetSplits;
import io.dgating.api.data.Standardization;
import io.dgating.api.data.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The paper's sparse group regression: {@code y = X beta + noise}, {@code groups x size} standard
 * normal features, the first {@code informative} groups with N(0, 1) coefficients, the rest zero.
 * Features and responses are rounded to float32 so the float32 engines and the float64 group-lasso
 * solver see the same numbers.
 *
 * @param x training features, {@code n x p}
 * @param y training responses
 * @param xTest test features from the same distribution
 * @param yTest test responses
 * @param beta the true coefficients
 * @param groupOf group of every feature
 * @param informative how many leading groups are non-zero
 */
public record GroupRegressionProblem(
        double[][] x, double[] y, double[][] xTest, double[] yTest, double[] beta, int[] groupOf, int informative) {

    /**
     * Draws a problem. The training rows come first from the seeded stream, so the training set
     * does not depend on {@code nTest}.
     *
     * @param n training rows
     * @param nTest test rows
     * @param groups number of groups
     * @param size features per group
     * @param informative non-zero groups (the first ones)
     * @param noise standard deviation of the Gaussian noise
     * @param seed the seed
     * @return the problem
     */
    public static GroupRegressionProblem draw(
            int n, int nTest, int groups, int size, int informative, double noise, long seed) {
        if (informative > groups || n < 1 || nTest < 0 || size < 1 || noise < 0) {
            throw new IllegalArgumentException("impossible simulation: n " + n + ", test " + nTest + ", " + groups
                    + " groups of " + size + ", " + informative + " informative, noise " + noise);
        }
        Random rnd = new Random(seed);
        int p = groups * size;
        double[] beta = new double[p];
        int[] groupOf = new int[p];
        for (int k = 0; k < p; k++) {
            groupOf[k] = k / size;
            if (k / size < informative) {
                beta[k] = rnd.nextGaussian();
            }
        }
        double[][] x = new double[n][];
        double[] y = new double[n];
        draw(rnd, beta, noise, x, y);
        double[][] xTest = new double[nTest][];
        double[] yTest = new double[nTest];
        draw(rnd, beta, noise, xTest, yTest);
        return new GroupRegressionProblem(x, y, xTest, yTest, beta, groupOf, informative);
    }

    private static void draw(Random rnd, double[] beta, double noise, double[][] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            x[i] = new double[beta.length];
            double s = 0;
            for (int k = 0; k < beta.length; k++) {
                x[i][k] = (float) rnd.nextGaussian();
                s += x[i][k] * beta[k];
            }
            y[i] = (float) (s + noise * rnd.nextGaussian());
        }
    }

    /** {@return the number of groups} */
    public int groups() {
        return groupOf.length == 0 ? 0 : groupOf[groupOf.length - 1] + 1;
    }

    /**
     * Returns the problem as engine input: the training rows, no validation rows, the test rows,
     * no standardisation (the features are already standard normal), so fitted weights are
     * estimates of {@code beta} directly.
     *
     * @return the splits
     */
    public DatasetSplits splits() {
        int p = beta.length;
        Dataset train = dataset("group-regression/train", x, y);
        Dataset test =
                xTest.length == 0 ? train.select(new int[0], "/test") : dataset("group-regression/test", xTest, yTest);
        return new DatasetSplits(train, train.select(new int[0], "/validation"), test, Standardization.identity(p));
    }

    private Dataset dataset(String name, double[][] rows, double[] targets) {
        int p = beta.length;
        float[] xf = new float[rows.length * p];
        float[] yf = new float[rows.length];
        for (int i = 0; i < rows.length; i++) {
            for (int k = 0; k < p; k++) {
                xf[i * p + k] = (float) rows[i][k];
            }
            yf[i] = (float) targets[i];
        }
        List<String> names = new ArrayList<>();
        for (int k = 0; k < p; k++) {
            names.add("g" + groupOf[k] + "_" + (k % (p / groups())));
        }
        return new Dataset(name, rows.length, p, xf, yf, Task.REGRESSION, names, List.of());
    }
}
