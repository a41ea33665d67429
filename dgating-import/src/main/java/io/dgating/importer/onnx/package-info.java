/**
 * Reading ONNX graphs: {@link io.dgating.importer.onnx.OnnxGraphReader} (the only protobuf reader)
 * and {@link io.dgating.importer.onnx.GraphTranslator} (nodes to layers).
 */
package io.dgating.importer.onnx;
