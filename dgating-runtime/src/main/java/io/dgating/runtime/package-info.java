/**
 * What a JVM service needs to run a model dgating exported, and nothing of the training stack:
 * ONNX Runtime sessions with provider choice and fallback ({@link io.dgating.runtime.OrtModel},
 * {@link io.dgating.runtime.Provider}, one environment per process in
 * {@link io.dgating.runtime.OrtRuntime}), calls that reuse their buffers
 * ({@link io.dgating.runtime.PreparedCall}), the thread-safe
 * {@link io.dgating.runtime.CompactPredictor}, the contract of an exported model's metadata
 * ({@link io.dgating.runtime.ExportMetadata}) and sampling text from an exported language model
 * ({@link io.dgating.runtime.TextGenerator}).
 */
package io.dgating.runtime;
