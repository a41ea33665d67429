package io.dgating.compress;

import io.dgating.api.gating.GateFactorization;
import java.util.Objects;

/**
 * How a model imported from ONNX is compressed, beyond {@link CompressionOptions}.
 *
 * @param start how its weights are shared among each group's factors (both are the original function)
 * @param distillWeight the original's share of every training target (0: labels only); the original's
 *     probabilities on the training rows, from ONNX Runtime, are mixed into the labels in D-Gating
 *     training and in fine-tuning
 */
public record ImportOptions(GateFactorization.Start start, double distillWeight) {

    /**
     * Validates.
     *
     * @param start how its weights are shared among each group's factors (both are the original function)
     * @param distillWeight the original's share of every training target (0: labels only); the original's
     *     probabilities on the training rows, from ONNX Runtime, are mixed into the labels in D-Gating
     *     training and in fine-tuning
     * @throws IllegalArgumentException if the weight is outside [0, 1]
     */
    public ImportOptions {
        Objects.requireNonNull(start, "start");
        if (!(distillWeight >= 0 && distillWeight <= 1)) {
            throw new IllegalArgumentException("--distill-weight must be in [0, 1], got " + distillWeight);
        }
    }

    /** {@return the defaults: balanced start, no distillation} */
    public static ImportOptions defaults() {
        return new ImportOptions(GateFactorization.Start.BALANCED, 0);
    }
}
