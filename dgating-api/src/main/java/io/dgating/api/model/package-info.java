/**
 * Model descriptions: which layers, wired how, with which output head.
 *
 * <p>A {@link io.dgating.api.model.ModelSpec} is a graph of named layers; a layer reads the
 * layer before it unless the model wires it to others by name (a residual {@code Add} names the
 * layers it joins, which is why every name is unique). Each layer kind is a record that
 * {@link io.dgating.api.model.LayerSpec} permits, with one {@link io.dgating.api.model.LayerKind}
 * constant, a {@link io.dgating.api.model.ChannelFlow} that says how it treats channels, and the
 * typed parameter references it owns. Every module that handles layers registers each kind once,
 * through a {@link io.dgating.api.model.LayerVisitor}, so the compiler finds a kind a module lacks.
 *
 * <p>Value types here are {@code Serializable} only so that a distributed executor can ship an
 * experiment's units; their serialized form is no published format (result files are).
 *
 * @serial exclude
 */
package io.dgating.api.model;
