package io.dgating.spark;

import io.dgating.eval.path.ChainExecutor;
import io.dgating.eval.path.ChainResult;
import io.dgating.eval.path.PathChain;
import io.dgating.eval.path.PathJob;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Runs a path's chains as Spark tasks: one partition per chain, so a chain's warm starts stay in
 * order inside one task while the chains run in parallel, and the results come back to the driver
 * in chain order. Spark keeps one result per partition (the first attempt that succeeds), so a task
 * lost with its executor, retried, or run speculatively twice gives its points exactly once; every
 * training is seeded, so an attempt's points are the same bits as any other's.
 */
public final class SparkChainExecutor implements ChainExecutor {

    private final JavaSparkContext context;

    /**
     * Starts a Spark context.
     *
     * @param conf the configuration, with master and application name set
     */
    SparkChainExecutor(SparkConf conf) {
        this.context = new JavaSparkContext(conf);
    }

    @Override
    public List<ChainResult> runAll(PathJob job, List<PathChain> chains) {
        if (chains.isEmpty()) {
            return List.of();
        }
        context.setJobDescription("dgating path: " + chains.size() + " chains");
        return context.parallelize(chains, chains.size())
                .map(chain -> job.run(chain, TaskContext.get().cpus()))
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
