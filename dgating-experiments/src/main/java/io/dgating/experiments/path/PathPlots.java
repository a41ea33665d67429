package io.dgating.experiments.path;

import io.dgating.bench.report.Plots;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/** A path's plots: one curve per D or method, each drawn in lambda order. */
final class PathPlots {

    private PathPlots() {}

    static void write(
            Path dir,
            String name,
            String title,
            String xLabel,
            String yLabel,
            List<PathPoint> points,
            ToDoubleFunction<PathPoint> x,
            ToDoubleFunction<PathPoint> y,
            boolean logX)
            throws IOException {
        TreeMap<String, List<PathPoint>> byCurve = new TreeMap<>();
        for (PathPoint p : points) {
            if (Double.isFinite(x.applyAsDouble(p)) && Double.isFinite(y.applyAsDouble(p))) {
                byCurve.computeIfAbsent(p.curve(), d -> new ArrayList<>()).add(p);
            }
        }
        List<Plots.Series> series = new ArrayList<>();
        byCurve.forEach((label, ps) -> {
            // a path is drawn in lambda order, from the densest model to the sparsest
            ps.sort(Comparator.comparingDouble(PathPoint::lambda));
            series.add(new Plots.Series(
                    label,
                    ps.stream().mapToDouble(x).toArray(),
                    ps.stream().mapToDouble(y).toArray()));
        });
        Plots.lines(dir, name, title, xLabel, yLabel, series, logX);
    }
}
