package io.dgating.experiments.featsel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dgating.bench.report.OutputDirectory;
import io.dgating.bench.report.Plots;
import io.dgating.bench.report.ReportValues;
import io.dgating.store.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Writes the feature-selection experiment: {@code README.md} (command, settings, wall time, per
 * dataset the selected models beside the paper's anchors and this project's targets, the paths),
 * {@code featsel.json}, and per dataset a plot of test accuracy against pixels kept (PNG, SVG).
 */
public final class FeatselReport {

    /** LassoNet's test accuracy at 50 features (the paper's Table 2), by dataset. */
    public static final Map<String, Double> LASSONET_AT_50 = Map.of("mnist", 0.892, "fashion-mnist", 0.794);

    /** This project's targets at 50 pixels or fewer, through ONNX Runtime, by dataset. */
    public static final Map<String, Double> TARGET_AT_50 = Map.of("mnist", 0.955, "fashion-mnist", 0.845);

    private static final ObjectMapper JSON = new ObjectMapper();

    private FeatselReport() {}

    /**
     * Writes the report.
     *
     * @param dir output directory
     * @param s the settings
     * @param outcomes per dataset, what it produced
     * @param settings what was run, in words (command, engine, scaling), shown at the top
     * @return the files written
     * @throws IOException when writing fails
     */
    public static List<Path> write(
            Path dir, FeatselSettings s, Map<String, FeatselExperiment.Outcome> outcomes, Map<String, String> settings)
            throws IOException {
        OutputDirectory.prepare(dir);
        List<Path> files = new ArrayList<>();
        ObjectNode root = JSON.createObjectNode();
        ObjectNode so = root.putObject("settings");
        settings.forEach(so::put);
        ArrayNode rows = root.putArray("selected");
        ArrayNode steps = root.putArray("paths");
        StringBuilder md = new StringBuilder("# Feature selection: LeNet-300-100 with one gate per pixel\n\n");
        md.append("The paper's experiment (Kolb et al., Sec. 5): the first layer's weights are grouped by input pixel. "
                + "For each D a lambda path is trained (each lambda from scratch); for each budget k the path's model with the most pixels not "
                + "above k is taken, fine-tuned with the removed pixels fixed at zero, and scored on the test split "
                + "through ONNX Runtime, compact model fed the raw kept pixels. Baseline: the same path on a gated "
                + "linear softmax model at D = 2 (group lasso over each pixel's 10 class weights: L1-regularised "
                + "logistic regression in its multi-class form) selects the pixels, then LeNet-300-100 is trained "
                + "from scratch on them.\n\n");
        settings.forEach((k, v) -> md.append("- ")
                .append(k)
                .append(": ")
                .append(k.equals("command") ? "`" + v + "`" : v)
                .append('\n'));
        for (Map.Entry<String, FeatselExperiment.Outcome> e : outcomes.entrySet()) {
            String ds = e.getKey();
            FeatselExperiment.Outcome o = e.getValue();
            md.append("\n## ").append(ds).append("\n\n");
            summary(md, ds, o.rows());
            md.append("\n| k | method | pixels | lambda | test accuracy before fine-tuning | after |\n"
                    + "|---|---|---|---|---|---|\n");
            for (int k : s.ks()) {
                for (FeatselRow r : o.rows()) {
                    if (r.k() == k) {
                        md.append(String.format(
                                Locale.ROOT,
                                "| %d | %s | %d | %.4g | %.4f | %.4f%s |%n",
                                k,
                                r.method(),
                                r.kept(),
                                r.lambda(),
                                r.accuracyBefore(),
                                r.accuracyAfter(),
                                r.fineTuningKept() ? "" : " *"));
                    }
                }
                if (k == 50 && LASSONET_AT_50.containsKey(ds)) {
                    md.append(String.format(
                            Locale.ROOT, "| 50 | LassoNet (paper) | 50 | | | %.4f |%n", LASSONET_AT_50.get(ds)));
                }
            }
            md.append("\n![")
                    .append(ds)
                    .append("](featsel-")
                    .append(ds)
                    .append(".png)\n\n<details><summary>")
                    .append(
                            "paths: pixels kept per lambda</summary>\n\n| method | lambda | pixels | validation accuracy "
                                    + "| learning rate | seconds |\n|---|---|---|---|---|---|\n");
            for (PathStep p : o.steps()) {
                md.append(String.format(
                        Locale.ROOT,
                        "| %s | %.4g | %d | %.4f | %s | %.0f |%n",
                        p.method(),
                        p.lambda(),
                        p.kept(),
                        p.validationAccuracy(),
                        p.learningRate(),
                        p.seconds()));
            }
            md.append("\n</details>\n");
            for (FeatselRow r : o.rows()) {
                ObjectNode n = rows.addObject()
                        .put("dataset", ds)
                        .put("method", r.method())
                        .put("k", r.k())
                        .put("lambda", r.lambda())
                        .put("pixels", r.kept());
                ReportValues.finite(n, "accuracyBefore", r.accuracyBefore());
                ReportValues.finite(n, "accuracyAfter", r.accuracyAfter());
                n.put("fineTuningKept", r.fineTuningKept());
            }
            for (PathStep p : o.steps()) {
                steps.addObject()
                        .put("dataset", ds)
                        .put("method", p.method())
                        .put("lambda", p.lambda())
                        .put("pixels", p.kept())
                        .put("validationAccuracy", p.validationAccuracy())
                        .put("learningRate", p.learningRate())
                        .put("seconds", p.seconds());
            }
            files.addAll(plot(dir, ds, o.rows()));
        }
        md.append("\n`*`: fine-tuning lowered the validation accuracy, so the model before it is kept (the accuracy "
                + "repeats). Machine-readable: `featsel.json`. Plots also as SVG.\n");
        AtomicFiles.write(
                dir.resolve("featsel.json"),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root),
                true);
        AtomicFiles.write(dir.resolve("README.md"), md.toString().getBytes(StandardCharsets.UTF_8), true);
        files.add(0, dir.resolve("featsel.json"));
        files.add(0, dir.resolve("README.md"));
        return files;
    }

    /**
     * Returns the best fine-tuned model within 50 pixels.
     *
     * @param rows selected models of one dataset
     * @return the row with the highest accuracy after fine-tuning among budgets up to 50 pixels
     */
    public static Optional<FeatselRow> bestWithin50(List<FeatselRow> rows) {
        return rows.stream()
                .filter(r -> r.kept() <= 50 && !r.method().equals(FeatselExperiment.BASELINE))
                .max(Comparator.comparingDouble(FeatselRow::accuracyAfter));
    }

    private static void summary(StringBuilder md, String ds, List<FeatselRow> rows) {
        bestWithin50(rows).ifPresent(b -> {
            md.append(String.format(
                    Locale.ROOT,
                    "Best D-Gating model within 50 pixels: %s, %d pixels, %.4f test accuracy "
                            + "after fine-tuning (%.4f before)",
                    b.method(),
                    b.kept(),
                    b.accuracyAfter(),
                    b.accuracyBefore()));
            if (LASSONET_AT_50.containsKey(ds)) {
                md.append(String.format(
                        Locale.ROOT,
                        "; LassoNet at 50: %.3f; this project's target: %.3f (%s).%n",
                        LASSONET_AT_50.get(ds),
                        TARGET_AT_50.get(ds),
                        b.accuracyAfter() >= TARGET_AT_50.get(ds) ? "met" : "not met"));
            } else {
                md.append(".\n");
            }
        });
    }

    private static List<Path> plot(Path dir, String ds, List<FeatselRow> rows) throws IOException {
        Map<String, List<FeatselRow>> by = new TreeMap<>();
        rows.forEach(r -> by.computeIfAbsent(r.method(), m -> new ArrayList<>()).add(r));
        List<Plots.Series> series = new ArrayList<>();
        Map<String, List<FeatselRow>> ordered = new LinkedHashMap<>(by);
        ordered.forEach((m, rs) -> {
            rs.sort(Comparator.comparingInt(FeatselRow::kept));
            series.add(new Plots.Series(
                    m,
                    rs.stream().mapToDouble(FeatselRow::kept).toArray(),
                    rs.stream().mapToDouble(FeatselRow::accuracyAfter).toArray()));
        });
        if (LASSONET_AT_50.containsKey(ds)) {
            series.add(new Plots.Series("LassoNet (paper)", new double[] {50}, new double[] {LASSONET_AT_50.get(ds)}));
        }
        String name = "featsel-" + ds;
        Plots.lines(
                dir,
                name,
                ds + ": test accuracy (ONNX Runtime, after fine-tuning) vs pixels kept",
                "pixels kept",
                "test accuracy",
                series,
                true);
        return List.of(dir.resolve(name + ".png"), dir.resolve(name + ".svg"));
    }
}
