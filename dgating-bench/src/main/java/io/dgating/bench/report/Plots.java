package io.dgating.bench.report;

import io.dgating.store.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Line plots with XChart, written as PNG and SVG, atomically. */
public final class Plots {

    /**
     * One curve.
     *
     * @param label legend entry
     * @param x abscissae
     * @param y ordinates, as many
     */
    public record Series(String label, double[] x, double[] y) {
        /**
         * Copies and checks the lengths.
         *
         * @param label legend entry
         * @param x abscissae
         * @param y ordinates, as many
         */
        public Series {
            x = x.clone();
            y = y.clone();
            if (x.length != y.length) {
                throw new IllegalArgumentException(
                        "series '" + label + "': " + x.length + " x values, " + y.length + " y");
            }
        }
    }

    private Plots() {}

    /**
     * Writes {@code name.png} and {@code name.svg} atomically; points that are not finite are left out.
     *
     * @param dir directory
     * @param name file name without extension
     * @param title chart title
     * @param xLabel x axis title
     * @param yLabel y axis title
     * @param series the curves, in legend order
     * @param logX logarithmic x axis
     * @throws IOException when writing fails
     */
    public static void lines(
            Path dir, String name, String title, String xLabel, String yLabel, List<Series> series, boolean logX)
            throws IOException {
        XYChart chart = new XYChartBuilder()
                .width(800)
                .height(560)
                .title(title)
                .xAxisTitle(xLabel)
                .yAxisTitle(yLabel)
                .build();
        chart.getStyler().setXAxisLogarithmic(logX);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSW);
        boolean any = false;
        for (Series s : series) {
            double[] xs = s.x();
            double[] ys = s.y();
            int[] keep = IntStream.range(0, xs.length)
                    .filter(i -> Double.isFinite(xs[i]) && Double.isFinite(ys[i]) && (!logX || xs[i] > 0))
                    .toArray();
            if (keep.length > 0) {
                chart.addSeries(
                                s.label(),
                                Arrays.stream(keep).mapToDouble(i -> xs[i]).toArray(),
                                Arrays.stream(keep).mapToDouble(i -> ys[i]).toArray())
                        .setMarker(SeriesMarkers.CIRCLE);
                any = true;
            }
        }
        if (!any) {
            chart.addSeries("no finite points", new double[] {logX ? 1 : 0}, new double[] {0});
        }
        AtomicFiles.write(
                dir.resolve(name + ".png"), BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG), true);
        AtomicFiles.write(
                dir.resolve(name + ".svg"),
                out -> VectorGraphicsEncoder.saveVectorGraphic(
                        chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG),
                true);
    }
}
