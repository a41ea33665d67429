package io.dgating.engine.cpu.kernel;

/**
 * Times a kernel's register-only multiply-add burst for {@link TileKernel#peakFlopsPerSecond}:
 * the same warm-up and timing loop for every kernel, so their peaks compare.
 */
final class PeakMeter {

    /** One burst of independent multiply-add chains; the result feeds the next burst's seed. */
    @FunctionalInterface
    interface Burst {
        float run(float seed);
    }

    private PeakMeter() {}

    /**
     * Runs bursts for a quarter of {@code nanos} (the JIT compiles the burst as a whole method,
     * not as on-stack-replaced code, which may box vectors), then times them for {@code nanos}.
     *
     * @param nanos how long to time
     * @param burst the burst
     * @param flopsPerBurst floating-point operations of one burst
     * @return operations per second
     */
    static double flopsPerSecond(long nanos, Burst burst, double flopsPerBurst) {
        float sink = 0;
        long warm = System.nanoTime() + nanos / 4;
        while (System.nanoTime() < warm) {
            sink += burst.run(sink);
        }
        long bursts = 0;
        long start = System.nanoTime();
        long end = start + nanos;
        long now;
        do {
            for (int i = 0; i < 64; i++) {
                sink += burst.run(sink);
            }
            bursts += 64;
            now = System.nanoTime();
        } while (now < end);
        // the sum is used, so the work cannot be removed; it is never NaN for the kernels' inputs
        return Float.isNaN(sink) ? 0 : flopsPerBurst * bursts / ((now - start) / 1e9);
    }
}
