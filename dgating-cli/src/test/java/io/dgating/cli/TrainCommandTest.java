package io.dgating.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgating.api.train.TrainingResult;
import io.dgating.store.TrainingResultFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The train command in-process, output captured through the injected writers. */
class TrainCommandTest {

    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void trainsABundledDatasetAndPrintsKeptGroupsAndAccuracy() {
        CliRun r = run(
                "train",
                "--dataset",
                "iris",
                "--hidden",
                "16",
                "--gate",
                "inputs",
                "--depth",
                "3",
                "--lambda",
                "0.02",
                "--epochs",
                "40",
                "--batch-size",
                "16",
                "--threads",
                "1",
                "--no-progress");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("dataset iris: 90 train / 30 validation / 30 test rows, 4 features"), r.out());
        Matcher m = Pattern.compile("dense1\\s+input features\\s+4\\s+(\\d+)\\s+(\\d+)")
                .matcher(r.out());
        assertTrue(m.find(), r.out());
        assertEquals(4, Integer.parseInt(m.group(1)) + Integer.parseInt(m.group(2)));
        Matcher acc = Pattern.compile("test\\s+30\\s+\\S+\\s+(\\S+)").matcher(r.out());
        assertTrue(acc.find(), r.out());
        assertTrue(Double.parseDouble(acc.group(1)) > 0.8, "iris test accuracy " + acc.group(1));
    }

    @Test
    void neuronGatingOnACsvFileWithAStringLabel() throws IOException {
        StringBuilder csv = new StringBuilder("a,b,kind\n");
        Random rnd = new Random(1);
        for (int i = 0; i < 200; i++) {
            double a = rnd.nextGaussian();
            double b = rnd.nextGaussian();
            csv.append(a)
                    .append(',')
                    .append(b)
                    .append(',')
                    .append(a + b > 0 ? "up" : "down")
                    .append('\n');
        }
        Path file = dir.resolve("toy.csv");
        Files.writeString(file, csv);
        CliRun r = run(
                "train",
                "--dataset",
                file.toString(),
                "--label",
                "kind",
                "--hidden",
                "8,8",
                "--gate",
                "neurons",
                "--lambda",
                "0.01",
                "--epochs",
                "20",
                "--no-progress");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("dense1     neurons"), r.out());
        assertTrue(r.out().contains("dense2     neurons"), r.out());
    }

    @Test
    void badInputGivesOneLineAndExitTwo() throws IOException {
        Path ragged = dir.resolve("ragged.csv");
        Files.writeString(ragged, "a,b,y\n1,2,0\n1,2\n");
        String[][] cases = {
            {"--dataset", dir.resolve("missing.csv").toString()},
            {"--dataset", ragged.toString()},
            {"--dataset", "iris", "--depth", "1"},
            {"--dataset", "iris", "--lambda", "-0.5"},
            {"--dataset", ragged.toString(), "--label", "nope"},
            {"--dataset", "iris", "--gate", "filters"},
            {"--dataset", "iris", "--gate", "channels"},
            {"--dataset", "iris", "--gate", "heads"},
            {"--dataset", "iris", "--lr", "0"},
        };
        String[] expected = {
            "missing.csv: file not found",
            "ragged.csv, line 3: has 2 fields, expected 3",
            "depth D must be >= 2",
            "lambda must be a finite number >= 0, got -0.5",
            "no such label column; the header has a, b, y",
            "filters gating gates conv filters, but the model has no convolution",
            "--gate must be inputs, neurons, filters, both, heads or none",
            "the model has no attention layer whose heads can be gated",
            "learning rate must be a finite number > 0"
        };
        for (int i = 0; i < cases.length; i++) {
            String[] args = new String[cases[i].length + 3];
            args[0] = "train";
            System.arraycopy(cases[i], 0, args, 1, cases[i].length);
            args[args.length - 2] = "--epochs";
            args[args.length - 1] = "1";
            CliRun r = run(args);
            assertEquals(2, r.code(), String.join(" ", args) + "\n" + r.err());
            assertTrue(r.err().startsWith("dgating: ") && r.err().contains(expected[i]), r.err());
            assertEquals(1, r.err().strip().lines().count(), "one line without --verbose: " + r.err());
        }
    }

    @Test
    void progressIsOneLinePerEpochWhenErrorsGoToAFileOrPipe() {
        CliRun r = run("train", "--dataset", "iris", "--hidden", "4", "--gate", "inputs", "--epochs", "3");
        assertEquals(0, r.code(), r.err());
        assertTrue(!r.err().contains("\r"), "no carriage-return redraws: " + r.err());
        List<String> epochs =
                r.err().lines().filter(l -> l.startsWith("epoch ")).toList();
        assertEquals(3, epochs.size(), r.err());
        assertTrue(
                Pattern.compile("^epoch 3/3 loss \\d+\\.\\d{4} alive dense1=\\d+ \\(\\d+\\.\\d s\\)$")
                        .matcher(epochs.get(2))
                        .matches(),
                epochs.get(2));
        CliRun quiet = run("train", "--dataset", "iris", "--hidden", "4", "--epochs", "3", "--no-progress");
        assertTrue(quiet.err().lines().noneMatch(l -> l.startsWith("epoch ")), quiet.err());
    }

    @Test
    void verboseAddsTheStackTraceUnderEitherName() {
        for (String flag : new String[] {"--verbose", "-v"}) {
            CliRun r = run("train", "--dataset", "no-such-file.csv", "--epochs", "1", flag);
            assertEquals(2, r.code(), r.err());
            assertTrue(r.err().startsWith("dgating: "), r.err());
            assertTrue(r.err().contains("\tat io.dgating."), flag + " prints the stack trace: " + r.err());
        }
    }

    @Test
    void unknownOptionIsAUsageError() {
        CliRun r = run("train", "--dataset", "iris", "--frobnicate");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("Unknown option: '--frobnicate'"), r.err());
    }

    @Test
    void versionNamesTheBuildTheEnginesTheKernelAndOnnxRuntime() {
        CliRun r = run("--version");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).matches("dgating \\S.* commit ([0-9a-f]{12}|unknown)"), r.out());
        assertTrue(
                lines.stream()
                        .anyMatch(l -> l.matches(
                                "engine cpu \\(default\\): cpu, \\d+ threads, " + "(simd-\\d+|scalar) kernel")),
                r.out());
        assertTrue(lines.stream().anyMatch(l -> l.equals("engine djl: available")), r.out());
        assertTrue(lines.stream().anyMatch(l -> l.matches("ONNX Runtime \\d+\\.\\d+\\.\\d+")), r.out());
    }

    @Test
    void enginesListsTheCpuEngineAsDefault() {
        CliRun r = run("engines");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("cpu      0         yes        (default)"), r.out());
    }

    @Test
    void speedReportsStepsPerSecond() {
        CliRun r = run(
                "speed",
                "--layers",
                "20,16,2",
                "--batch",
                "8,32",
                "--steps",
                "5",
                "--warmup",
                "2",
                "--rounds",
                "1",
                "--peak-millis",
                "100");
        assertEquals(0, r.code(), r.err());
        // steps/s, ms/step, GFLOP/s from 20*16 + 16*2 multiply-adds per example, share of the measured peak
        assertTrue(
                Pattern.compile("(?m)^8\\s+\\d+\\.\\d+\\s+\\d+\\.\\d+\\s+\\d+\\.\\d+\\s+\\d+%$")
                        .matcher(r.out())
                        .find(),
                r.out());
        assertTrue(
                Pattern.compile("(?m)^peak of this engine's threads .*: \\d+\\.\\d GFLOP/s$")
                        .matcher(r.out())
                        .find(),
                r.out());
        assertTrue(Pattern.compile("(?m)^32\\s+\\d+\\.\\d+").matcher(r.out()).find(), r.out());
        assertTrue(r.out().contains("D = 3 inputs gating"), r.out());
    }

    @Test
    void speedAlternatesDepthsAndReportsWhatGatingCosts() {
        CliRun r = run(
                "speed",
                "--layers",
                "20,16,2",
                "--batch",
                "8",
                "-D",
                "0,3",
                "--steps",
                "4",
                "--warmup",
                "2",
                "--rounds",
                "3",
                "--peak-millis",
                "0");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("ungated and D = 3 inputs gating, alternating rounds"), r.out());
        assertTrue(
                Pattern.compile("(?m)^8\\s+0\\s+\\d+\\.\\d+\\s+\\d+\\.\\d+")
                        .matcher(r.out())
                        .find(),
                r.out());
        assertTrue(
                Pattern.compile("(?m)^8\\s+3\\s+\\d+\\.\\d+\\s+\\d+\\.\\d+")
                        .matcher(r.out())
                        .find(),
                r.out());
        assertTrue(
                Pattern.compile("(?m)^batch 8: D = 3 runs at \\d+\\.\\d% of D = 0's speed \\(median of 3 back-to-back "
                                + "rounds\\)$")
                        .matcher(r.out())
                        .find(),
                r.out());
        CliRun bad = run(
                "speed",
                "--layers",
                "20,16,2",
                "--batch",
                "8",
                "-D",
                "0,1",
                "--steps",
                "1",
                "--rounds",
                "1",
                "--peak-millis",
                "0");
        assertEquals(2, bad.code(), bad.out());
    }

    @Test
    void speedGatesFiltersOfAConvolutionalNetworkAndRejectsUnknownGates() {
        CliRun r = run(
                "speed",
                "--model",
                "lenet5",
                "--input",
                "1,12,12",
                "--gate",
                "filters",
                "--batch",
                "4",
                "--steps",
                "2",
                "--warmup",
                "1",
                "--rounds",
                "1",
                "--peak-millis",
                "0");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("D = 3 filters gating"), r.out());
        assertTrue(Pattern.compile("(?m)^4\\s+\\d+\\.\\d+").matcher(r.out()).find(), r.out());
        CliRun bad = run(
                "speed", "--gate", "columns", "--batch", "4", "--steps", "1", "--rounds", "1", "--peak-millis", "0");
        assertEquals(2, bad.code(), bad.out());
        assertTrue(bad.err().contains("--gate takes inputs, filters, heads or auto"), bad.err());
    }

    @Test
    void groupedColumnsShareOneGateAndAreKeptOrDroppedTogether() throws Exception {
        // one-hot colour (3 columns), a two-channel sensor x, and a pure-noise column; the label is the colour
        StringBuilder csv = new StringBuilder("color_red,color_blue,color_green,x.1,x.2,noise,label\n");
        Random rnd = new Random(1);
        for (int i = 0; i < 300; i++) {
            int c = rnd.nextInt(3);
            csv.append(c == 0 ? 1 : 0)
                    .append(',')
                    .append(c == 1 ? 1 : 0)
                    .append(',')
                    .append(c == 2 ? 1 : 0)
                    .append(',')
                    .append(rnd.nextGaussian())
                    .append(',')
                    .append(rnd.nextGaussian())
                    .append(',')
                    .append(rnd.nextGaussian())
                    .append(',')
                    .append(c)
                    .append('\n');
        }
        Path file = Files.createTempFile("grouped", ".csv");
        try {
            Files.writeString(file, csv);
            Path saved = file.resolveSibling(file.getFileName() + ".dgr");
            CliRun r = run(
                    "train",
                    "--data",
                    file.toString(),
                    "--label",
                    "label",
                    "--groups",
                    "prefix",
                    "--depth",
                    "2",
                    "--lambda",
                    "0.05",
                    "--epochs",
                    "60",
                    "--no-progress",
                    "--threads",
                    "1",
                    "--save",
                    saved.toString());
            assertEquals(0, r.code(), r.err());
            assertTrue(
                    r.out().matches("(?s).*dense1 +input features +3 .*"), "three groups: color, x, noise\n" + r.out());
            TrainingResult result = TrainingResultFile.read(saved);
            Files.deleteIfExists(saved);
            assertEquals(
                    List.of(0, 0, 0, 1, 1, 2),
                    Arrays.stream(result.gating().gateOf("dense1").featureGroups())
                            .boxed()
                            .toList(),
                    "one gate per group, stored with the result");
            assertEquals(3, result.parameters().get("dense1.gates").dim(0));
            // the colour decides the label and the noise does not: the colour group is far from zero, noise shrinks
            double[] norms = result.groupReports().get(0).norms();
            assertTrue(norms[0] > 10 * norms[2], Arrays.toString(norms));
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
