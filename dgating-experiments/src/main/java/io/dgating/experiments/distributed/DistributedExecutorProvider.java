package io.dgating.experiments.distributed;

import java.util.Map;

/**
 * Creates a {@link DistributedExecutor}; found through {@link java.util.ServiceLoader}, so that a
 * module with a cluster's dependencies (dgating-spark) is optional: without it, experiments run in
 * this JVM.
 */
public interface DistributedExecutorProvider {

    /** {@return the name the command line selects it by, e.g. {@code spark}} */
    String name();

    /**
     * Connects to where the units will run.
     *
     * @param master where to run, in the provider's own syntax (Spark: {@code local[2]}, {@code spark://host:7077})
     * @param settings further settings passed through unchanged (Spark configuration keys)
     * @return the executor, to be closed by the caller
     * @throws IllegalArgumentException if a setting is malformed
     */
    DistributedExecutor open(String master, Map<String, String> settings);
}
