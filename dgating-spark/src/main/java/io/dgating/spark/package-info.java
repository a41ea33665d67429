/**
 * Apache Spark as a {@link io.dgating.experiments.distributed.DistributedExecutor}: {@code dgating path --spark MASTER}
 * runs each chain of a path as one Spark task, {@code dgating reproduce simulation --spark MASTER} each
 * seed and lambda of the simulation. Optional: nothing else depends on this module.
 */
package io.dgating.spark;
