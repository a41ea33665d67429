package io.dgating.compress;

import io.dgating.api.train.EpochStats;
import io.dgating.store.AtomicFiles;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

/** The training curves of a run, {@code training.png} and {@code training.svg}: losses and the share of groups alive per epoch. */
final class TrainingCurves {

    private TrainingCurves() {}

    /**
     * Writes both files into a directory.
     *
     * @param dir the directory
     * @param history the epochs
     * @throws IOException if a file cannot be written
     */
    static void write(Path dir, List<EpochStats> history) throws IOException {
        XYChart chart = curves(history);
        AtomicFiles.write(
                dir.resolve("training.png"), BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG), true);
        AtomicFiles.write(
                dir.resolve("training.svg"),
                out -> VectorGraphicsEncoder.saveVectorGraphic(
                        chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG),
                true);
    }

    private static XYChart curves(List<EpochStats> history) {
        XYChart chart = new XYChartBuilder()
                .width(800)
                .height(500)
                .title("Training")
                .xAxisTitle("epoch")
                .yAxisTitle("loss / share of groups alive")
                .build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        if (history.isEmpty()) {
            chart.addSeries("no epochs", new double[] {0}, new double[] {0});
            return chart;
        }
        double[] epochs = history.stream().mapToDouble(EpochStats::epoch).toArray();
        chart.addSeries(
                "data loss",
                epochs,
                history.stream().mapToDouble(EpochStats::dataLoss).toArray());
        chart.addSeries(
                "penalty",
                epochs,
                history.stream().mapToDouble(EpochStats::penalty).toArray());
        Map<String, Integer> first = history.get(0).groupsAlive();
        for (String layer : new TreeSet<>(first.keySet())) {
            double total = Math.max(1, first.get(layer));
            chart.addSeries(
                    layer + " alive (share of epoch 1)",
                    epochs,
                    history.stream()
                            .mapToDouble(e -> e.groupsAlive().getOrDefault(layer, 0) / total)
                            .toArray());
        }
        return chart;
    }
}
