package io.dgating.spark;

import io.dgating.experiments.distributed.DistributedExecutor;
import io.dgating.experiments.distributed.DistributedExecutorProvider;
import io.dgating.experiments.distributed.DistributedJob;
import java.io.File;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.SparkConf;

/**
 * {@code --spark MASTER}: a {@link SparkExecutor} whose executors run as dgating's own JVMs do
 * (SIMD kernel module, no DJL download or telemetry), and, on a cluster, receive dgating's jars.
 */
public final class SparkExecutorProvider implements DistributedExecutorProvider {

    /**
     * System property with the comma-separated jars a cluster's executors need besides Spark
     * (./dgating sets it to the module's {@code target/lib}); without it, the jars dgating's
     * classes were loaded from.
     */
    public static final String JARS_PROPERTY = "dgating.spark.jars";

    private static final String EXECUTOR_OPTIONS = "spark.executor.extraJavaOptions";

    /** The SIMD kernel (so executors compute the driver's bits) and no DJL download or telemetry. */
    private static final String DEFAULT_EXECUTOR_OPTIONS =
            "--add-modules jdk.incubator.vector -Dai.djl.offline=true -Djava.awt.headless=true";

    /** Creates the provider (found through {@link java.util.ServiceLoader}). */
    public SparkExecutorProvider() {
        // no state
    }

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public DistributedExecutor open(String master, Map<String, String> settings) {
        return new SparkExecutor(configuration(master, settings));
    }

    /**
     * Builds the configuration: dgating's defaults, then the user's settings, which win.
     *
     * @param master the Spark master
     * @param settings Spark settings given by the user
     * @return the configuration
     * @throws IllegalArgumentException if the master is blank
     */
    static SparkConf configuration(String master, Map<String, String> settings) {
        if (master == null || master.isBlank()) {
            throw new IllegalArgumentException("--spark needs a master such as local[2] or spark://host:7077");
        }
        SparkConf conf = new SparkConf(false)
                .setMaster(master)
                .setAppName("dgating path")
                .set(EXECUTOR_OPTIONS, DEFAULT_EXECUTOR_OPTIONS)
                .setExecutorEnv("OPT_OUT_TRACKING", "true")
                // a path is a batch job; the web UI would only claim a port
                .set("spark.ui.enabled", "false");
        if (!master.startsWith("local")) {
            jars().ifPresent(j -> conf.set("spark.jars", j));
        }
        settings.forEach(conf::set);
        if (settings.containsKey(EXECUTOR_OPTIONS)) {
            // the user's flags come after dgating's, so theirs win where both set the same thing
            conf.set(EXECUTOR_OPTIONS, DEFAULT_EXECUTOR_OPTIONS + " " + settings.get(EXECUTOR_OPTIONS));
        }
        return conf;
    }

    private static Optional<String> jars() {
        String given = System.getProperty(JARS_PROPERTY);
        if (given != null && !given.isBlank()) {
            return Optional.of(given);
        }
        StringBuilder jars = new StringBuilder();
        for (Class<?> c : new Class<?>[] {SparkExecutorProvider.class, DistributedJob.class}) {
            try {
                File f = new File(
                        c.getProtectionDomain().getCodeSource().getLocation().toURI());
                if (f.isFile() && f.getName().endsWith(".jar")) {
                    jars.append(jars.length() == 0 ? "" : ",").append(f.getAbsolutePath());
                }
            } catch (URISyntaxException | SecurityException | NullPointerException e) {
                // no code source to ship: the cluster must have dgating's jars already
            }
        }
        return jars.length() == 0 ? Optional.empty() : Optional.of(jars.toString());
    }
}
