/** ONNX Runtime sessions with execution-provider choice (CUDA when present, CPU otherwise) and fallback. */
package io.dgating.eval.ort;
