package io.dgating.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dgating.bench.AccuracyComparison;
import io.dgating.bench.BenchmarkResult;
import io.dgating.bench.LatencyStats;
import io.dgating.bench.SingleRowBenchmark;
import io.dgating.store.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The dense-versus-compact benchmark as text (for the console and {@code bench.md}) and JSON. */
public final class BenchReport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BenchReport() {}

    /**
     * Returns the report as Markdown (also readable as plain text).
     *
     * @param r the benchmark
     * @param accuracy the accuracy comparison, or null
     * @return the text
     */
    public static String text(BenchmarkResult r, AccuracyComparison accuracy) {
        return text(r, accuracy, List.of());
    }

    /**
     * Returns the report as Markdown, with a section on single-row calls from several caller threads.
     *
     * @param r the benchmark
     * @param accuracy the accuracy comparison, or null
     * @param singleRow single-row measurements (none: no section)
     * @return the text
     */
    public static String text(
            BenchmarkResult r, AccuracyComparison accuracy, List<SingleRowBenchmark.Stats> singleRow) {
        StringBuilder sb = new StringBuilder();
        sb.append("provider: ")
                .append(r.provider().name().toLowerCase(Locale.ROOT))
                .append('\n');
        sb.append(String.format(
                Locale.ROOT,
                "multiply-adds per row: dense %,d, compact %,d -> theoretical speed-up %.2fx%n",
                r.dense().macsPerRow(),
                r.compact().macsPerRow(),
                r.theoreticalSpeedup()));
        sb.append(String.format(
                Locale.ROOT,
                "parameters: dense %,d, compact %,d (%.2fx); file size: dense %,d B, compact %,d B (%.2fx)%n%n",
                r.dense().parameters(),
                r.compact().parameters(),
                r.parameterRatio(),
                r.dense().bytes(),
                r.compact().bytes(),
                r.fileSizeRatio()));
        sb.append(
                "| batch | threads | model | median ms | p90 ms | p99 ms | rows/s | measured speed-up | theoretical | gap |\n");
        sb.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (BenchmarkResult.Row row : r.rows()) {
            line(sb, row.dense(), "dense", "", "", "");
            line(
                    sb,
                    row.compact(),
                    "compact",
                    String.format(Locale.ROOT, "%.2fx", row.measuredSpeedup()),
                    ReportValues.speedup(r.theoreticalSpeedup()),
                    ReportValues.speedup(r.theoreticalSpeedup() / row.measuredSpeedup()));
        }
        sb.append("\n(gap = theoretical / measured speed-up: what the runtime leaves on the table)\n");
        if (accuracy != null) {
            String what = accuracy.classification() ? "accuracy" : "RMSE";
            sb.append(String.format(
                    Locale.ROOT,
                    "%n%s on %d test rows through ONNX Runtime: dense %.4f, compact %.4f; "
                            + "max |output difference| %.3g%n",
                    what,
                    accuracy.rows(),
                    accuracy.denseScore(),
                    accuracy.compactScore(),
                    accuracy.maxOutputDifference()));
        }
        if (!singleRow.isEmpty()) {
            sb.append(
                    "\nCompact model, one row per call (1 intra-op thread; each caller thread reuses its own buffers):\n\n");
            sb.append("| called through | caller threads | median us | p99 us | rows/s |\n|---|---|---|---|---|\n");
            for (SingleRowBenchmark.Stats s : singleRow) {
                sb.append(String.format(
                        Locale.ROOT,
                        "| %s | %d | %.1f | %.1f | %,.0f |%n",
                        s.label(),
                        s.callers(),
                        s.latency().medianMs() * 1e3,
                        s.latency().p99Ms() * 1e3,
                        s.rowsPerSecond()));
            }
        }
        return sb.toString();
    }

    private static void line(
            StringBuilder sb, LatencyStats s, String model, String speedup, String theory, String gap) {
        sb.append(String.format(
                Locale.ROOT,
                "| %d | %d | %s | %.4f | %.4f | %.4f | %,.0f | %s | %s | %s |%n",
                s.batch(),
                s.threads(),
                model,
                s.medianMs(),
                s.p90Ms(),
                s.p99Ms(),
                s.throughput(),
                speedup,
                theory,
                gap));
    }

    /**
     * Writes {@code bench.md} and {@code bench.json} into {@code dir}.
     *
     * @param dir output directory
     * @param r the benchmark
     * @param accuracy the accuracy comparison, or null
     * @throws IOException if the directory is a file or not writable
     */
    public static void write(Path dir, BenchmarkResult r, AccuracyComparison accuracy) throws IOException {
        write(dir, r, accuracy, List.of());
    }

    /**
     * Writes {@code bench.md} and {@code bench.json} into {@code dir}, with the single-row section.
     *
     * @param dir output directory
     * @param r the benchmark
     * @param accuracy the accuracy comparison, or null
     * @param singleRow single-row measurements (may be empty)
     * @throws IOException if the directory is a file or not writable
     */
    public static void write(
            Path dir, BenchmarkResult r, AccuracyComparison accuracy, List<SingleRowBenchmark.Stats> singleRow)
            throws IOException {
        OutputDirectory.prepare(dir);
        AtomicFiles.write(
                dir.resolve("bench.md"),
                ("# Dense vs compact\n\n" + text(r, accuracy, singleRow)).getBytes(StandardCharsets.UTF_8),
                true);
        ObjectNode root = JSON.createObjectNode();
        root.put("provider", r.provider().name().toLowerCase(Locale.ROOT));
        root.putPOJO("dense", r.dense());
        root.putPOJO("compact", r.compact());
        ReportValues.finite(root, "theoreticalSpeedup", r.theoreticalSpeedup());
        ReportValues.finite(root, "parameterRatio", r.parameterRatio());
        root.put("fileSizeRatio", r.fileSizeRatio());
        ArrayNode rows = root.putArray("rows");
        for (BenchmarkResult.Row row : r.rows()) {
            ObjectNode o = rows.addObject();
            o.putPOJO("dense", row.dense());
            o.putPOJO("compact", row.compact());
            o.put("measuredSpeedup", row.measuredSpeedup());
        }
        if (accuracy != null) {
            root.putPOJO("accuracy", accuracy);
        }
        ArrayNode single = root.putArray("singleRow");
        for (SingleRowBenchmark.Stats s : singleRow) {
            ObjectNode o = single.addObject();
            o.put("calledThrough", s.label());
            o.put("callerThreads", s.callers());
            o.putPOJO("latency", s.latency());
            o.put("rowsPerSecond", s.rowsPerSecond());
        }
        AtomicFiles.write(
                dir.resolve("bench.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root), true);
    }
}
