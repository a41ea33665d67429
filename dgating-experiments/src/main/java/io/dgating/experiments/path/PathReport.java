package io.dgating.experiments.path;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dgating.bench.report.OutputDirectory;
import io.dgating.bench.report.ReportValues;
import io.dgating.store.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Writes a sparsity-accuracy path: {@code path.json} and {@code path.csv} (one row per
 * trained model), {@code report.md} (settings, table, plots), and the plots
 * {@code accuracy-vs-groups} and {@code accuracy-vs-speedup} as PNG and SVG. Every file is
 * written atomically.
 */
public final class PathReport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PathReport() {}

    /**
     * Writes the report.
     *
     * @param dir output directory (created if missing)
     * @param points the path
     * @param settings what was run (dataset, model, training, engine...), shown at the top
     * @param classification whether scores are accuracies (else RMSE)
     * @return the files written
     * @throws IOException if the directory is a file or not writable
     */
    public static List<Path> write(
            Path dir, List<PathPoint> points, Map<String, String> settings, boolean classification) throws IOException {
        OutputDirectory.prepare(dir);
        String score = classification ? "accuracy" : "RMSE";
        ObjectNode root = JSON.createObjectNode();
        ObjectNode s = root.putObject("settings");
        settings.forEach(s::put);
        root.put("score", score);
        ArrayNode arr = root.putArray("points");
        StringBuilder csv = new StringBuilder("method,depth,lambda,groups_kept,groups_total,group_share,features_kept,"
                + "parameter_share,theoretical_speedup,validation_" + score.toLowerCase(Locale.ROOT) + ",test_"
                + score.toLowerCase(Locale.ROOT) + ",test_" + score.toLowerCase(Locale.ROOT)
                + "_before_finetune,dense_bytes,compact_bytes,seconds\n");
        for (PathPoint p : points) {
            ObjectNode o = arr.addObject();
            o.put("method", p.method().label())
                    .put("depth", p.depth())
                    .put("lambda", p.lambda())
                    .put("groupShare", p.groupShare())
                    .put("featuresKept", p.featuresKept())
                    .put("parameterShare", p.parameterShare());
            // JSON has no infinity: a constant compact model (no multiply-adds left) gets null
            ReportValues.finite(o, "theoreticalSpeedup", p.theoreticalSpeedup());
            ReportValues.finite(o, "validationScore", p.validationScore());
            ReportValues.finite(o, "validationLoss", p.validationLoss());
            ReportValues.finite(o, "testScore", p.testScore());
            ReportValues.finite(o, "testScoreBeforeFineTuning", p.testScoreBeforeFineTuning());
            o.put("denseBytes", p.denseBytes())
                    .put("compactBytes", p.compactBytes())
                    .put("seconds", p.seconds());
            ObjectNode kept = o.putObject("groupsKept");
            p.groupsKept().forEach(kept::put);
            ObjectNode total = o.putObject("groupsTotal");
            p.groupsTotal().forEach(total::put);
            ObjectNode measured = o.putObject("measuredSpeedup");
            p.measuredSpeedup().forEach((b, v) -> ReportValues.finite(measured, "batch" + b, v));
            csv.append(String.format(
                    Locale.ROOT,
                    "%s,%d,%.6g,%d,%d,%.6f,%d,%.6f,%.6f,%.6f,%.6f,%.6f,%d,%d,%.3f%n",
                    p.method().label(),
                    p.depth(),
                    p.lambda(),
                    sum(p.groupsKept()),
                    sum(p.groupsTotal()),
                    p.groupShare(),
                    p.featuresKept(),
                    p.parameterShare(),
                    p.theoreticalSpeedup(),
                    p.validationScore(),
                    p.testScore(),
                    p.testScoreBeforeFineTuning(),
                    p.denseBytes(),
                    p.compactBytes(),
                    p.seconds()));
        }
        AtomicFiles.write(
                dir.resolve("path.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root), true);
        AtomicFiles.write(dir.resolve("path.csv"), csv.toString().getBytes(StandardCharsets.UTF_8), true);
        PathPlots.write(
                dir,
                "accuracy-vs-groups",
                "Test " + score + " vs share of groups removed",
                "share of groups removed",
                "test " + score,
                points,
                p -> 1 - p.groupShare(),
                PathPoint::testScore,
                false);
        PathPlots.write(
                dir,
                "accuracy-vs-speedup",
                "Test " + score + " vs theoretical speed-up",
                "theoretical speed-up FLOPs(dense)/FLOPs(compact)",
                "test " + score,
                points,
                PathPoint::theoreticalSpeedup,
                PathPoint::testScore,
                false);
        StringBuilder md = new StringBuilder("# Sparsity-accuracy path\n\n");
        settings.forEach(
                (k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
        md.append(
                "\n![accuracy vs groups removed](accuracy-vs-groups.png)\n\n![accuracy vs speed-up](accuracy-vs-speedup.png)\n\n");
        boolean tuned = points.stream().anyMatch(p -> !Double.isNaN(p.testScoreBeforeFineTuning()));
        SortedSet<Integer> batches = new TreeSet<>();
        points.forEach(p -> batches.addAll(p.measuredSpeedup().keySet()));
        boolean ratios = points.stream().anyMatch(p -> p.method().prunesAtRatio());
        md.append("| curve | ")
                .append(ratios ? "lambda or prune ratio" : "lambda")
                .append(" | groups kept | features kept | parameters kept | theoretical speed-up | ");
        batches.forEach(b -> md.append("measured speed-up, batch ").append(b).append(" | "));
        md.append("validation ")
                .append(score)
                .append(tuned ? " | test " + score + " before fine-tuning" : "")
                .append(" | test ")
                .append(score)
                .append(" | seconds |\n|---|---|---|---|---|---|---|")
                .append(tuned ? "---|" : "")
                .append("---|---|")
                .append("---|".repeat(batches.size()))
                .append('\n');
        for (PathPoint p : points) {
            StringBuilder measured = new StringBuilder();
            for (int b : batches) {
                Double v = p.measuredSpeedup().get(b);
                measured.append(v == null ? " - |" : String.format(Locale.ROOT, " %.2fx |", v));
            }
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %.3g | %s | %d | %.1f%% | %s |%s %.4f |%s %.4f | %.1f |%n",
                    p.curve(),
                    p.lambda(),
                    keptText(p),
                    p.featuresKept(),
                    100 * p.parameterShare(),
                    ReportValues.speedup(p.theoreticalSpeedup()),
                    measured,
                    p.validationScore(),
                    tuned ? String.format(Locale.ROOT, " %.4f |", p.testScoreBeforeFineTuning()) : "",
                    p.testScore(),
                    p.seconds()));
        }
        if (!batches.isEmpty()) {
            md.append("\nMeasured speed-up: median ONNX Runtime latency of the dense model over the compact one, "
                    + "measured after all trainings, one model at a time.\n");
        }
        md.append(
                "\n`const`: every group removed, the compact model is a constant (no multiply-adds left; not plotted on the "
                        + "speed-up axis).\nMachine-readable: `path.json`, `path.csv`. Plots also as SVG.\n");
        AtomicFiles.write(dir.resolve("report.md"), md.toString().getBytes(StandardCharsets.UTF_8), true);
        return List.of(
                        "path.json",
                        "path.csv",
                        "report.md",
                        "accuracy-vs-groups.png",
                        "accuracy-vs-groups.svg",
                        "accuracy-vs-speedup.png",
                        "accuracy-vs-speedup.svg")
                .stream()
                .map(dir::resolve)
                .toList();
    }

    private static String keptText(PathPoint p) {
        StringBuilder sb = new StringBuilder();
        p.groupsKept()
                .forEach((l, k) -> sb.append(sb.length() == 0 ? "" : ", ")
                        .append(l)
                        .append(' ')
                        .append(k)
                        .append('/')
                        .append(p.groupsTotal().get(l)));
        return sb.toString();
    }

    private static int sum(Map<String, Integer> m) {
        return m.values().stream().mapToInt(Integer::intValue).sum();
    }
}
