package io.dgating.cli.command;

import io.dgating.eval.distributed.DistributedExecutor;
import io.dgating.eval.distributed.DistributedExecutorProvider;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import picocli.CommandLine.Option;

/** {@code --spark [MASTER]} and {@code --spark-conf KEY=VALUE}: run an experiment's units as tasks of Apache Spark. */
final class SparkOptions {

    /** The provider's name in the optional dgating-spark module. */
    static final String PROVIDER = "spark";

    @Option(
            names = "--spark",
            arity = "0..1",
            fallbackValue = "local[*]",
            paramLabel = "MASTER",
            description = "Run the trainings as Apache Spark tasks, one task per independent unit (a path's chain: "
                    + "a warm-started D or one training; a simulation's seed and lambda): local[N] in this JVM, spark://HOST:7077 for a standalone cluster, or any master "
                    + "Spark accepts. Without a value: local[*]. Needs the dgating-spark module (./dgating adds it "
                    + "when it sees this option).")
    String master;

    @Option(
            names = "--spark-conf",
            paramLabel = "KEY=VALUE",
            description = "A Spark setting passed through unchanged, e.g. spark.executor.memory=4g; repeatable.")
    Map<String, String> conf = new LinkedHashMap<>();

    /**
     * Names what trained on a distributed run, for reports.
     *
     * @param engine the engine's name
     * @param executor where the units ran
     * @return e.g. {@code cpu on every task, Spark 4.0.1 on local[2] (2 task slots)}
     */
    static String engineOnTasks(String engine, DistributedExecutor executor) {
        return engine + " on every task, " + executor.describe();
    }

    /**
     * Connects to Spark when {@code --spark} was given.
     *
     * @return the executor, or empty to run in this JVM
     * @throws IllegalArgumentException if Spark settings were given without {@code --spark}, or the
     *     dgating-spark module is not on the class path
     */
    Optional<DistributedExecutor> open() {
        if (master == null) {
            if (!conf.isEmpty()) {
                throw new IllegalArgumentException(
                        "--spark-conf " + conf.keySet().iterator().next()
                                + " was given without --spark; add --spark MASTER to run on Spark");
            }
            return Optional.empty();
        }
        for (DistributedExecutorProvider p : ServiceLoader.load(DistributedExecutorProvider.class)) {
            if (p.name().equals(PROVIDER)) {
                return Optional.of(p.open(master, conf));
            }
        }
        throw new IllegalArgumentException("--spark needs the dgating-spark module and Spark's jars on the class "
                + "path, which this build of the command does not have; run it through ./dgating from the source "
                + "tree (it adds them for --spark), or add dgating-spark to your project");
    }
}
