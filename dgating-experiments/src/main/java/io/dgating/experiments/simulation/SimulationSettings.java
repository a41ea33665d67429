package io.dgating.experiments.simulation;

import io.dgating.api.train.LrSchedule;
import io.dgating.api.train.Optimizer;
import io.dgating.api.train.TrainingConfig;
import io.dgating.experiments.path.PathSpec;
import java.io.Serializable;
import java.util.List;
import java.util.stream.LongStream;

/**
 * What the sparse-regression simulation runs.
 *
 * @param n training rows
 * @param nTest test rows (prediction error)
 * @param groups number of groups
 * @param size features per group
 * @param informative non-zero groups
 * @param noise noise standard deviation
 * @param lambdas the lambda grid
 * @param depths D values of the gated models
 * @param seeds one problem per seed; means and standard deviations are over them
 * @param training full-batch training of the gated linear models
 * @param eps a gated group below this norm counts as zero (the paper's 1e-6 for linear models)
 * @param parallelism fits at once
 */
public record SimulationSettings(
        int n,
        int nTest,
        int groups,
        int size,
        int informative,
        double noise,
        double[] lambdas,
        List<Integer> depths,
        List<Long> seeds,
        TrainingConfig training,
        double eps,
        int parallelism)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * Copies and checks.
     *
     * @param n training rows
     * @param nTest test rows (prediction error)
     * @param groups number of groups
     * @param size features per group
     * @param informative non-zero groups
     * @param noise noise standard deviation
     * @param lambdas the lambda grid
     * @param depths D values of the gated models
     * @param seeds one problem per seed; means and standard deviations are over them
     * @param training full-batch training of the gated linear models
     * @param eps a gated group below this norm counts as zero (the paper's 1e-6 for linear models)
     * @param parallelism fits at once
     */
    public SimulationSettings {
        lambdas = lambdas.clone();
        depths = List.copyOf(depths);
        seeds = List.copyOf(seeds);
        if (seeds.isEmpty() || lambdas.length == 0 || parallelism < 1) {
            throw new IllegalArgumentException("the simulation needs seeds, lambdas and parallelism >= 1");
        }
        if (training.batchSize() < n) {
            throw new IllegalArgumentException(
                    "the simulation trains full-batch: batch " + training.batchSize() + " < n " + n);
        }
    }

    /** {@return a copy of the lambdas} */
    @Override
    public double[] lambdas() {
        return lambdas.clone();
    }

    /**
     * Returns the paper's setting (n = 200, 40 groups of 5, 7 informative, 30 lambdas from 1e-5 to
     * 15) with this project's choices where the paper leaves them open: noise 2 (signal-to-noise
     * ratio about 9), 1,000 test rows, D = 2, 3, 4, full-batch SGD with momentum 0.9 at a constant
     * learning rate of 0.02.
     *
     * @param quick 3 seeds, 12 lambdas and 2,000 steps instead of 10 seeds, 30 lambdas and 6,000 steps
     * @param parallelism fits at once
     * @return the settings
     */
    public static SimulationSettings paper(boolean quick, int parallelism) {
        return paper(quick, quick ? 3 : 10, parallelism);
    }

    /**
     * Returns the paper's setting with a chosen number of seeds (1, 2, ..., seeds).
     *
     * @param quick 12 lambdas and 2,000 steps instead of 30 lambdas and 6,000 steps
     * @param seeds how many problems to draw and average over
     * @param parallelism fits at once
     * @return the settings
     * @throws IllegalArgumentException if seeds is below 1
     */
    public static SimulationSettings paper(boolean quick, int seeds, int parallelism) {
        if (seeds < 1) {
            throw new IllegalArgumentException("seeds must be >= 1, got " + seeds);
        }
        double[] lambdas = PathSpec.parseLambdas("1e-5:15:" + (quick ? 12 : 30));
        TrainingConfig t = TrainingConfig.builder()
                .optimizer(new Optimizer.Sgd(0.9, false))
                .learningRate(0.02)
                .schedule(LrSchedule.CONSTANT)
                .epochs(quick ? 2000 : 6000)
                .batchSize(200)
                .seed(1)
                .build();
        return new SimulationSettings(
                200,
                1000,
                40,
                5,
                7,
                2.0,
                lambdas,
                List.of(2, 3, 4),
                LongStream.rangeClosed(1, seeds).boxed().toList(),
                t,
                1e-6,
                parallelism);
    }
}
