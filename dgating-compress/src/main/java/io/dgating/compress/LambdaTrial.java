package io.dgating.compress;

/**
 * One training of a lambda search.
 *
 * @param lambda the lambda trained with
 * @param kept groups kept (norm at least eps)
 * @param groups groups in all
 * @param met whether the sparsity target was met
 */
public record LambdaTrial(double lambda, int kept, int groups, boolean met) {}
