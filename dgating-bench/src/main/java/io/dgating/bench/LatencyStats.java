package io.dgating.bench;

import java.util.Arrays;

/**
 * Latency of one model at one batch size, from per-call timings.
 *
 * @param batch rows per call
 * @param threads intra-op threads
 * @param calls timed calls
 * @param medianMs median latency
 * @param p90Ms 90th percentile
 * @param p99Ms 99th percentile
 * @param meanMs mean
 */
public record LatencyStats(
        int batch, int threads, int calls, double medianMs, double p90Ms, double p99Ms, double meanMs) {

    /**
     * Summarises timings in nanoseconds (nearest-rank percentiles).
     *
     * @param batch rows per call
     * @param threads intra-op threads
     * @param nanos one timing per call
     * @return the statistics
     */
    public static LatencyStats of(int batch, int threads, long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        double mean = Arrays.stream(s).average().orElse(Double.NaN) / 1e6;
        return new LatencyStats(
                batch, threads, s.length, percentile(s, 0.5), percentile(s, 0.9), percentile(s, 0.99), mean);
    }

    /** Nearest-rank percentile in milliseconds. */
    static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }

    /** {@return rows per second at the median latency} */
    public double throughput() {
        return batch / (medianMs / 1e3);
    }
}
