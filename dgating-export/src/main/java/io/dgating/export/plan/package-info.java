/**
 * Plans and writes the compact model over the whole graph, without knowing any layer kind: the
 * {@link io.dgating.export.plan.Planner} asks each layer's {@link io.dgating.export.plan.LayerRule}
 * which channels are a known constant ({@link io.dgating.export.plan.Signal}, forward) and which
 * input channels it reads (backward, for mixing kinds; the others' follow from their
 * {@link io.dgating.api.model.ChannelFlow}), keeps one channel set per group of coupled layers, and
 * the {@link io.dgating.export.plan.GraphWriter} has each rule write its layer's nodes.
 */
package io.dgating.export.plan;
