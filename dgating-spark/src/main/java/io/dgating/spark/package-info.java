/**
 * Apache Spark as a {@link io.dgating.eval.path.ChainExecutor}: {@code dgating path --spark MASTER}
 * runs each chain of a path as one Spark task. Optional: nothing else depends on this module.
 */
package io.dgating.spark;
