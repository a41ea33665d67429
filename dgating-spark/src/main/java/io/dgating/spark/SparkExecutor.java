package io.dgating.spark;

import io.dgating.eval.distributed.DistributedExecutor;
import io.dgating.eval.distributed.DistributedJob;
import java.io.Serializable;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Runs an experiment's units as Spark tasks: one partition per unit (a path's chain keeps its warm
 * starts in order inside one task while the chains run in parallel), and the results come back to
 * the driver in unit order. Spark keeps one result per partition (the first attempt that succeeds),
 * so a task lost with its executor, retried, or run speculatively twice gives its result exactly
 * once; every training is seeded, so an attempt's result is the same bits as any other's.
 */
public final class SparkExecutor implements DistributedExecutor {

    private final JavaSparkContext context;

    /**
     * Starts a Spark context.
     *
     * @param conf the configuration, with master and application name set
     */
    SparkExecutor(SparkConf conf) {
        this.context = new JavaSparkContext(conf);
    }

    @Override
    public <U extends Serializable, R extends Serializable> List<R> runAll(DistributedJob<U, R> job, List<U> units) {
        if (units.isEmpty()) {
            return List.of();
        }
        context.setJobDescription("dgating: " + units.size() + " units");
        return context.parallelize(units, units.size())
                .map(unit -> job.run(unit, TaskContext.get().cpus()))
                .collect();
    }

    @Override
    public String describe() {
        return "Spark " + context.version() + " on " + context.master() + " (" + context.defaultParallelism()
                + " task slots)";
    }

    /**
     * Returns one Spark setting in effect.
     *
     * @param key the setting
     * @return its value, or null when unset
     */
    String setting(String key) {
        return context.getConf().get(key, null);
    }

    @Override
    public void close() {
        context.close();
    }
}
