/**
 * The one-call facade for JVM services: {@link io.dgating.compress.Compressor} trains,
 * exports, verifies in ONNX Runtime and benchmarks; {@link io.dgating.runtime.CompactPredictor}
 * serves the compact model to callers that keep sending all original features.
 */
package io.dgating.compress;
