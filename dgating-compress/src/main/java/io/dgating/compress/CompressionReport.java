package io.dgating.compress;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dgating.api.gating.GroupReport;
import io.dgating.api.train.Metrics;
import io.dgating.api.train.Split;
import io.dgating.api.train.TrainingResult;
import io.dgating.bench.report.BenchReport;
import io.dgating.bench.report.OutputDirectory;
import io.dgating.bench.report.ReportValues;
import io.dgating.export.LayerReport;
import io.dgating.export.PruningReport;
import io.dgating.store.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The compression report: {@code report.md} (kept groups per layer, accuracy through the
 * engine and through ONNX Runtime, sizes, theoretical and measured speed-ups), {@code report.json},
 * and the training curves (loss and groups alive per epoch) as PNG and SVG.
 */
public final class CompressionReport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CompressionReport() {}

    /**
     * Returns the report as Markdown.
     *
     * @param r the result
     * @return the text
     */
    public static String markdown(CompressionResult r) {
        TrainingResult t = r.training();
        PruningReport p = r.compact().report();
        boolean cls = !t.classNames().isEmpty();
        StringBuilder md = new StringBuilder("# dgating compression report\n\n");
        if (t.gating().gates().isEmpty()) {
            md.append("- gating: none (a dense reference model)\n");
        } else {
            md.append(String.format(
                    Locale.ROOT,
                    "- gating: D = %d, lambda = %.4g%s, eps = %.3g%n",
                    t.gating().depth(),
                    t.gating().lambda(),
                    r.lambdaTrials().size() > 1
                            ? " (chosen by search over " + r.lambdaTrials().size() + " trials)"
                            : "",
                    t.gating().eps()));
        }
        md.append("- model: ")
                .append(t.model().layers().size())
                .append(" layers, input ")
                .append(t.model().inputShape())
                .append('\n');
        // the CPU engine names its matrix kernel, the DJL engine its PyTorch version
        String how = t.provenance().containsKey("kernel")
                ? "kernel " + t.provenance().get("kernel")
                : "PyTorch " + t.provenance().getOrDefault("pytorch", "?");
        md.append("- engine: ")
                .append(t.provenance().getOrDefault("engine", "?"))
                .append(", ")
                .append(t.provenance().getOrDefault("threads", "?"))
                .append(" threads, ")
                .append(how)
                .append('\n');
        md.append(String.format(
                Locale.ROOT,
                "- trained parameters: %,d dense, %,d compact (%.1f%%)%n",
                p.denseParameters(),
                p.exportedParameters(),
                100 * p.parameterShare()));
        md.append(String.format(
                Locale.ROOT,
                "- ONNX files: dense %,d bytes, compact %,d bytes%n",
                r.dense().size(),
                r.compact().size()));
        md.append(String.format(
                Locale.ROOT,
                "- kept features: %d of %d%n",
                p.keptFeatureIndices().length,
                t.featureNames().size()));
        if (r.trials().size() > 1) {
            md.append("\n## Lambda search\n\n| trial | lambda | groups kept | target |\n|---|---|---|---|\n");
            for (int i = 0; i < r.trials().size(); i++) {
                LambdaTrial tr = r.trials().get(i);
                md.append(String.format(
                        Locale.ROOT,
                        "| %d | %.4g | %d of %d | %s |%n",
                        i + 1,
                        tr.lambda(),
                        tr.kept(),
                        tr.groups(),
                        tr.met() ? "met" : "not met"));
            }
        }
        md.append(
                "\n## Groups\n\n| layer | kind | groups | kept | removed | almost zero |\n|---|---|---|---|---|---|\n");
        for (GroupReport g : t.groupReports()) {
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %d | %d | %d | %d |%n",
                    g.layer(),
                    g.kind().name().toLowerCase(Locale.ROOT),
                    g.groups(),
                    g.kept(),
                    g.zero(),
                    g.almostZero()));
        }
        md.append(
                "\n## Layers of the compact model\n\n| layer | units or filters | kept | inputs | kept | multiply-adds "
                        + "before | after | coupled with |\n|---|---|---|---|---|---|---|---|\n");
        long macsBefore = 0;
        long macsAfter = 0;
        for (LayerReport l : p.layers()) {
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %d | %d | %d | %,d | %,d | %s |%n",
                    l.layer(),
                    l.unitsBefore(),
                    l.unitsAfter(),
                    l.inputsBefore(),
                    l.inputsAfter(),
                    l.macsBefore(),
                    l.macsAfter(),
                    l.coupledWith().isEmpty() ? "" : String.join(", ", l.coupledWith())));
            macsBefore += l.macsBefore();
            macsAfter += l.macsAfter();
        }
        md.append(String.format(
                Locale.ROOT,
                "%nMultiply-adds per example in these layers: %,d before, %,d after (%.2fx "
                        + "fewer). Convolutions with the same \"coupled with\" set write one residual stream: a removed "
                        + "channel leaves all of them.%n",
                macsBefore,
                macsAfter,
                macsAfter == 0 ? Double.POSITIVE_INFINITY : (double) macsBefore / macsAfter));
        if (t.model().outputShape().rank() == 2) {
            int window = t.model().inputShape().dim(0);
            md.append(String.format(
                    Locale.ROOT,
                    "For a language model an example is a window of %d characters: per "
                            + "character, %,d multiply-adds before and %,d after in these layers; \"units\" of an attention layer "
                            + "are its heads. A layer left with no head is its output bias at every position (a pure residual "
                            + "path).%n",
                    window,
                    macsBefore / window,
                    macsAfter / window));
        }
        p.notes().forEach(n -> md.append("\nNote: ").append(n).append('\n'));
        String score = cls ? "accuracy" : "RMSE";
        // a language model (a target at every position) is judged by its cross-entropy per character
        boolean lm = t.model().outputShape().rank() == 2;
        md.append("\n## Quality\n\n| split | rows | engine ")
                .append(score)
                .append(
                        lm
                                ? " | engine loss (nats per character) | bits per character |\n|---|---|---|---|---|\n"
                                : " |\n|---|---|---|\n");
        for (Split s : Split.values()) {
            Metrics m = t.metrics(s);
            if (m != null && m.rows() > 0) {
                md.append(String.format(
                        Locale.ROOT,
                        "| %s | %d | %.4f |",
                        s.name().toLowerCase(Locale.ROOT),
                        m.rows(),
                        cls ? m.accuracy() : m.rmse()));
                md.append(
                        lm
                                ? String.format(
                                        Locale.ROOT,
                                        " %.4f | %.4f |%n",
                                        m.loss(),
                                        CompressionResult.ValidationLoss.bits(m.loss()))
                                : "\n");
            }
        }
        md.append(String.format(
                Locale.ROOT,
                "%nThrough ONNX Runtime on the test split (raw features): dense %.4f, "
                        + "compact %.4f; max |ONNX Runtime - engine| output difference %.3g.%n",
                r.verification().denseScore(),
                r.verification().compactScore(),
                r.maxDeviation()));
        r.original()
                .ifPresent(o -> md.append(String.format(
                        Locale.ROOT,
                        "%n## Original model%n%n%s (%s), input %s: the "
                                + "imported model reproduced it in ONNX Runtime before training (max |difference| %.3g); the compact "
                                + "model takes the same input.%n%n| model | test %s through ONNX Runtime |%n|---|---|%n| original | %.4f |%n"
                                + "| compact, before fine-tuning | %s |%n| compact (deployed) | %.4f |%n",
                        o.source(),
                        o.origin(),
                        o.input(),
                        o.importDeviation(),
                        score,
                        o.testScore(),
                        Double.isNaN(r.compactScoreBeforeFineTuning())
                                ? "(no fine-tuning)"
                                : String.format(Locale.ROOT, "%.4f", r.compactScoreBeforeFineTuning()),
                        r.verification().compactScore())));
        r.validationLoss()
                .ifPresent(v -> md.append(String.format(
                        Locale.ROOT,
                        "%n| validation loss through ONNX Runtime "
                                + "| nats per character | bits per character |%n|---|---|---|%n| dense (before export) | %.4f | %.4f |%n"
                                + "| compact | %.4f | %.4f |%n",
                        v.dense(),
                        CompressionResult.ValidationLoss.bits(v.dense()),
                        v.compact(),
                        CompressionResult.ValidationLoss.bits(v.compact()))));
        r.fineTuned().ifPresent(f -> {
            Metrics before = t.metrics(Split.TEST);
            Metrics after = f.metrics(Split.TEST);
            md.append(String.format(
                    Locale.ROOT,
                    "%n## Fine-tuning%n%nThe compact architecture trained for %s more epochs "
                            + "at learning rate %s without the group penalty (removed groups held at zero); the compact model is "
                            + "the fine-tuned one, the dense reference the model before removal.%n%n| test %s | engine | ONNX "
                            + "Runtime (compact) |%n|---|---|---|%n| before | %.4f | %.4f |%n| after | %.4f | %.4f |%n",
                    f.provenance().get("finetune.epochs"),
                    f.provenance().get("finetune.learningRate"),
                    score,
                    cls ? before.accuracy() : before.rmse(),
                    r.compactScoreBeforeFineTuning(),
                    cls ? after.accuracy() : after.rmse(),
                    r.verification().compactScore()));
        });
        r.benchmark()
                .ifPresent(b -> md.append("\n## Latency (ONNX Runtime)\n\n").append(BenchReport.text(b, null)));
        md.append("\n![training curves](training.png)\n");
        return md.toString();
    }

    /**
     * Writes {@code report.md}, {@code report.json} and {@code training.png|svg} into {@code dir}.
     *
     * @param dir output directory (created if missing)
     * @param r the result
     * @throws IOException if the directory is a file or not writable
     */
    public static void write(Path dir, CompressionResult r) throws IOException {
        OutputDirectory.prepare(dir);
        AtomicFiles.write(dir.resolve("report.md"), markdown(r).getBytes(StandardCharsets.UTF_8), true);
        AtomicFiles.write(
                dir.resolve("report.json"),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(json(r)),
                true);
        TrainingCurves.write(dir, r.training().history());
    }

    private static ObjectNode json(CompressionResult r) {
        TrainingResult t = r.training();
        boolean cls = !t.classNames().isEmpty();
        PruningReport p = r.compact().report();
        ObjectNode o = JSON.createObjectNode();
        o.put("depth", t.gating().depth())
                .put("lambda", t.gating().lambda())
                .put("eps", t.gating().eps());
        ArrayNode trials = o.putArray("lambdaTrials");
        r.lambdaTrials().forEach(trials::add);
        ArrayNode search = o.putArray("search");
        r.trials()
                .forEach(tr -> search.addObject()
                        .put("lambda", tr.lambda())
                        .put("kept", tr.kept())
                        .put("groups", tr.groups())
                        .put("met", tr.met()));
        ObjectNode groups = o.putObject("groups");
        for (GroupReport g : t.groupReports()) {
            groups.putObject(g.layer())
                    .put("kind", g.kind().name())
                    .put("total", g.groups())
                    .put("kept", g.kept())
                    .put("almostZero", g.almostZero());
        }
        ArrayNode kept = o.putArray("keptFeatureNames");
        p.keptFeatureNames().forEach(kept::add);
        o.put("denseParameters", p.denseParameters())
                .put("compactParameters", p.exportedParameters())
                .put("denseMultiplyAdds", p.multiplyAddsBefore())
                .put("compactMultiplyAdds", p.multiplyAddsAfter())
                .put("denseBytes", r.dense().size())
                .put("compactBytes", r.compact().size());
        ObjectNode metrics = o.putObject("engineMetrics");
        for (Split s : Split.values()) {
            Metrics m = t.metrics(s);
            if (m != null) {
                ObjectNode n =
                        metrics.putObject(s.name().toLowerCase(Locale.ROOT)).put("rows", m.rows());
                ReportValues.finite(n, "accuracy", m.accuracy());
                ReportValues.finite(n, "rmse", m.rmse());
            }
        }
        o.putPOJO("onnxRuntimeTest", r.verification());
        r.fineTuned().ifPresent(f -> {
            Metrics before = t.metrics(Split.TEST);
            Metrics after = f.metrics(Split.TEST);
            o.putObject("fineTuning")
                    .put("epochs", Integer.parseInt(f.provenance().get("finetune.epochs")))
                    .put("learningRate", Double.parseDouble(f.provenance().get("finetune.learningRate")))
                    .put("engineTestScoreBefore", cls ? before.accuracy() : before.rmse())
                    .put("engineTestScoreAfter", cls ? after.accuracy() : after.rmse())
                    .put("onnxRuntimeCompactScoreBefore", r.compactScoreBeforeFineTuning())
                    .put("onnxRuntimeCompactScoreAfter", r.verification().compactScore());
        });
        o.put("maxDeviation", r.maxDeviation());
        r.original()
                .ifPresent(orig -> o.putObject("original")
                        .put("source", orig.source())
                        .put("origin", orig.origin())
                        .put("input", orig.input())
                        .put("onnxRuntimeTestScore", orig.testScore())
                        .put("importDeviation", orig.importDeviation()));
        r.validationLoss()
                .ifPresent(v -> o.putObject("validationLoss")
                        .put("denseNats", v.dense())
                        .put("compactNats", v.compact())
                        .put("denseBits", CompressionResult.ValidationLoss.bits(v.dense()))
                        .put("compactBits", CompressionResult.ValidationLoss.bits(v.compact())));
        ArrayNode layers = o.putArray("layers");
        for (LayerReport l : p.layers()) {
            ObjectNode n = layers.addObject()
                    .put("layer", l.layer())
                    .put("unitsBefore", l.unitsBefore())
                    .put("unitsAfter", l.unitsAfter())
                    .put("inputsBefore", l.inputsBefore())
                    .put("inputsAfter", l.inputsAfter())
                    .put("macsBefore", l.macsBefore())
                    .put("macsAfter", l.macsAfter());
            l.coupledWith().forEach(n.putArray("coupledWith")::add);
        }
        r.benchmark().ifPresent(b -> {
            ObjectNode n =
                    o.putObject("benchmark").put("provider", b.provider().name().toLowerCase(Locale.ROOT));
            ReportValues.finite(n, "theoreticalSpeedup", b.theoreticalSpeedup());
            ArrayNode rows = n.putArray("rows");
            b.rows()
                    .forEach(row -> rows.addObject()
                            .put("batch", row.dense().batch())
                            .put("denseMedianMs", row.dense().medianMs())
                            .put("compactMedianMs", row.compact().medianMs())
                            .put("measuredSpeedup", row.measuredSpeedup()));
        });
        return o;
    }
}
