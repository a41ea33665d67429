/**
 * One export rule per layer kind, the only place in the exporter that knows a kind: how it moves
 * constant channels, which input channels it reads, what it keeps, its multiply-adds and
 * parameters, its report line and its ONNX nodes. {@link io.dgating.export.kinds.ExportKinds} is
 * the registry, a {@link io.dgating.api.model.LayerVisitor}, so a kind without a rule does not compile.
 */
package io.dgating.export.kinds;
