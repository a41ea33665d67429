package io.dgating.api.train;

import io.dgating.api.ParameterSet;

/**
 * The proximal step of a non-smooth penalty, applied to the parameters after every optimizer
 * step (proximal gradient descent): baselines such as the group lasso trained directly with
 * soft-thresholding, or network slimming's L1 on batch-norm scales, use it to reach exact zeros
 * that a plain subgradient step only approaches.
 */
@FunctionalInterface
public interface Proximal {

    /**
     * Returns the parameters after the proximal step.
     *
     * @param params the parameters after the optimizer step (gated form)
     * @param learningRate the step's learning rate
     * @return the new parameters (the same names and shapes)
     */
    ParameterSet apply(ParameterSet params, double learningRate);
}
