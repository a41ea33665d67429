/**
 * A small fluent builder over the generated ONNX protobuf classes ({@code ai.onnx.proto.OnnxMl},
 * shipped by {@code org.tribuo:tribuo-util-onnx}): {@link io.dgating.export.onnx.OnnxGraph}
 * creates inputs, initializers and nodes, {@link io.dgating.export.onnx.ValueRef} chains
 * operators, {@link io.dgating.export.onnx.Op} validates arity and attributes per operator,
 * {@link io.dgating.export.onnx.OnnxModelWriter} sets the model header. No caller assembles
 * protobuf messages by hand.
 */
package io.dgating.export.onnx;
