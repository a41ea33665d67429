/**
 * Experiments: work that splits into independent units (a path's chains, the simulation's fits,
 * feature selection's runs), each a deterministic function of the experiment's resolved settings.
 * {@link io.dgating.experiments.Experiment} names the units, runs one on an engine and gathers the
 * results; {@link io.dgating.experiments.ExperimentRunner} runs the units in this JVM or, through
 * {@link io.dgating.experiments.distributed}, on a cluster, with the same results either way.
 *
 * <p>Experiments and their units are {@code Serializable} so that a distributed executor can ship
 * them; their serialized form is no published format.
 *
 * @serial exclude
 */
package io.dgating.experiments;
