/**
 * Running an experiment's independent units elsewhere: the roles a cluster module (dgating-spark)
 * implements, and that paths and the simulation use.
 *
 * @serial exclude
 */
package io.dgating.experiments.distributed;
