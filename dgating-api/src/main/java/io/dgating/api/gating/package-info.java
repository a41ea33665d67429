/**
 * D-Gating: which groups of which layer are gated, with which depth D, strength lambda
 * and zero threshold eps, and the engine-neutral math around it (group layout, the
 * penalty identity, collapsing gates into weights, per-group reports).
 *
 * <p>A gated group {@code j} is written {@code w_j = omega_j * gamma_j1 * ... * gamma_j(D-1)}
 * and its factors are trained with plain weight decay {@code lambda / D}; that smooth
 * problem has the same local minima as {@code lambda * sum_j ||w_j||^(2/D)}.
 *
 * <p>Value types here are {@code Serializable} only so that a distributed executor can ship an
 * experiment's units; their serialized form is no published format (result files are).
 *
 * @serial exclude
 */
package io.dgating.api.gating;
