/**
 * From a training result to a compact ONNX model: {@link io.dgating.export.OnnxExporter}
 * collapses the gates, plans the removal of zero groups (package {@code prune}), builds the
 * graph (package {@code onnx}) and returns an {@link io.dgating.export.ExportedModel} that
 * writes itself atomically. Package {@code result} saves and loads training results.
 */
package io.dgating.export;
