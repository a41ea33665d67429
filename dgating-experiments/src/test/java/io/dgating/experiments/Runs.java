package io.dgating.experiments;

import io.dgating.api.engine.EngineConfig;
import io.dgating.api.engine.EngineRegistry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Runs experiments in tests: in this JVM through the runner, and as a cluster would. */
public final class Runs {

    private Runs() {}

    /**
     * Runs an experiment in this JVM on the CPU engine.
     *
     * @param e the experiment
     * @param threads the engine's threads
     * @param parallelism units at a time
     * @param <U> a unit
     * @param <R> a unit's result
     * @param <O> the outcome
     * @return the outcome
     */
    public static <U extends Serializable, R extends Serializable, O> O local(
            Experiment<U, R, O> e, int threads, int parallelism) {
        return ExperimentRunner.local(
                        EngineRegistry.fromServiceLoader(), "cpu", new EngineConfig(threads, "cpu"), parallelism)
                .run(e, r -> {});
    }

    /**
     * Runs an experiment as a cluster does: the job and every unit serialised and read back (so they
     * carry nothing but settings), each unit on an engine of its own with one thread, last unit first,
     * the first one attempted twice (a lost task run again), every result serialised back; the driver
     * gathers them in unit order.
     *
     * @param e the experiment
     * @param <U> a unit
     * @param <R> a unit's result
     * @param <O> the outcome
     * @return the outcome
     */
    @SuppressWarnings("unchecked")
    public static <U extends Serializable, R extends Serializable, O> O asOnACluster(Experiment<U, R, O> e) {
        ExperimentJob<U, R> job = (ExperimentJob<U, R>) copy(new ExperimentJob<>(e, "cpu", EngineConfig.defaults()));
        List<U> units = e.units();
        List<R> results = new ArrayList<>(Collections.nCopies(units.size(), null));
        for (int i = units.size() - 1; i >= 0; i--) {
            for (int attempt = 0; attempt < (i == 0 ? 2 : 1); attempt++) {
                results.set(i, (R) copy(job.run((U) copy(units.get(i)), 1)));
            }
        }
        return e.gather(results);
    }

    private static Object copy(Serializable value) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(value);
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                return in.readObject();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "not serializable: " + value.getClass().getName(), e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
