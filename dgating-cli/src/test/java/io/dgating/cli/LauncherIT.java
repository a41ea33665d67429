package io.dgating.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgating.api.data.BundledDataset;
import io.dgating.api.data.Dataset;
import io.dgating.api.data.DatasetSplits;
import io.dgating.runtime.CompactPredictor;
import io.dgating.runtime.Provider;
import io.dgating.store.TrainingCheckpointFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the packaged jar as a separate process, the way the README's launcher does. */
class LauncherIT {

    private static Process start(List<String> args) throws IOException {
        Path jar = Path.of("target", "dgating.jar");
        assertTrue(Files.isRegularFile(jar), "the shaded jar is built in the package phase");
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules",
                "jdk.incubator.vector",
                "-Dai.djl.offline=true",
                "-jar",
                jar.toString()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("OPT_OUT_TRACKING", "true");
        return pb.start();
    }

    @Test
    void packagedJarTrainsTheReadmeExample() throws Exception {
        Process p = start(List.of(
                "train",
                "--dataset",
                "breast-cancer",
                "--gate",
                "inputs",
                "--depth",
                "3",
                "--lambda",
                "0.05",
                "--epochs",
                "100",
                "--no-progress"));
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), err);
        assertTrue(out.contains("dense1     input features       30"), out);
        assertTrue(out.contains("kept features ("), out);
    }

    @Test
    void stderrHoldsOnlyDgatingsLinesUnlessVerbose() throws Exception {
        // the DJL engine: PyTorch's start logs through SLF4J and dgating's own INFO line
        List<String> train = List.of("train", "--dataset", "iris", "--engine", "djl", "--epochs", "3", "--no-progress");
        Process quiet = start(train);
        assertTrue(quiet.waitFor(180, TimeUnit.SECONDS));
        String err = new String(quiet.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, quiet.exitValue(), err);
        // the java launcher itself notes the incubator module (./dgating drops that line)
        assertTrue(
                err.lines()
                        .allMatch(l -> l.startsWith("dgating: ")
                                || l.equals("WARNING: Using incubator modules: jdk.incubator.vector")),
                err);
        assertFalse(err.contains("SLF4J") || err.contains("INFO"), err);

        List<String> verbose = new ArrayList<>(train);
        verbose.add("--verbose");
        Process loud = start(verbose);
        assertTrue(loud.waitFor(180, TimeUnit.SECONDS));
        String all = new String(loud.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, loud.exitValue(), all);
        assertTrue(all.contains("dgating: info: djl engine: PyTorch"), all);
    }

    @Test
    void packagedJarExitsTwoOnBadInput() throws Exception {
        Process p = start(List.of("train", "--dataset", "no-such-file.csv"));
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(2, p.exitValue());
        // the JVM itself may note the incubator module first; our message is the last line
        List<String> lines = err.strip().lines().toList();
        assertEquals("dgating: no-such-file.csv: file not found", lines.get(lines.size() - 1));
        assertTrue(lines.stream().allMatch(l -> l.startsWith("dgating: ") || l.contains("incubator")), err);
    }

    @Test
    void packagedCompressWritesAModelThatGivesTheReportedAccuracy(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("compressed");
        Process p = start(List.of(
                "compress",
                "--data",
                "breast-cancer",
                "--lambda",
                "0.05",
                "--epochs",
                "60",
                "--batch",
                "1,32",
                "--calls",
                "20",
                "--no-progress",
                "--out",
                out.toString()));
        assertTrue(p.waitFor(300, TimeUnit.SECONDS));
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), err);
        assertTrue(stdout.contains("test accuracy through ONNX Runtime"), stdout);
        com.fasterxml.jackson.databind.JsonNode report = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(out.resolve("report.json").toFile());
        Dataset test = DatasetSplits.random(BundledDataset.BREAST_CANCER.load(), 0.2, 0.2, 42)
                .test();
        try (CompactPredictor predictor =
                CompactPredictor.load(Files.readAllBytes(out.resolve("model.onnx")), Provider.CPU, 1)) {
            float[] row = new float[test.cols()];
            int correct = 0;
            for (int i = 0; i < test.rows(); i++) {
                test.copyRow(i, row, 0);
                correct += predictor.classify(row) == (int) test.target(i) ? 1 : 0;
            }
            assertEquals(
                    report.path("onnxRuntimeTest").path("compactScore").doubleValue(),
                    (double) correct / test.rows(),
                    1e-12);
            assertEquals(report.path("keptFeatureNames").size(), predictor.keptFeatures().length);
        }
    }

    @Test
    void sigtermDuringTrainingLeavesNoHalfWrittenFiles() throws Exception {
        Path out = Files.createTempDirectory("dgating-sigterm-it");
        Process p = start(List.of(
                "compress",
                "--data",
                "digits",
                "--hidden",
                "256,128",
                "--epochs",
                "400",
                "--checkpoint-every",
                "1",
                "--batch",
                "",
                "--no-progress",
                "--out",
                out.toString()));
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (Files.notExists(out.resolve("checkpoint.dgc")) && System.nanoTime() < deadline && p.isAlive()) {
            Thread.sleep(50);
        }
        assertTrue(p.isAlive(), "the run should still be training");
        Thread.sleep(300);
        p.destroy(); // SIGTERM
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        try (var files = Files.list(out)) {
            List<String> names =
                    files.map(f -> f.getFileName().toString()).sorted().toList();
            assertTrue(names.stream().noneMatch(n -> n.endsWith(".partial")), "temporary files left: " + names);
            assertTrue(
                    names.stream().noneMatch(n -> n.equals("model.onnx")), "no model from an unfinished run: " + names);
        }
        new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(out.resolve("config.json").toFile());
        TrainingCheckpointFile.Saved saved = TrainingCheckpointFile.read(out.resolve("checkpoint.dgc"));
        assertTrue(saved.checkpoint().epochsDone() >= 1);
    }
}
