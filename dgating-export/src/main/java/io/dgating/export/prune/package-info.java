/**
 * Plans the removal of zero groups on the engine-neutral model description. A
 * {@link io.dgating.export.prune.Signal} describes, for every channel flowing between two
 * layers, whether the compact model still carries it, or whether it is a known constant (a
 * removed neuron still emits {@code activation(bias)}). Each layer kind has a
 * {@link io.dgating.export.prune.PruningRule}: a forward pass folds constants into consumers
 * and decides what each layer keeps, a backward pass drops what no consumer reads. New layer
 * kinds (conv filters, batch norm, residual add with coupled channels, attention heads) plug
 * in as new rules.
 */
package io.dgating.export.prune;
