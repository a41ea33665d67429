/**
 * Direct solvers of penalised problems, used as baselines and as independent references for
 * D-Gating: the group lasso (the D = 2 case) by accelerated proximal gradient descent.
 *
 * @serial exclude
 */
package io.dgating.experiments.baseline;
