package io.dgating.api.engine;

import java.io.Serializable;
import java.util.Set;

/**
 * Settings common to engines.
 *
 * @param threads worker threads for kernels; 0 means all available processors
 * @param device {@code auto}, {@code cpu} or {@code gpu}; engines without a GPU accept
 *     {@code auto} and {@code cpu} only
 */
public record EngineConfig(int threads, String device) implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * Validates the settings.
     *
     * @param threads worker threads for kernels; 0 means all available processors
     * @param device {@code auto}, {@code cpu} or {@code gpu}; engines without a GPU accept
     *     {@code auto} and {@code cpu} only
     * @throws IllegalArgumentException if threads is negative or the device unknown
     */
    public EngineConfig {
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0 (0 = all cores), got " + threads);
        }
        if (!Set.of("auto", "cpu", "gpu").contains(device)) {
            throw new IllegalArgumentException("device must be auto, cpu or gpu, got '" + device + "'");
        }
    }

    /**
     * Returns all cores, automatic device.
     *
     * @return the defaults
     */
    public static EngineConfig defaults() {
        return new EngineConfig(0, "auto");
    }

    /** {@return the effective thread count} */
    public int effectiveThreads() {
        return threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
    }

    /**
     * Returns the settings of an engine on a share of the machine: {@code cores} threads, unless a
     * thread count was set explicitly (then that one).
     *
     * @param cores cores it may use (a cluster task's CPUs); 0 or less for all of the machine's
     * @return the settings
     */
    public EngineConfig forCores(int cores) {
        return threads > 0 || cores <= 0 ? this : new EngineConfig(cores, device);
    }

    /**
     * Returns the settings of one engine that {@code workers} trainings use at once: unless a thread
     * count was set, each gets its share of the cores. An engine with all cores under several
     * trainings at once keeps its helper threads spinning against them (an MNIST path with two at a
     * time on two cores ran 1.4x slower with two engine threads than with one).
     *
     * @param workers trainings at once on the engine
     * @return the settings
     */
    public EngineConfig sharedBy(int workers) {
        return workers <= 1 ? this : forCores(Math.max(1, Runtime.getRuntime().availableProcessors() / workers));
    }
}
