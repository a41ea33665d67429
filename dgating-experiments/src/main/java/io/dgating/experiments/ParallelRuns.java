package io.dgating.experiments;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs independent trainings a fixed number at a time and joins their results in submission order. */
public final class ParallelRuns {

    private ParallelRuns() {}

    /**
     * Runs every task and concatenates what they return.
     *
     * @param <T> result type
     * @param parallelism tasks at once
     * @param tasks the tasks; each returns a list
     * @param what what is running, for the interruption message
     * @return all results, in the order of the tasks
     * @throws RuntimeException the first failure of a task, unwrapped
     */
    public static <T> List<T> all(int parallelism, List<Callable<List<T>>> tasks, String what) {
        if (tasks.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, tasks.size()));
        try {
            List<Future<List<T>>> futures = new ArrayList<>();
            for (Callable<List<T>> t : tasks) {
                futures.add(pool.submit(t));
            }
            List<T> out = new ArrayList<>();
            for (Future<List<T>> f : futures) {
                out.addAll(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
