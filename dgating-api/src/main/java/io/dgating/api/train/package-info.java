/**
 * How to train (optimizer, schedule, epochs, batch, seed), what an engine reports while it
 * trains, and what comes out: a {@link io.dgating.api.train.TrainingResult} with the gated
 * parameters, their collapsed view, per-group norms, the loss curve and split metrics.
 */
package io.dgating.api.train;
