package io.dgating.engine.djl.internal;

import ai.djl.ndarray.NDArray;

/**
 * One step's objective as a PyTorch graph: the data loss (mean cross-entropy or mean squared
 * error over the batch) and the total that backward differentiates (data loss plus penalty).
 *
 * @param dataLoss the mean data loss, a scalar
 * @param total data loss plus the D-Gating penalty and the weight decay of ungated parameters
 */
record Objective(NDArray dataLoss, NDArray total) {

    /**
     * Runs the forward pass and builds the objective; call inside a gradient collector.
     *
     * @param net the network, in training mode
     * @param xs inputs {@code [b, inputs]}
     * @param ys one-hot targets {@code [b, classes]} or regression targets {@code [b, 1]}
     * @param classification whether the head is softmax cross-entropy
     * @param weightDecay decay of ungated parameters
     * @return the objective, its arrays in the active scope
     */
    static Objective of(DjlNetwork net, NDArray xs, NDArray ys, boolean classification, double weightDecay) {
        NDArray out = net.forward(xs, true);
        NDArray dataLoss = classification
                ? out.logSoftmax(-1)
                        .mul(ys.reshape(out.getShape()))
                        .sum()
                        .neg()
                        .div(Scalars.of(
                                out,
                                out.getShape().size()
                                        / out.getShape().get(out.getShape().dimension() - 1)))
                : out.sub(ys).square().mean();
        NDArray penalty = net.penalty(weightDecay);
        return new Objective(dataLoss, penalty == null ? dataLoss : dataLoss.add(penalty));
    }
}
