package io.dgating.experiments.path;

import java.io.Serializable;
import java.util.List;

/**
 * What one chain produced: its points in chain order and, when the path benchmarks, each point's
 * dense and compact ONNX models (measured later, one at a time, where the path is gathered).
 *
 * @param chain the chain
 * @param points one point per value of the chain, in its order
 * @param models per point {@code {dense, compact}} ONNX bytes, or empty when the path does not benchmark
 * @serial exclude (sent between JVMs of one version only, e.g. from cluster tasks to the driver)
 */
public record ChainResult(PathChain chain, List<PathPoint> points, List<byte[][]> models) implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * Copies the lists.
     *
     * @param chain the chain
     * @param points one point per value of the chain, in its order
     * @param models per point {@code {dense, compact}} ONNX bytes, or empty when the path does not benchmark
     * @throws IllegalArgumentException if the counts do not match the chain
     */
    public ChainResult {
        points = List.copyOf(points);
        models = List.copyOf(models);
        if (points.size() != chain.values().size() || !(models.isEmpty() || models.size() == points.size())) {
            throw new IllegalArgumentException(
                    "chain " + chain.key() + " has " + chain.values().size() + " values but " + points.size()
                            + " points and " + models.size() + " models");
        }
    }
}
