package io.dgating.api.train;

import java.io.Serializable;

/** The update rule. Both follow PyTorch's definitions so results compare across engines. */
public sealed interface Optimizer extends Serializable permits Optimizer.Sgd, Optimizer.Adam {

    /**
     * Stochastic gradient descent with heavy-ball momentum:
     * {@code v = mu v + g; p -= lr (nesterov ? g + mu v : v)}.
     *
     * @param momentum mu in {@code [0, 1)}
     * @param nesterov whether to use the Nesterov form
     */
    record Sgd(double momentum, boolean nesterov) implements Optimizer {
        /**
         * Validates the settings.
         *
         * @param momentum mu in {@code [0, 1)}
         * @param nesterov whether to use the Nesterov form
         */
        public Sgd {
            if (!(momentum >= 0 && momentum < 1)) {
                throw new IllegalArgumentException("SGD momentum must be in [0, 1), got " + momentum);
            }
            if (nesterov && momentum == 0) {
                throw new IllegalArgumentException("Nesterov SGD needs momentum > 0");
            }
        }
    }

    /**
     * Adam with bias correction (Kingma and Ba).
     *
     * @param beta1 first-moment decay in {@code [0, 1)}
     * @param beta2 second-moment decay in {@code [0, 1)}
     * @param epsilon denominator guard, {@code > 0}
     */
    record Adam(double beta1, double beta2, double epsilon) implements Optimizer {
        /**
         * Validates the settings.
         *
         * @param beta1 first-moment decay in {@code [0, 1)}
         * @param beta2 second-moment decay in {@code [0, 1)}
         * @param epsilon denominator guard, {@code > 0}
         */
        public Adam {
            if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(epsilon > 0)) {
                throw new IllegalArgumentException("Adam needs beta1, beta2 in [0, 1) and epsilon > 0, got " + beta1
                        + ", " + beta2 + ", " + epsilon);
            }
        }

        /**
         * Returns Adam with the usual defaults (0.9, 0.999, 1e-8).
         *
         * @return the optimizer
         */
        public static Adam defaults() {
            return new Adam(0.9, 0.999, 1e-8);
        }
    }
}
