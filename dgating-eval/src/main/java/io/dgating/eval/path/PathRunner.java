package io.dgating.eval.path;

import io.dgating.api.ParameterSet;
import io.dgating.api.data.DatasetSplits;
import io.dgating.api.engine.Engine;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.gating.GroupReport;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.train.Metrics;
import io.dgating.api.train.Split;
import io.dgating.api.train.TrainingConfig;
import io.dgating.api.train.TrainingRequest;
import io.dgating.api.train.TrainingResult;
import io.dgating.eval.bench.GraphStats;
import io.dgating.export.ExportOptions;
import io.dgating.export.ExportedModel;
import io.dgating.export.OnnxExporter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Trains one model per (D, lambda) on an engine and measures each: groups kept, parameter
 * share, theoretical speed-up of its compact export, validation and test score. Independent
 * trainings run {@code parallelism} at a time; with warm starts each D is one sequential
 * chain (lambdas ascending) and the D chains run in parallel. Every training is seeded, so the
 * path does not depend on the order in which runs finish.
 */
public final class PathRunner {

    private final Engine engine;
    private final OnnxExporter exporter = new OnnxExporter();

    /**
     * Creates a runner on an engine that may be called from several threads (the CPU engine can).
     *
     * @param engine the engine, owned by the caller
     */
    public PathRunner(Engine engine) {
        this.engine = engine;
    }

    /**
     * Runs the path.
     *
     * @param model the architecture
     * @param gatingTemplate which layers are gated and eps; depth and lambda come from the grid
     * @param training training settings of every run
     * @param data the splits
     * @param spec the grid
     * @param progress receives every finished point (from worker threads)
     * @return the points, ordered by D then lambda
     */
    public List<PathPoint> run(ModelSpec model, GatingConfig gatingTemplate, TrainingConfig training, DatasetSplits data,
            PathSpec spec, Consumer<PathPoint> progress) {
        List<List<double[]>> chains = new ArrayList<>();
        for (int d : spec.depths()) {
            if (spec.warmStart()) {
                List<double[]> chain = new ArrayList<>();
                for (double l : spec.lambdas()) {
                    chain.add(new double[] {d, l});
                }
                chains.add(chain);
            } else {
                for (double l : spec.lambdas()) {
                    chains.add(List.of(new double[] {d, l}));
                }
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(spec.parallelism(), chains.size()));
        try {
            List<Future<List<PathPoint>>> futures = new ArrayList<>();
            for (List<double[]> chain : chains) {
                futures.add(pool.submit(() -> {
                    List<PathPoint> points = new ArrayList<>();
                    ParameterSet previous = null;
                    for (double[] dl : chain) {
                        GatingConfig g = new GatingConfig((int) dl[0], dl[1], gatingTemplate.eps(), gatingTemplate.gates());
                        TrainingRequest req = TrainingRequest.of(model, g, training, data);
                        if (previous != null) {
                            req = req.withInitialParameters(previous);
                        }
                        long start = System.nanoTime();
                        TrainingResult r = engine.train(req);
                        PathPoint p = measure(r, (System.nanoTime() - start) / 1e9);
                        previous = r.parameters();
                        points.add(p);
                        progress.accept(p);
                    }
                    return points;
                }));
            }
            List<PathPoint> all = new ArrayList<>();
            for (Future<List<PathPoint>> f : futures) {
                all.addAll(f.get());
            }
            all.sort(Comparator.comparingInt(PathPoint::depth).thenComparingDouble(PathPoint::lambda));
            return all;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("path interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Measures one trained model.
     *
     * @param r the result
     * @param seconds its training time
     * @return the point
     */
    public PathPoint measure(TrainingResult r, double seconds) {
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
        boolean cls = r.model().head() == io.dgating.api.model.Head.SOFTMAX_CROSS_ENTROPY;
        return new PathPoint(r.gating().depth(), r.gating().lambda(), kept, total,
                compact.report().keptFeatureIndices().length, compact.report().parameterShare(),
                cs.macsPerRow() == 0 ? Double.POSITIVE_INFINITY : (double) ds.macsPerRow() / cs.macsPerRow(),
                score(r.metrics(Split.VALIDATION), cls), score(r.metrics(Split.TEST), cls), dense.size(), compact.size(),
                seconds);
    }

    private static double score(Metrics m, boolean classification) {
        return m == null ? Double.NaN : classification ? m.accuracy() : m.rmse();
    }
}
