/**
 * Dense ONNX export of graph-shaped models: one {@link io.dgating.export.graph.NodeWriter} per
 * layer kind writes that kind's inference nodes (batch norm folded into the convolution before
 * it), and {@link io.dgating.export.graph.TrunkWriter} walks the graph's edges. The final chain of
 * dense layers (the part D-Gating prunes today) is planned by {@code io.dgating.export.prune}.
 */
package io.dgating.export.graph;
