package io.dgating.experiments.path;

import io.dgating.api.train.FineTuning;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.Arrays;
import java.util.LinkedHashSet;
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
 *     zero, and the point reports its score before and after (the baselines always fine-tune: with
 *     these settings, or {@link FineTuning#defaultFor} when absent)
 * @param pruneRatios shares of filters the magnitude and slimming baselines remove, one point each
 * @param slimmingLambda network slimming's L1 strength on batch-norm scales
 * @param l21Lambdas the L21 baseline's own lambdas, ascending; empty: it uses {@code lambdas}. Its scale
 *     differs from D-Gating's (its proximal step is {@code lr * lambda}, while momentum SGD's gradient
 *     steps on the gate factors are about {@code lr / (1 - momentum)} times the gradient), so a shared
 *     grid rarely suits both.
 */
public record PathSpec(
        List<Integer> depths,
        double[] lambdas,
        boolean warmStart,
        int parallelism,
        List<PathMethod> methods,
        Optional<FineTuning> fineTuning,
        double[] pruneRatios,
        double slimmingLambda,
        double[] l21Lambdas)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Default prune ratios of the baselines. */
    public static final double[] DEFAULT_PRUNE_RATIOS = {0.3, 0.5, 0.7, 0.8, 0.9};

    /** Default slimming strength: the network-slimming paper's 1e-4. */
    public static final double DEFAULT_SLIMMING_LAMBDA = 1e-4;

    /**
     * A path with the baselines' default prune ratios and slimming strength.
     *
     * @param depths the D values
     * @param lambdas lambda values
     * @param warmStart warm starts along each D
     * @param parallelism trainings at once
     * @param methods the methods
     * @param fineTuning fine-tuning of every selected model, or empty
     */
    public PathSpec(
            List<Integer> depths,
            double[] lambdas,
            boolean warmStart,
            int parallelism,
            List<PathMethod> methods,
            Optional<FineTuning> fineTuning) {
        this(
                depths,
                lambdas,
                warmStart,
                parallelism,
                methods,
                fineTuning,
                DEFAULT_PRUNE_RATIOS,
                DEFAULT_SLIMMING_LAMBDA,
                new double[0]);
    }

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

    /**
     * Validates and sorts the lambdas.
     *
     * @param depths the D values, one curve each
     * @param lambdas lambda values, ascending
     * @param warmStart start each lambda from the previous (smaller) lambda's parameters of the same D
     * @param parallelism trainings at once (1 = sequential)
     * @param methods D-Gating (one curve per D) and/or the directly solved group lasso (one curve)
     * @param fineTuning when present, every selected model is fine-tuned with its removed groups frozen at
     *     zero, and the point reports its score before and after (the baselines always fine-tune: with
     *     these settings, or {@link FineTuning#defaultFor} when absent)
     * @param pruneRatios shares of filters the magnitude and slimming baselines remove, one point each
     * @param slimmingLambda network slimming's L1 strength on batch-norm scales
     * @param l21Lambdas the L21 baseline's own lambdas, ascending; empty: it uses {@code lambdas}. Its scale
     *     differs from D-Gating's (its proximal step is {@code lr * lambda}, while momentum SGD's gradient
     *     steps on the gate factors are about {@code lr / (1 - momentum)} times the gradient), so a shared
     *     grid rarely suits both.
     */
    public PathSpec {
        depths = List.copyOf(depths);
        methods = List.copyOf(new LinkedHashSet<>(methods));
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
        pruneRatios = pruneRatios.clone();
        Arrays.sort(pruneRatios);
        if (pruneRatios.length == 0 || pruneRatios[0] < 0 || pruneRatios[pruneRatios.length - 1] >= 1) {
            throw new IllegalArgumentException(
                    "prune ratios must be in [0, 1) and at least one, got " + Arrays.toString(pruneRatios));
        }
        if (!(slimmingLambda >= 0) || Double.isInfinite(slimmingLambda)) {
            throw new IllegalArgumentException("slimming lambda must be a finite number >= 0, got " + slimmingLambda);
        }
        l21Lambdas = l21Lambdas.clone();
        Arrays.sort(l21Lambdas);
        if (l21Lambdas.length > 0 && !(l21Lambdas[0] >= 0)) {
            throw new IllegalArgumentException("L21 lambdas must be >= 0, got " + Arrays.toString(l21Lambdas));
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be >= 1, got " + parallelism);
        }
    }

    /** {@return a copy of the lambdas} */
    @Override
    public double[] lambdas() {
        return lambdas.clone();
    }

    /** {@return a copy of the L21 baseline's own lambdas (empty: it uses {@link #lambdas()})} */
    @Override
    public double[] l21Lambdas() {
        return l21Lambdas.clone();
    }

    /**
     * Returns the lambdas a method trains at.
     *
     * @param method a method with a lambda grid (not a prune-ratio baseline)
     * @return the L21 grid for {@link PathMethod#L21} when one was given, else the lambdas
     */
    public double[] lambdasOf(PathMethod method) {
        return method == PathMethod.L21 && l21Lambdas.length > 0 ? l21Lambdas() : lambdas();
    }

    /** {@return a copy of the prune ratios, ascending} */
    @Override
    public double[] pruneRatios() {
        return pruneRatios.clone();
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
            return Arrays.stream(spec.split(","))
                    .mapToDouble(s -> Double.parseDouble(s.trim()))
                    .toArray();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("lambdas '" + spec + "': " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("lambdas '" + spec + "': " + e.getMessage(), e);
        }
    }

    /** Serialised as a {@link Form}: the fine-tuning is optional, and {@link Optional} is not serializable. */
    private Object writeReplace() {
        return new Form(
                depths,
                lambdas,
                warmStart,
                parallelism,
                methods,
                fineTuning.orElse(null),
                pruneRatios,
                slimmingLambda,
                l21Lambdas);
    }

    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("a path spec is read through its serialised form");
    }

    /** The serialised form of a {@link PathSpec}. */
    private record Form(
            List<Integer> depths,
            double[] lambdas,
            boolean warmStart,
            int parallelism,
            List<PathMethod> methods,
            FineTuning fineTuning,
            double[] pruneRatios,
            double slimmingLambda,
            double[] l21Lambdas)
            implements Serializable {

        private static final long serialVersionUID = 1L;

        private Object readResolve() {
            return new PathSpec(
                    depths,
                    lambdas,
                    warmStart,
                    parallelism,
                    methods,
                    Optional.ofNullable(fineTuning),
                    pruneRatios,
                    slimmingLambda,
                    l21Lambdas);
        }
    }
}
