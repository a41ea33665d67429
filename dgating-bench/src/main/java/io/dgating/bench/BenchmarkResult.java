package io.dgating.bench;

import io.dgating.runtime.Provider;
import java.util.List;

/**
 * Dense versus compact: static costs, latencies per batch size, and the measured against the
 * theoretical speed-up.
 *
 * @param provider the execution provider that ran both models
 * @param dense static cost of the dense model
 * @param compact static cost of the compact model
 * @param rows per batch size: the two latencies
 */
public record BenchmarkResult(Provider provider, GraphStats dense, GraphStats compact, List<Row> rows) {

    /**
     * Copies the list.
     *
     * @param provider the execution provider that ran both models
     * @param dense static cost of the dense model
     * @param compact static cost of the compact model
     * @param rows per batch size: the two latencies
     */
    public BenchmarkResult {
        rows = List.copyOf(rows);
    }

    /**
     * One batch size.
     *
     * @param dense dense latency
     * @param compact compact latency
     */
    public record Row(LatencyStats dense, LatencyStats compact) {
        /** {@return median(dense) / median(compact)} */
        public double measuredSpeedup() {
            return dense.medianMs() / compact.medianMs();
        }
    }

    /** {@return FLOPs(dense) / FLOPs(compact), counted from the graphs} */
    public double theoreticalSpeedup() {
        return compact.macsPerRow() == 0
                ? Double.POSITIVE_INFINITY
                : (double) dense.macsPerRow() / compact.macsPerRow();
    }

    /** {@return parameters(dense) / parameters(compact)} */
    public double parameterRatio() {
        return compact.parameters() == 0
                ? Double.POSITIVE_INFINITY
                : (double) dense.parameters() / compact.parameters();
    }

    /** {@return bytes(dense) / bytes(compact)} */
    public double fileSizeRatio() {
        return (double) dense.bytes() / compact.bytes();
    }
}
