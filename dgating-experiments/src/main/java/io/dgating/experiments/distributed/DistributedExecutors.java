package io.dgating.experiments.distributed;

import java.util.Map;
import java.util.ServiceLoader;

/** Finds the cluster modules on the class path by name. */
public final class DistributedExecutors {

    private DistributedExecutors() {}

    /**
     * Connects to a cluster through the provider of that name.
     *
     * @param provider the provider's name ({@code spark} in the dgating-spark module)
     * @param master where to run (for Spark: {@code local[N]}, {@code spark://HOST:7077}, ...)
     * @param conf settings passed to the cluster unchanged
     * @return the executor, to be closed by the caller
     * @throws IllegalArgumentException if no provider of that name is on the class path
     */
    public static DistributedExecutor open(String provider, String master, Map<String, String> conf) {
        for (DistributedExecutorProvider p : ServiceLoader.load(DistributedExecutorProvider.class)) {
            if (p.name().equals(provider)) {
                return p.open(master, conf);
            }
        }
        throw new IllegalArgumentException("no '" + provider + "' executor on the class path: it needs the dgating-"
                + provider + " module and its cluster's jars (./dgating adds them for --" + provider
                + "; a project adds io.dgating:dgating-" + provider + ")");
    }
}
