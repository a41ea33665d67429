package io.dgating.experiments.featsel;

import io.dgating.api.train.LrSchedule;
import io.dgating.api.train.Optimizer;
import io.dgating.api.train.TrainingConfig;
import java.io.Serializable;
import java.util.List;

/**
 * What the feature-selection experiment runs.
 *
 * @param depths D values, one path each
 * @param ks pixel budgets: for each, the path's model with the most kept pixels not above it
 * @param epochs training epochs per path point (each from scratch)
 * @param batchSize rows per step
 * @param learningRate base learning rate (SGD, momentum 0.9, cosine schedule per point)
 * @param fineTuneEpochs epochs of fine-tuning of each selected model (learning rate a tenth)
 * @param lambdaStart first lambda of every path
 * @param lambdaFactor lambda grows by this factor from point to point
 * @param maxPoints a path stops after this many points, or once it keeps fewer than the smallest k
 * @param seed split, initialisation and shuffling seed
 */
public record FeatselSettings(
        List<Integer> depths,
        List<Integer> ks,
        int epochs,
        int batchSize,
        double learningRate,
        int fineTuneEpochs,
        double lambdaStart,
        double lambdaFactor,
        int maxPoints,
        long seed)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * Copies and checks.
     *
     * @param depths D values, one path each
     * @param ks pixel budgets: for each, the path's model with the most kept pixels not above it
     * @param epochs training epochs per path point (each from scratch)
     * @param batchSize rows per step
     * @param learningRate base learning rate (SGD, momentum 0.9, cosine schedule per point)
     * @param fineTuneEpochs epochs of fine-tuning of each selected model (learning rate a tenth)
     * @param lambdaStart first lambda of every path
     * @param lambdaFactor lambda grows by this factor from point to point
     * @param maxPoints a path stops after this many points, or once it keeps fewer than the smallest k
     * @param seed split, initialisation and shuffling seed
     */
    public FeatselSettings {
        depths = List.copyOf(depths);
        ks = ks.stream().sorted().toList();
        if (ks.isEmpty()
                || ks.get(0) < 1
                || depths.isEmpty()
                || epochs < 1
                || fineTuneEpochs < 1
                || !(lambdaStart > 0)
                || !(lambdaFactor > 1)
                || maxPoints < 1) {
            throw new IllegalArgumentException("impossible feature-selection settings: " + depths + ", k " + ks + ", "
                    + epochs + " epochs, " + fineTuneEpochs + " fine-tuning epochs, lambda " + lambdaStart + " x"
                    + lambdaFactor + ", " + maxPoints + " points");
        }
    }

    /**
     * Returns the paper's protocol (100 epochs per model, batch 256, cosine schedule from 0.1) with
     * this project's path: lambda from 0.005 growing by 1.5 per point, each point trained from
     * scratch, fine-tuning a tenth of the epochs (the command line's default is 10 epochs).
     *
     * @param epochs epochs per path point (the paper: 100)
     * @return the settings
     */
    public static FeatselSettings paper(int epochs) {
        return new FeatselSettings(
                List.of(2, 3, 4),
                List.of(25, 50, 100, 200),
                epochs,
                256,
                0.1,
                Math.max(1, epochs / 10),
                0.005,
                1.5,
                16,
                42);
    }

    /**
     * Returns the training of one path point.
     *
     * @return SGD with momentum 0.9, cosine schedule
     */
    public TrainingConfig training() {
        return TrainingConfig.builder()
                .optimizer(new Optimizer.Sgd(0.9, false))
                .learningRate(learningRate)
                .schedule(LrSchedule.COSINE)
                .epochs(epochs)
                .batchSize(batchSize)
                .seed(seed)
                .build();
    }
}
