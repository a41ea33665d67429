/**
 * How to train (optimizer, schedule, epochs, batch, seed), what an engine reports while it
 * trains, and what comes out: a {@link io.dgating.api.train.TrainingResult} with the gated
 * parameters, their collapsed view, per-group norms, the loss curve and split metrics.
 *
 * <p>Value types here are {@code Serializable} only so that a distributed executor can ship an
 * experiment's units; their serialized form is no published format (result files are).
 *
 * @serial exclude
 */
package io.dgating.api.train;
