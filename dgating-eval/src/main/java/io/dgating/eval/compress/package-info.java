/**
 * The one-call facade for JVM services: {@link io.dgating.eval.compress.Compressor} trains,
 * exports, verifies in ONNX Runtime and benchmarks; {@link io.dgating.eval.compress.CompactPredictor}
 * serves the compact model to callers that keep sending all original features.
 */
package io.dgating.eval.compress;
