package io.dgating.eval.path;

import java.util.Arrays;
import io.dgating.api.train.FineTuning;
import java.util.List;
import java.util.Optional;

/**
 * The grid of a path.
 *
 * @param depths the D values, one curve each
 * @param lambdas lambda values, ascending
 * @param warmStart start each lambda from the previous (smaller) lambda's parameters of the same D
 * @param parallelism trainings at once (1 = sequential)
 * @param methods D-Gating (one curve per D) and/or the directly solved group lasso (one curve)
 * @param fineTuning when present, every selected model is fine-tuned with its removed groups frozen at
 *     zero, and the point reports its score before and after
 */
public record PathSpec(List<Integer> depths, double[] lambdas, boolean warmStart, int parallelism,
        List<PathMethod> methods, Optional<FineTuning> fineTuning) {

    /**
     * A D-Gating path without fine-tuning.
     *
     * @param depths the D values
     * @param lambdas lambda values
     * @param warmStart warm starts along each D
     * @param parallelism trainings at once
     */
    public PathSpec(List<Integer> depths, double[] lambdas, boolean warmStart, int parallelism) {
        this(depths, lambdas, warmStart, parallelism, List.of(PathMethod.D_GATING), Optional.empty());
    }

    /** Validates and sorts the lambdas. */
    public PathSpec {
        depths = List.copyOf(depths);
        methods = List.copyOf(new java.util.LinkedHashSet<>(methods));
        if (methods.isEmpty()) {
            throw new IllegalArgumentException("a path needs at least one method");
        }
        lambdas = lambdas.clone();
        Arrays.sort(lambdas);
        if (depths.isEmpty() || depths.stream().anyMatch(d -> d < 2)) {
            throw new IllegalArgumentException("depths must be >= 2, got " + depths);
        }
        if (lambdas.length == 0 || lambdas[0] < 0) {
            throw new IllegalArgumentException("lambdas must be >= 0 and at least one");
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be >= 1, got " + parallelism);
        }
    }

    /** Returns a copy of the lambdas. */
    @Override
    public double[] lambdas() {
        return lambdas.clone();
    }

    /**
     * Parses {@code FROM:TO:COUNT} into COUNT log-spaced values (e.g. {@code 1e-5:1e-1:12}), or a
     * comma-separated list.
     *
     * @param spec the text
     * @return the values
     * @throws IllegalArgumentException naming what is wrong
     */
    public static double[] parseLambdas(String spec) {
        try {
            if (spec.contains(":")) {
                String[] p = spec.split(":");
                if (p.length != 3) {
                    throw new IllegalArgumentException("use FROM:TO:COUNT, e.g. 1e-5:1e-1:12");
                }
                double from = Double.parseDouble(p[0]);
                double to = Double.parseDouble(p[1]);
                int count = Integer.parseInt(p[2]);
                if (!(from > 0 && to > from && count >= 2)) {
                    throw new IllegalArgumentException("need 0 < FROM < TO and COUNT >= 2 for a log-spaced grid");
                }
                double[] out = new double[count];
                for (int i = 0; i < count; i++) {
                    out[i] = Math.exp(Math.log(from) + (Math.log(to) - Math.log(from)) * i / (count - 1));
                }
                return out;
            }
            return Arrays.stream(spec.split(",")).mapToDouble(s -> Double.parseDouble(s.trim())).toArray();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("lambdas '" + spec + "': " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("lambdas '" + spec + "': " + e.getMessage(), e);
        }
    }
}
