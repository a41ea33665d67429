package io.dgating.eval.path;

import java.util.Map;

/**
 * One trained model on the path.
 *
 * @param method how the model was found
 * @param depth D (2 for the group lasso)
 * @param lambda penalty strength
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
 */
public record PathPoint(PathMethod method, int depth, double lambda, Map<String, Integer> groupsKept,
        Map<String, Integer> groupsTotal, int featuresKept, double parameterShare, double theoreticalSpeedup,
        double validationScore, double testScore, double testScoreBeforeFineTuning, long denseBytes, long compactBytes,
        double seconds) {

    /** Copies the maps (sorted by layer name). */
    public PathPoint {
        groupsKept = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(groupsKept));
        groupsTotal = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(groupsTotal));
    }

    /**
     * Returns the name of the curve this point is on.
     *
     * @return {@code D = 3}, or {@code group lasso}
     */
    public String curve() {
        return method == PathMethod.GROUP_LASSO ? "group lasso" : "D = " + depth;
    }

    /** Returns the share of groups kept over all gated layers. */
    public double groupShare() {
        int kept = groupsKept.values().stream().mapToInt(Integer::intValue).sum();
        int total = groupsTotal.values().stream().mapToInt(Integer::intValue).sum();
        return total == 0 ? 1.0 : (double) kept / total;
    }
}
