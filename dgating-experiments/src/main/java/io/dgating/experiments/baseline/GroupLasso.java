package io.dgating.experiments.baseline;

import java.util.Arrays;

/**
 * Group lasso linear regression by accelerated proximal gradient descent (FISTA with
 * adaptive restart), in float64:
 *
 * <pre>
 *   min_{w, b}  (1/n) ||y - X w - b||^2 + lambda * sum_j ||w_j||_2
 * </pre>
 *
 * <p>The data term is the same mean squared error the squared-error head uses, so the
 * solution is what D = 2 gating of a linear model converges to. The intercept is not
 * penalised. This is the paper's "direct optimisation" baseline: the prox step sets groups
 * exactly to zero, which plain (sub)gradient descent never does.
 */
public final class GroupLasso {

    /**
     * The solution and how the solver got there.
     *
     * @param weights the coefficients, one per column of {@code X}
     * @param intercept the unpenalised intercept {@code b}
     * @param iterations proximal-gradient iterations run
     * @param kktViolation largest violation of the optimality conditions at the solution
     */
    public record Solution(double[] weights, double intercept, int iterations, double kktViolation) {
        /**
         * Copies the weights.
         *
         * @param weights the coefficients, one per column of {@code X}
         * @param intercept the unpenalised intercept {@code b}
         * @param iterations proximal-gradient iterations run
         * @param kktViolation largest violation of the optimality conditions at the solution
         */
        public Solution {
            weights = weights.clone();
        }

        /** {@return a copy of the weights} */
        @Override
        public double[] weights() {
            return weights.clone();
        }
    }

    private final double[][] x;
    private final double[] y;
    private final int[] groupOf;
    private final int groups;
    private final int n;
    private final int p;
    private final double lipschitz;

    /**
     * Prepares a problem.
     *
     * @param x design matrix, {@code n} rows of {@code p} features
     * @param y responses
     * @param groupOf group index of every feature, {@code 0 .. G-1}
     */
    public GroupLasso(double[][] x, double[] y, int[] groupOf) {
        this.n = x.length;
        this.p = x[0].length;
        if (y.length != n || groupOf.length != p) {
            throw new IllegalArgumentException("sizes disagree: " + n + " x " + p + ", " + y.length + " responses, "
                    + groupOf.length + " group labels");
        }
        this.x = x;
        this.y = y.clone();
        this.groupOf = groupOf.clone();
        this.groups = Arrays.stream(groupOf).max().orElse(-1) + 1;
        this.lipschitz = 2.0 / n * largestEigenvalue();
    }

    /**
     * Returns the smallest lambda at which every group is zero: {@code max_j ||grad_j f(0, b*)||}.
     *
     * @return lambda_max
     */
    public double lambdaMax() {
        double mean = Arrays.stream(y).average().orElse(0);
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = y[i] - mean;
        }
        double[] g = gradient(r);
        return Arrays.stream(groupNorms(g)).max().orElse(0);
    }

    /**
     * Solves to the given tolerance on the KKT conditions.
     *
     * @param lambda penalty strength
     * @param tolerance maximal KKT violation (in units of the gradient)
     * @param maxIterations iteration cap
     * @return the solution
     */
    public Solution solve(double lambda, double tolerance, int maxIterations) {
        double[] w = new double[p];
        double b = Arrays.stream(y).average().orElse(0);
        double[] zw = w.clone();
        double zb = b;
        double t = 1;
        double step = 1.0 / lipschitz;
        int it = 0;
        double kkt = Double.POSITIVE_INFINITY;
        for (; it < maxIterations; it++) {
            double[] r = residual(zw, zb);
            double[] g = gradient(r);
            double gb = 0;
            for (double v : r) {
                gb -= 2.0 / n * v;
            }
            double[] wNew = new double[p];
            for (int k = 0; k < p; k++) {
                wNew[k] = zw[k] - step * g[k];
            }
            prox(wNew, step * lambda);
            double bNew = zb - step * gb;
            // gradient-based adaptive restart (O'Donoghue and Candes): drop the momentum when
            // it points against the step just taken; the proximal step itself is always kept
            double dot = (zb - bNew) * (bNew - b);
            for (int k = 0; k < p; k++) {
                dot += (zw[k] - wNew[k]) * (wNew[k] - w[k]);
            }
            if (dot > 0) {
                t = 1;
            }
            double tNew = (1 + Math.sqrt(1 + 4 * t * t)) / 2;
            double beta = (t - 1) / tNew;
            for (int k = 0; k < p; k++) {
                zw[k] = wNew[k] + beta * (wNew[k] - w[k]);
            }
            zb = bNew + beta * (bNew - b);
            w = wNew;
            b = bNew;
            t = tNew;
            if (it % 10 == 0) {
                kkt = kktViolation(w, b, lambda);
                if (kkt < tolerance) {
                    break;
                }
            }
        }
        return new Solution(w, b, it, kktViolation(w, b, lambda));
    }

    /**
     * Returns the largest violation of the optimality conditions at {@code (w, b)}: for a
     * non-zero group {@code ||grad_j + lambda w_j / ||w_j|| ||}, for a zero group
     * {@code max(0, ||grad_j|| - lambda)}, and {@code |grad_b|}.
     *
     * @param w weights
     * @param b intercept
     * @param lambda penalty strength
     * @return the violation
     */
    public double kktViolation(double[] w, double b, double lambda) {
        double[] r = residual(w, b);
        double[] g = gradient(r);
        double gb = 0;
        for (double v : r) {
            gb -= 2.0 / n * v;
        }
        double worst = Math.abs(gb);
        double[] norms = groupNorms(w);
        double[] gnorm = groupNorms(g);
        double[] dev = new double[groups];
        for (int k = 0; k < p; k++) {
            int j = groupOf[k];
            if (norms[j] > 0) {
                double d = g[k] + lambda * w[k] / norms[j];
                dev[j] += d * d;
            }
        }
        for (int j = 0; j < groups; j++) {
            worst = Math.max(worst, norms[j] > 0 ? Math.sqrt(dev[j]) : Math.max(0, gnorm[j] - lambda));
        }
        return worst;
    }

    /**
     * Returns the gradient of the data term w.r.t. the weights at residual {@code r}.
     *
     * @param r residual {@code y - X w - b}
     * @return {@code -(2/n) X^T r}
     */
    public double[] gradient(double[] r) {
        double[] g = new double[p];
        for (int i = 0; i < n; i++) {
            double c = -2.0 / n * r[i];
            for (int k = 0; k < p; k++) {
                g[k] += c * x[i][k];
            }
        }
        return g;
    }

    /**
     * Returns the residual {@code y - X w - b}.
     *
     * @param w weights
     * @param b intercept
     * @return residuals
     */
    public double[] residual(double[] w, double b) {
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            double s = b;
            for (int k = 0; k < p; k++) {
                s += x[i][k] * w[k];
            }
            r[i] = y[i] - s;
        }
        return r;
    }

    /**
     * Returns the Euclidean norm of every group of {@code v}.
     *
     * @param v a vector over the features
     * @return one norm per group
     */
    public double[] groupNorms(double[] v) {
        double[] s = new double[groups];
        for (int k = 0; k < p; k++) {
            s[groupOf[k]] += v[k] * v[k];
        }
        for (int j = 0; j < groups; j++) {
            s[j] = Math.sqrt(s[j]);
        }
        return s;
    }

    /** Group soft-thresholding: {@code w_j <- max(0, 1 - tau / ||w_j||) w_j}. */
    private void prox(double[] w, double tau) {
        double[] norms = groupNorms(w);
        for (int k = 0; k < p; k++) {
            double nj = norms[groupOf[k]];
            w[k] = nj <= tau ? 0.0 : w[k] * (1 - tau / nj);
        }
    }

    /** Largest eigenvalue of [X 1]^T [X 1] by power iteration; sets the step 1/L. */
    private double largestEigenvalue() {
        double[] v = new double[p + 1];
        Arrays.fill(v, 1.0 / Math.sqrt(p + 1));
        double lambda = 0;
        for (int it = 0; it < 500; it++) {
            double[] xv = new double[n];
            for (int i = 0; i < n; i++) {
                double s = v[p];
                for (int k = 0; k < p; k++) {
                    s += x[i][k] * v[k];
                }
                xv[i] = s;
            }
            double[] u = new double[p + 1];
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < p; k++) {
                    u[k] += x[i][k] * xv[i];
                }
                u[p] += xv[i];
            }
            double norm = Math.sqrt(Arrays.stream(u).map(a -> a * a).sum());
            if (norm == 0) {
                return 1;
            }
            double next = norm;
            for (int k = 0; k <= p; k++) {
                v[k] = u[k] / norm;
            }
            if (Math.abs(next - lambda) < 1e-12 * next) {
                return next * 1.0001;
            }
            lambda = next;
        }
        return lambda * 1.01;
    }
}
