/**
 * The paper's sparse regression simulation: group-sparse linear problems with known support, fitted
 * by D-Gating at several depths and by the group lasso solver, scored on support recovery and
 * estimation error over a grid of (seed, lambda) units.
 *
 * @serial exclude
 */
package io.dgating.experiments.simulation;
