package io.dgating.eval.report;

import io.dgating.eval.path.PathPoint;
import io.dgating.store.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Path plots with XChart: one curve per D, written as PNG and SVG. */
final class Plots {

    private Plots() {
    }

    static void write(Path dir, String name, String title, String xLabel, String yLabel, List<PathPoint> points,
            ToDoubleFunction<PathPoint> x, ToDoubleFunction<PathPoint> y, boolean logX) throws IOException {
        XYChart chart = new XYChartBuilder().width(800).height(560).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel)
                .build();
        chart.getStyler().setXAxisLogarithmic(logX);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSW);
        TreeMap<Integer, List<PathPoint>> byDepth = new TreeMap<>();
        for (PathPoint p : points) {
            if (Double.isFinite(x.applyAsDouble(p)) && Double.isFinite(y.applyAsDouble(p))) {
                byDepth.computeIfAbsent(p.depth(), d -> new java.util.ArrayList<>()).add(p);
            }
        }
        byDepth.forEach((d, ps) -> {
            // a path is drawn in lambda order, from the densest model to the sparsest
            ps.sort(Comparator.comparingDouble(PathPoint::lambda));
            chart.addSeries("D = " + d, ps.stream().mapToDouble(x).toArray(), ps.stream().mapToDouble(y).toArray())
                    .setMarker(SeriesMarkers.CIRCLE);
        });
        if (byDepth.isEmpty()) {
            chart.addSeries("no finite points", new double[] {logX ? 1 : 0}, new double[] {0});
        }
        AtomicFiles.write(dir.resolve(name + ".png"), BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG),
                true);
        AtomicFiles.write(dir.resolve(name + ".svg"),
                out -> VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG),
                true);
    }
}
