/**
 * Dense-versus-compact benchmarks: {@link io.dgating.bench.GraphStats} counts
 * multiply-adds and parameters from a graph, {@link io.dgating.bench.LatencyBenchmark}
 * times both models interleaved, {@link io.dgating.bench.AccuracyComparison} scores both
 * on a test split through ONNX Runtime.
 */
package io.dgating.bench;
