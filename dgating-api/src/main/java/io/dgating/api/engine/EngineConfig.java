package io.dgating.api.engine;

/**
 * Settings common to engines.
 *
 * @param threads worker threads for kernels; 0 means all available processors
 * @param device {@code auto}, {@code cpu} or {@code gpu}; engines without a GPU accept
 *     {@code auto} and {@code cpu} only
 */
public record EngineConfig(int threads, String device) {

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
        if (!java.util.Set.of("auto", "cpu", "gpu").contains(device)) {
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
}
