package io.dgating.spark;

import io.dgating.experiments.distributed.DistributedExecutor;
import io.dgating.experiments.distributed.DistributedJob;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.apache.spark.SparkConf;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Runs an experiment's units as Spark tasks: one single-task job per unit (a path's chain keeps its
 * warm starts in order inside one task while the chains run in parallel), all submitted at once and
 * gathered as they finish. Spark keeps one result per task (the first attempt that succeeds), so a
 * task lost with its executor, retried, or run speculatively twice gives its result exactly once;
 * every training is seeded, so an attempt's result is the same bits as any other's.
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
    public <U extends Serializable, R extends Serializable> List<R> runAll(
            DistributedJob<U, R> job, List<U> units, Consumer<R> finished) {
        // one asynchronous job per unit: Spark schedules them side by side as task slots free up, and
        // each result reaches the caller when its job ends, not only when the last one does
        List<JavaFutureAction<List<R>>> jobs = new ArrayList<>();
        for (int i = 0; i < units.size(); i++) {
            context.setJobDescription("dgating unit " + (i + 1) + " of " + units.size() + ": " + units.get(i));
            jobs.add(context.parallelize(List.of(units.get(i)), 1)
                    .map(unit -> job.run(unit, TaskContext.get().cpus()))
                    .collectAsync());
        }
        List<R> results = new ArrayList<>(Collections.nCopies(units.size(), null));
        try {
            for (int done = 0; done < units.size(); done++) {
                int next = -1;
                while (next < 0) {
                    for (int i = 0; i < jobs.size() && next < 0; i++) {
                        if (results.get(i) == null && jobs.get(i).isDone()) {
                            next = i;
                        }
                    }
                    if (next < 0) {
                        Thread.sleep(20);
                    }
                }
                R r = jobs.get(next).get().get(0);
                results.set(next, r);
                finished.accept(r);
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while Spark ran the units", e);
        } catch (ExecutionException e) {
            jobs.forEach(j -> j.cancel(true));
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("a unit failed on Spark: " + e.getCause(), e.getCause());
        }
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
