/**
 * Dense-versus-compact benchmarks: {@link io.dgating.eval.bench.GraphStats} counts
 * multiply-adds and parameters from a graph, {@link io.dgating.eval.bench.LatencyBenchmark}
 * times both models interleaved, {@link io.dgating.eval.bench.AccuracyComparison} scores both
 * on a test split through ONNX Runtime.
 */
package io.dgating.eval.bench;
