package io.dgating.experiments.path;

import io.dgating.api.ParameterSet;
import io.dgating.api.data.DatasetSplits;
import io.dgating.api.engine.Engine;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.gating.GroupReport;
import io.dgating.api.model.Head;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.train.FineTuner;
import io.dgating.api.train.FineTuning;
import io.dgating.api.train.Metrics;
import io.dgating.api.train.Split;
import io.dgating.api.train.TrainingConfig;
import io.dgating.api.train.TrainingListener;
import io.dgating.api.train.TrainingRequest;
import io.dgating.api.train.TrainingResult;
import io.dgating.bench.BenchmarkResult;
import io.dgating.bench.GraphStats;
import io.dgating.bench.LatencyBenchmark;
import io.dgating.experiments.baseline.FilterBaselines;
import io.dgating.experiments.baseline.GroupLassoFit;
import io.dgating.export.ExportOptions;
import io.dgating.export.ExportedModel;
import io.dgating.export.OnnxExporter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Trains one model per (D, lambda) on an engine and measures each: groups kept, parameter
 * share, theoretical speed-up of its compact export, validation and test score. A path splits into
 * independent chains ({@link #chains}); with warm starts each D is one sequential chain (lambdas
 * ascending), otherwise every training is a chain of its own. Every training is seeded, so the path
 * does not depend on where or in which order the chains run ({@link PathExperiment}).
 */
public final class PathRunner {

    private final Engine engine;
    private final OnnxExporter exporter = new OnnxExporter();
    private final Optional<LatencyBenchmark> benchmark;

    /**
     * Creates a runner on an engine that may be called from several threads (the CPU engine can).
     *
     * @param engine the engine, owned by the caller
     */
    public PathRunner(Engine engine) {
        this(engine, Optional.empty());
    }

    /**
     * Creates a runner that also measures every point's compact model against its dense one in ONNX
     * Runtime, one point after another once all trainings are done (timings taken while other
     * trainings share the cores would be meaningless).
     *
     * @param engine the engine, owned by the caller
     * @param benchmark the latency benchmark, or empty for none
     */
    public PathRunner(Engine engine, Optional<LatencyBenchmark> benchmark) {
        this.engine = engine;
        this.benchmark = benchmark;
    }

    /**
     * Splits a path into its independent chains, in a fixed order: methods as listed, then D, then lambda.
     *
     * @param spec the grid
     * @return the chains; together they hold every point of the path once
     */
    public static List<PathChain> chains(PathSpec spec) {
        List<PathChain> chains = new ArrayList<>();
        for (PathMethod m : spec.methods()) {
            if (m.prunesAtRatio()) {
                // one training, then every ratio prunes and fine-tunes its own copy of it
                chains.add(new PathChain(
                        m, 2, Arrays.stream(spec.pruneRatios()).boxed().toList()));
                continue;
            }
            // the group lasso is convex and solved to a tolerance: nothing to warm-start
            boolean chained = spec.warmStart() && m == PathMethod.D_GATING;
            for (int d : m == PathMethod.D_GATING ? spec.depths() : List.of(2)) {
                List<Double> lambdas = Arrays.stream(spec.lambdasOf(m)).boxed().toList();
                if (chained) {
                    chains.add(new PathChain(m, d, lambdas));
                } else {
                    lambdas.forEach(l -> chains.add(new PathChain(m, d, List.of(l))));
                }
            }
        }
        return chains;
    }

    /**
     * Measures, when a benchmark is given, every point's models one at a time, and orders the points.
     *
     * @param results the results of all chains of a path, from any executor
     * @param benchmark the latency benchmark (the chains must have been run with one), or empty for none
     * @return the points, ordered by method, D and lambda
     */
    public static List<PathPoint> gather(List<ChainResult> results, Optional<LatencyBenchmark> benchmark) {
        List<PathPoint> all = new ArrayList<>();
        for (ChainResult r : results) {
            for (int i = 0; i < r.points().size(); i++) {
                PathPoint p = r.points().get(i);
                if (benchmark.isPresent()) {
                    byte[][] m = r.models().get(i);
                    BenchmarkResult b = benchmark.get().run(m[0], m[1], new int[0], w -> {}, x -> {});
                    Map<Integer, Double> speedups = new LinkedHashMap<>();
                    b.rows().forEach(row -> speedups.put(row.dense().batch(), row.measuredSpeedup()));
                    p = p.withMeasuredSpeedup(speedups);
                }
                all.add(p);
            }
        }
        all.sort(Comparator.comparing(PathPoint::method)
                .thenComparingInt(PathPoint::depth)
                .thenComparingDouble(PathPoint::lambda));
        return all;
    }

    /**
     * Runs one chain on this runner's engine.
     *
     * @param chain the chain
     * @param setup what the path trains
     * @param progress receives every finished point
     * @return its points, and each point's models when this runner benchmarks
     */
    public ChainResult runChain(PathChain chain, PathSetup setup, Consumer<PathPoint> progress) {
        ModelSpec model = setup.model();
        GatingConfig gatingTemplate = setup.gatingTemplate();
        TrainingConfig training = setup.training();
        DatasetSplits data = setup.data();
        PathSpec spec = setup.spec();
        List<PathPoint> points = new ArrayList<>();
        List<byte[][]> models = new ArrayList<>();
        ParameterSet previous = null;
        TrainingResult base = null;
        for (double value : chain.values()) {
            PathMethod method = chain.method();
            long start = System.nanoTime();
            TrainingResult r;
            Optional<TrainingResult> before = Optional.empty();
            if (method == PathMethod.D_GATING || method == PathMethod.GROUP_LASSO) {
                GatingConfig g = new GatingConfig(chain.depth(), value, gatingTemplate.eps(), gatingTemplate.gates());
                if (method == PathMethod.GROUP_LASSO) {
                    r = GroupLassoFit.fit(model, g, training, data);
                } else {
                    TrainingRequest req = TrainingRequest.of(model, g, training, data);
                    if (previous != null) {
                        req = req.withInitialParameters(previous);
                    }
                    r = engine.train(req);
                    previous = r.parameters();
                }
                if (spec.fineTuning().isPresent()) {
                    before = Optional.of(r);
                    r = FineTuner.keepBetter(
                            r,
                            FineTuner.run(
                                    engine,
                                    r,
                                    data,
                                    spec.fineTuning().get(),
                                    TrainingListener.NONE,
                                    0,
                                    Optional.empty()));
                }
            } else {
                TrainingRequest plain = FilterBaselines.plain(model, gatingTemplate, training, data);
                TrainingResult pruned;
                if (method == PathMethod.L21) {
                    TrainingResult trained =
                            engine.train(plain.withProximal(FilterBaselines.groupLasso(model, plain.gating(), value)));
                    pruned = FilterBaselines.prune(
                            engine,
                            trained,
                            FilterBaselines.belowRelative(trained.groupReports().stream()
                                    .flatMapToDouble(g -> Arrays.stream(g.norms()))
                                    .toArray()),
                            data,
                            value);
                } else {
                    boolean slimming = method == PathMethod.SLIMMING;
                    if (base == null) {
                        base = engine.train(
                                slimming
                                        ? plain.withProximal(FilterBaselines.batchNormL1(
                                                model, plain.gating(), spec.slimmingLambda()))
                                        : plain);
                    }
                    pruned = FilterBaselines.prune(
                            engine,
                            base,
                            FilterBaselines.smallest(
                                    FilterBaselines.scores(base, slimming), FilterBaselines.layerSizes(base), value),
                            data,
                            value);
                }
                before = Optional.of(pruned);
                r = FineTuner.keepBetter(
                        pruned,
                        FineTuner.run(
                                engine,
                                pruned,
                                data,
                                spec.fineTuning().orElse(FineTuning.defaultFor(training)),
                                TrainingListener.NONE,
                                0,
                                Optional.empty()));
            }
            PathPoint p = measure(method, r, before, (System.nanoTime() - start) / 1e9);
            if (benchmark.isPresent()) {
                models.add(new byte[][] {
                    exporter.export(r, ExportOptions.dense()).bytes(),
                    exporter.export(
                                    r,
                                    new ExportOptions(
                                            ExportOptions.Variant.COMPACT, ExportOptions.InputMode.ALL_FEATURES))
                            .bytes()
                });
            }
            points.add(p);
            progress.accept(p);
        }
        return new ChainResult(chain, points, models);
    }

    /**
     * Checks, before any training, that every method of the path applies to the model.
     *
     * @param model the architecture
     * @param gatingTemplate the gating
     * @param spec the path
     * @throws IllegalArgumentException naming the method and why it does not apply
     */
    public static void checkApplicable(ModelSpec model, GatingConfig gatingTemplate, PathSpec spec) {
        if (spec.methods().contains(PathMethod.GROUP_LASSO)) {
            GroupLassoFit.checkApplicable(model, gatingTemplate);
        }
        if (spec.methods().stream()
                .anyMatch(m -> m == PathMethod.MAGNITUDE || m == PathMethod.L21 || m == PathMethod.SLIMMING)) {
            FilterBaselines.checkApplicable(
                    model, gatingTemplate, spec.methods().contains(PathMethod.SLIMMING));
        }
    }

    /**
     * Measures one trained model.
     *
     * @param method how it was found
     * @param r the final model: fine-tuned when the path fine-tunes, unless fine-tuning lowered the
     *     validation score ({@link FineTuner#keepBetter})
     * @param beforeFineTuning when the path fine-tunes, the model before it
     * @param seconds its training (and fine-tuning) time
     * @return the point
     */
    public PathPoint measure(
            PathMethod method, TrainingResult r, Optional<TrainingResult> beforeFineTuning, double seconds) {
        ExportedModel compact = exporter.export(r, ExportOptions.compact());
        ExportedModel dense = exporter.export(r, ExportOptions.dense());
        GraphStats cs = GraphStats.of(compact.bytes());
        GraphStats ds = GraphStats.of(dense.bytes());
        Map<String, Integer> kept = new LinkedHashMap<>();
        Map<String, Integer> total = new LinkedHashMap<>();
        for (GroupReport g : r.groupReports()) {
            kept.put(g.layer(), g.kept());
            total.put(g.layer(), g.groups());
        }
        boolean cls = r.model().head() == Head.SOFTMAX_CROSS_ENTROPY;
        return new PathPoint(
                method,
                r.gating().depth(),
                r.gating().lambda(),
                kept,
                total,
                compact.report().keptFeatureIndices().length,
                compact.report().parameterShare(),
                cs.macsPerRow() == 0 ? Double.POSITIVE_INFINITY : (double) ds.macsPerRow() / cs.macsPerRow(),
                score(r.metrics(Split.VALIDATION), cls),
                score(r.metrics(Split.TEST), cls),
                beforeFineTuning.map(b -> score(b.metrics(Split.TEST), cls)).orElse(Double.NaN),
                dense.size(),
                compact.size(),
                seconds,
                Map.of(),
                r.metrics(Split.VALIDATION) == null
                        ? Double.NaN
                        : r.metrics(Split.VALIDATION).loss());
    }

    private static double score(Metrics m, boolean classification) {
        return m == null ? Double.NaN : m.score(classification);
    }
}
