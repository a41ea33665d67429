package io.dgating.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
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
        CliRun t = run("train", "--dataset", "breast-cancer", "--hidden", "32", "--lambda", "0.05", "--epochs", "40",
                "--no-progress", "--threads", "1", "--export", dir.resolve("c.onnx").toString(), "--export-dense",
                dir.resolve("d.onnx").toString());
        assertEquals(0, t.code(), t.err());
    }

    @Test
    void benchPrintsLatencySpeedupsAndAccuracy() {
        CliRun b = run("bench", dir.resolve("d.onnx").toString(), dir.resolve("c.onnx").toString(), "--batch", "1,8",
                "--calls", "20", "--warmup", "2", "--dataset", "breast-cancer", "--out", dir.resolve("bench").toString());
        assertEquals(0, b.code(), b.err());
        assertTrue(b.out().contains("provider: cpu"), b.out());
        assertTrue(b.out().contains("theoretical speed-up"), b.out());
        assertTrue(b.out().contains("| 8 | "), b.out());
        // the same seed and fractions as train: both models score on the training run's test split
        assertTrue(b.out().contains("accuracy on 113 test rows through ONNX Runtime"), b.out());
        assertTrue(Files.exists(dir.resolve("bench").resolve("bench.json")));
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
        CliRun p = run("path", "--dataset", "iris", "--hidden", "8", "--depth", "3", "--lambdas", "0.01,0.3",
                "--epochs", "15", "--no-progress", "--out", out.toString());
        assertEquals(0, p.code(), p.err());
        assertTrue(p.out().contains("path: 2 runs"), p.out());
        for (String f : new String[] {"report.md", "path.json", "path.csv", "accuracy-vs-groups.png",
            "accuracy-vs-speedup.svg"}) {
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
}
