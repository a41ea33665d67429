/**
 * Measures what compression bought: ONNX Runtime latency and accuracy of the dense and the
 * compact model ({@code ort}, {@code bench}), the sparsity-accuracy path over a lambda grid
 * ({@code path}), and reports with plots ({@code report}).
 */
package io.dgating.eval;
