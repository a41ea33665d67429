package io.dgating.experiments.path;

import java.io.Serializable;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One trained model on the path.
 *
 * @param method how the model was found
 * @param depth D (2 for the group lasso)
 * @param lambda penalty strength (D-Gating, group lasso, L21), or the prune ratio (magnitude, slimming)
 * @param groupsKept per gated layer, groups kept
 * @param groupsTotal per gated layer, groups in total
 * @param featuresKept input features the compact model reads
 * @param parameterShare exported parameters / dense parameters
 * @param theoreticalSpeedup multiply-adds(dense) / multiply-adds(compact), counted from the graphs
 * @param validationScore validation accuracy (or RMSE for regression)
 * @param testScore test accuracy (or RMSE), after fine-tuning when the path fine-tunes
 * @param testScoreBeforeFineTuning test score of the selected model before fine-tuning; NaN without it
 * @param denseBytes size of the dense ONNX file
 * @param compactBytes size of the compact ONNX file
 * @param seconds training time
 * @param measuredSpeedup batch size to measured ONNX Runtime speed-up (median latency dense / compact); empty
 *     when the path did not benchmark
 * @param validationLoss the engine's validation loss of the final model (for a language model, nats per character)
 * @serial exclude (sent between JVMs of one version only, e.g. from cluster tasks to the driver)
 */
public record PathPoint(
        PathMethod method,
        int depth,
        double lambda,
        Map<String, Integer> groupsKept,
        Map<String, Integer> groupsTotal,
        int featuresKept,
        double parameterShare,
        double theoreticalSpeedup,
        double validationScore,
        double testScore,
        double testScoreBeforeFineTuning,
        long denseBytes,
        long compactBytes,
        double seconds,
        Map<Integer, Double> measuredSpeedup,
        double validationLoss)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * Copies the maps (sorted by layer name).
     *
     * @param method how the model was found
     * @param depth D (2 for the group lasso)
     * @param lambda penalty strength (D-Gating, group lasso, L21), or the prune ratio (magnitude, slimming)
     * @param groupsKept per gated layer, groups kept
     * @param groupsTotal per gated layer, groups in total
     * @param featuresKept input features the compact model reads
     * @param parameterShare exported parameters / dense parameters
     * @param theoreticalSpeedup multiply-adds(dense) / multiply-adds(compact), counted from the graphs
     * @param validationScore validation accuracy (or RMSE for regression)
     * @param testScore test accuracy (or RMSE), after fine-tuning when the path fine-tunes
     * @param testScoreBeforeFineTuning test score of the selected model before fine-tuning; NaN without it
     * @param denseBytes size of the dense ONNX file
     * @param compactBytes size of the compact ONNX file
     * @param seconds training time
     * @param measuredSpeedup batch size to measured ONNX Runtime speed-up (median latency dense / compact); empty
     *     when the path did not benchmark
     * @param validationLoss the engine's validation loss of the final model (for a language model, nats per character)
     */
    public PathPoint {
        groupsKept = Collections.unmodifiableMap(new TreeMap<>(groupsKept));
        groupsTotal = Collections.unmodifiableMap(new TreeMap<>(groupsTotal));
        measuredSpeedup = Collections.unmodifiableMap(new TreeMap<>(measuredSpeedup));
    }

    /**
     * Returns this point with another training time: the one field in which two runs of a path may
     * differ, which comparisons of runs set to one value.
     *
     * @param s the training time
     * @return the point
     */
    public PathPoint withSeconds(double s) {
        return new PathPoint(
                method,
                depth,
                lambda,
                groupsKept,
                groupsTotal,
                featuresKept,
                parameterShare,
                theoreticalSpeedup,
                validationScore,
                testScore,
                testScoreBeforeFineTuning,
                denseBytes,
                compactBytes,
                s,
                measuredSpeedup,
                validationLoss);
    }

    /**
     * Returns this point with measured ONNX Runtime speed-ups.
     *
     * @param speedups batch size to median latency(dense) / median latency(compact)
     * @return the point
     */
    public PathPoint withMeasuredSpeedup(Map<Integer, Double> speedups) {
        return new PathPoint(
                method,
                depth,
                lambda,
                groupsKept,
                groupsTotal,
                featuresKept,
                parameterShare,
                theoreticalSpeedup,
                validationScore,
                testScore,
                testScoreBeforeFineTuning,
                denseBytes,
                compactBytes,
                seconds,
                speedups,
                validationLoss);
    }

    /**
     * Returns the name of the curve this point is on.
     *
     * @return {@code D = 3}, {@code group lasso}, or a baseline's name
     */
    public String curve() {
        return switch (method) {
            case GROUP_LASSO -> "group lasso";
            case D_GATING -> "D = " + depth;
            case MAGNITUDE -> "magnitude";
            case L21 -> "L21 + magnitude";
            case SLIMMING -> "network slimming";
        };
    }

    /** {@return the share of groups kept over all gated layers} */
    public double groupShare() {
        int kept = groupsKept.values().stream().mapToInt(Integer::intValue).sum();
        int total = groupsTotal.values().stream().mapToInt(Integer::intValue).sum();
        return total == 0 ? 1.0 : (double) kept / total;
    }
}
