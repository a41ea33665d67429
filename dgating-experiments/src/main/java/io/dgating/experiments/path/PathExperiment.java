package io.dgating.experiments.path;

import io.dgating.api.data.DataSource;
import io.dgating.api.data.DatasetSplits;
import io.dgating.api.engine.Engine;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.train.TrainingConfig;
import io.dgating.bench.LatencyBenchmark;
import io.dgating.experiments.Experiment;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A sparsity-accuracy path as an {@link Experiment}: its units are the path's chains
 * ({@link PathRunner#chains}). Made {@link #of} a data source, each JVM that runs some of its chains
 * loads the splits once, so it runs on a cluster; made {@link #on} splits in memory, it runs in this
 * JVM only.
 */
public final class PathExperiment implements Experiment<PathChain, ChainResult, List<PathPoint>> {

    private static final long serialVersionUID = 1L;

    private final DataSource data;
    private final int context;
    private final ModelSpec model;
    private final GatingConfig gatingTemplate;
    private final TrainingConfig training;
    private final PathSpec spec;
    private final LatencyBenchmark benchmark;
    private transient DatasetSplits splits;

    private PathExperiment(
            DataSource data,
            DatasetSplits splits,
            OptionalInt context,
            ModelSpec model,
            GatingConfig gatingTemplate,
            TrainingConfig training,
            PathSpec spec,
            Optional<LatencyBenchmark> benchmark) {
        PathRunner.checkApplicable(model, gatingTemplate, spec);
        this.data = data;
        this.splits = splits;
        this.context = context.orElse(0);
        this.model = model;
        this.gatingTemplate = gatingTemplate;
        this.training = training;
        this.spec = spec;
        this.benchmark = benchmark.orElse(null);
    }

    /**
     * Returns a path on the splits a data source loads (split by the training seed).
     *
     * @param data where the data comes from and how it is split and standardised
     * @param context the window length of a sequence model, or empty for other models
     * @param model the architecture
     * @param gatingTemplate which layers are gated and eps; depth and lambda come from each chain
     * @param training training settings of every run (its seed also splits the data)
     * @param spec the grid
     * @param benchmark the latency benchmark of every point's compact model against its dense one, run
     *     after all trainings, or empty for none
     * @return the experiment
     * @throws IllegalArgumentException if a method of the grid does not apply to the model
     */
    public static PathExperiment of(
            DataSource data,
            OptionalInt context,
            ModelSpec model,
            GatingConfig gatingTemplate,
            TrainingConfig training,
            PathSpec spec,
            Optional<LatencyBenchmark> benchmark) {
        return new PathExperiment(data, null, context, model, gatingTemplate, training, spec, benchmark);
    }

    /**
     * Returns a path on splits in memory; it runs in this JVM only.
     *
     * @param splits the splits, standardised as the models are to see them
     * @param model the architecture
     * @param gatingTemplate which layers are gated and eps; depth and lambda come from each chain
     * @param training training settings of every run
     * @param spec the grid
     * @param benchmark the latency benchmark of every point, or empty for none
     * @return the experiment
     * @throws IllegalArgumentException if a method of the grid does not apply to the model
     */
    public static PathExperiment on(
            DatasetSplits splits,
            ModelSpec model,
            GatingConfig gatingTemplate,
            TrainingConfig training,
            PathSpec spec,
            Optional<LatencyBenchmark> benchmark) {
        return new PathExperiment(null, splits, OptionalInt.empty(), model, gatingTemplate, training, spec, benchmark);
    }

    /** {@return the chains: methods as listed, then D, then lambda} */
    @Override
    public List<PathChain> units() {
        return PathRunner.chains(spec);
    }

    @Override
    public ChainResult run(PathChain chain, Engine engine) {
        return new PathRunner(engine, benchmark()).runChain(chain, setup(), p -> {});
    }

    /** Measures every point's models when a benchmark is set, one at a time, and orders the points. */
    @Override
    public List<PathPoint> gather(List<ChainResult> results) {
        return PathRunner.gather(results, benchmark());
    }

    /** {@return what every chain trains on, with the data source's splits (loaded once in this JVM)} */
    public synchronized PathSetup setup() {
        if (splits == null) {
            if (data == null) {
                throw new IllegalStateException("this path holds its splits in memory and runs in the JVM that made "
                        + "it; make it of a DataSource to run it on a cluster");
            }
            splits = data.load(training.seed(), context > 0 ? OptionalInt.of(context) : OptionalInt.empty());
        }
        return new PathSetup(model, gatingTemplate, training, splits, spec);
    }

    private Optional<LatencyBenchmark> benchmark() {
        return Optional.ofNullable(benchmark);
    }
}
