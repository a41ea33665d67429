/**
 * Model descriptions: which layers, in which order, with which output head.
 *
 * <p>A {@link io.dgating.api.model.ModelSpec} is a list of named layers. Today a layer reads
 * the output of the layer before it; the layer kinds planned next (conv2d, batch norm,
 * pooling, residual add, layer norm, multi-head attention) join
 * {@link io.dgating.api.model.LayerSpec} as further records, and the ones that read several
 * tensors (residual add) name their inputs by layer name, which is why every layer has a
 * unique name. Engines reject kinds they do not implement with a clear message.
 */
package io.dgating.api.model;
