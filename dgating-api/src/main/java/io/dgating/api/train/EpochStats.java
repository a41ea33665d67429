package io.dgating.api.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one epoch did.
 *
 * @param epoch 1-based epoch number
 * @param dataLoss mean head loss over the epoch's steps
 * @param penalty the D-Gating penalty {@code (lambda/D)(||omega||^2 + ||Gamma||^2)} at the epoch's end
 * @param validation metrics on the validation split at the epoch's end (rows 0 when it is empty)
 * @param groupsAlive per gated layer, groups whose collapsed norm is still at least eps
 * @param learningRate the rate of the epoch's last step
 */
public record EpochStats(
        int epoch,
        double dataLoss,
        double penalty,
        Metrics validation,
        Map<String, Integer> groupsAlive,
        double learningRate) {

    /**
     * Copies the map, keeping its order (model order, as the engines build it): {@code Map.copyOf}
     * would iterate in an order that changes from JVM to JVM.
     *
     * @param epoch 1-based epoch number
     * @param dataLoss mean head loss over the epoch's steps
     * @param penalty the D-Gating penalty {@code (lambda/D)(||omega||^2 + ||Gamma||^2)} at the epoch's end
     * @param validation metrics on the validation split at the epoch's end (rows 0 when it is empty)
     * @param groupsAlive per gated layer, groups whose collapsed norm is still at least eps
     * @param learningRate the rate of the epoch's last step
     */
    public EpochStats {
        groupsAlive = Collections.unmodifiableMap(new LinkedHashMap<>(groupsAlive));
    }

    /** {@return the objective the optimizer sees: data loss plus penalty} */
    public double objective() {
        return dataLoss + penalty;
    }
}
