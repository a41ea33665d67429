/**
 * From a training result to a compact ONNX model: {@link io.dgating.export.OnnxExporter}
 * collapses the gates, plans over the whole graph what the compact model computes (package
 * {@code plan}, asking the per-kind rules of package {@code kinds}), writes the graph through the
 * validating builder of package {@code onnx}, and returns an {@link io.dgating.export.ExportedModel}
 * that writes itself atomically, with its {@link io.dgating.export.PruningReport}.
 */
package io.dgating.export;
