package io.dgating.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgating.experiments.simulation.GroupRegressionProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench} and {@code path} through the command line, including bad input. */
class BenchAndPathCommandTest {

    @TempDir
    static Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @BeforeAll
    static void export() {
        CliRun t = run(
                "train",
                "--dataset",
                "breast-cancer",
                "--hidden",
                "32",
                "--lambda",
                "0.05",
                "--epochs",
                "40",
                "--no-progress",
                "--threads",
                "1",
                "--export",
                dir.resolve("c.onnx").toString(),
                "--export-dense",
                dir.resolve("d.onnx").toString());
        assertEquals(0, t.code(), t.err());
    }

    @Test
    void benchPrintsLatencySpeedupsAndAccuracy() {
        CliRun b = run(
                "bench",
                dir.resolve("d.onnx").toString(),
                dir.resolve("c.onnx").toString(),
                "--batch",
                "1,8",
                "--calls",
                "20",
                "--warmup",
                "2",
                "--dataset",
                "breast-cancer",
                "--out",
                dir.resolve("bench").toString());
        assertEquals(0, b.code(), b.err());
        assertTrue(b.out().contains("provider: cpu"), b.out());
        assertTrue(b.out().contains("theoretical speed-up"), b.out());
        assertTrue(b.out().contains("| 8 | "), b.out());
        // the same seed and fractions as train: both models score on the training run's test split
        assertTrue(b.out().contains("accuracy on 113 test rows through ONNX Runtime"), b.out());
        assertTrue(Files.exists(dir.resolve("bench").resolve("bench.json")));
        // the compact model one row per call, three ways, at 1 and 8 caller threads
        for (String way :
                new String[] {"onnxruntime, new tensors per call", "onnxruntime, prepared call", "CompactPredictor"}) {
            assertTrue(b.out().contains("| " + way + " | 1 | "), way + "\n" + b.out());
            assertTrue(b.out().contains("| " + way + " | 8 | "), way + "\n" + b.out());
        }
    }

    @Test
    void benchSkipsSingleRowsWithCallersZeroAndRejectsNegativeCounts() {
        CliRun skip = run(
                "bench",
                dir.resolve("d.onnx").toString(),
                dir.resolve("c.onnx").toString(),
                "--batch",
                "1",
                "--calls",
                "5",
                "--warmup",
                "1",
                "--callers",
                "0");
        assertEquals(0, skip.code(), skip.err());
        assertTrue(!skip.out().contains("one row per call"), skip.out());
        CliRun bad = run(
                "bench",
                dir.resolve("d.onnx").toString(),
                dir.resolve("c.onnx").toString(),
                "--batch",
                "1",
                "--calls",
                "5",
                "--warmup",
                "1",
                "--callers",
                "1,-2");
        assertEquals(2, bad.code(), bad.out());
        assertTrue(bad.err().contains("--callers"), bad.err());
    }

    @Test
    void benchRejectsCorruptModelsWithExitTwo() throws Exception {
        Path junk = dir.resolve("junk.onnx");
        Files.write(junk, new byte[] {8, 1, 2, 3});
        CliRun b = run("bench", dir.resolve("d.onnx").toString(), junk.toString(), "--calls", "1");
        assertEquals(2, b.code(), b.err());
        assertTrue(b.err().contains(junk + ": not a model ONNX Runtime can load"), b.err());
        CliRun missing = run("bench", dir.resolve("nope.onnx").toString(), junk.toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("nope.onnx: file not found"), missing.err());
    }

    @Test
    void pathWritesTheReport() throws Exception {
        Path out = dir.resolve("path");
        CliRun p = run(
                "path",
                "--dataset",
                "iris",
                "--hidden",
                "8",
                "--depth",
                "3",
                "--lambdas",
                "0.01,0.3",
                "--epochs",
                "15",
                "--no-progress",
                "--out",
                out.toString());
        assertEquals(0, p.code(), p.err());
        assertTrue(p.out().contains("path: 2 points"), p.out());
        for (String f :
                new String[] {"report.md", "path.json", "path.csv", "accuracy-vs-groups.png", "accuracy-vs-speedup.svg"
                }) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        Path file = dir.resolve("a-file");
        Files.writeString(file, "x");
        CliRun bad = run("path", "--dataset", "iris", "--lambdas", "0.1", "--out", file.toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("is a file, not a directory"), bad.err());
        CliRun grid = run("path", "--dataset", "iris", "--lambdas", "1:0.1:3", "--out", out.toString());
        assertEquals(2, grid.code());
        assertTrue(grid.err().contains("need 0 < FROM < TO"), grid.err());
    }

    @Test
    void pathSolvesTheGroupLassoBesideD2AndFineTunes() throws Exception {
        GroupRegressionProblem p = GroupRegressionProblem.draw(300, 0, 6, 2, 2, 0.3, 3L);
        StringBuilder csv = new StringBuilder();
        for (int k = 0; k < 12; k++) {
            csv.append("g").append(k / 2).append('_').append(k % 2).append(',');
        }
        csv.append("y\n");
        for (int i = 0; i < p.x().length; i++) {
            for (double v : p.x()[i]) {
                csv.append((float) v).append(',');
            }
            csv.append((float) p.y()[i]).append('\n');
        }
        Path data = Files.writeString(dir.resolve("groups.csv"), csv);
        Path out = dir.resolve("gl-path");
        CliRun r = run(
                "path",
                "--data",
                data.toString(),
                "--label",
                "y",
                "--task",
                "regression",
                "--model",
                "linear",
                "--groups",
                "prefix",
                "--method",
                "group-lasso,d-gating",
                "--depth",
                "2",
                "--lambdas",
                "0.02,0.4",
                "--epochs",
                "1500",
                "--batch-size",
                "1000",
                "--lr",
                "0.02",
                "--schedule",
                "constant",
                "--finetune-epochs",
                "5",
                "--no-progress",
                "--out",
                out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("path: 4 points (group-lasso, D = [2]"), r.out());
        com.fasterxml.jackson.databind.JsonNode points = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(out.resolve("path.json").toFile())
                .path("points");
        assertEquals(4, points.size());
        Map<String, Integer> keptByRun = new HashMap<>();
        for (com.fasterxml.jackson.databind.JsonNode pt : points) {
            keptByRun.put(
                    pt.path("method").asText() + "@" + pt.path("lambda").asDouble(),
                    pt.path("groupsKept").path("linear").asInt());
            assertTrue(
                    pt.path("testScoreBeforeFineTuning").isNumber(), "fine-tuned, so the score before is known: " + pt);
        }
        // D = 2 is the group lasso: the same groups survive at each lambda; the larger lambda removes some
        for (double l : new double[] {0.02, 0.4}) {
            assertEquals(
                    keptByRun.get("group-lasso@" + l),
                    keptByRun.get("d-gating@" + l),
                    "lambda " + l + ": " + keptByRun);
        }
        assertTrue(keptByRun.get("group-lasso@0.4") < 6, keptByRun.toString());
        assertTrue(Files.readString(out.resolve("report.md")).contains("| group lasso |"));
    }

    @Test
    void sparkOptionsSayWhatIsMissing() {
        CliRun noModule = run(
                "path",
                "--dataset",
                "iris",
                "--hidden",
                "8",
                "--lambdas",
                "0.1",
                "--spark",
                "local[2]",
                "--out",
                dir.resolve("spark").toString());
        assertTrue(noModule.code() != 0, noModule.out());
        assertTrue(noModule.err().contains("--spark needs the dgating-spark module"), noModule.err());
        CliRun confOnly = run(
                "path",
                "--dataset",
                "iris",
                "--hidden",
                "8",
                "--lambdas",
                "0.1",
                "--spark-conf",
                "spark.executor.memory=1g",
                "--out",
                dir.resolve("spark-conf").toString());
        assertTrue(confOnly.code() != 0, confOnly.out());
        assertTrue(
                confOnly.err().contains("--spark-conf spark.executor.memory was given without --spark"),
                confOnly.err());
    }

    @Test
    void aLocalPathSharesTheCoresAmongItsParallelTrainings() throws Exception {
        Path out = dir.resolve("shared-cores");
        CliRun p = run(
                "path",
                "--dataset",
                "iris",
                "--hidden",
                "8",
                "--depth",
                "2",
                "--lambdas",
                "0.01,0.1",
                "--epochs",
                "5",
                "--parallel",
                "2",
                "--no-progress",
                "--out",
                out.toString());
        assertEquals(0, p.code(), p.err());
        int share = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        assertTrue(
                Files.readString(out.resolve("report.md")).contains("cpu, " + share + " threads"),
                "two trainings at once should get half the cores each");
    }
}
