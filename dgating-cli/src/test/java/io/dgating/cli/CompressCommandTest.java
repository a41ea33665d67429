package io.dgating.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dgating.api.data.BundledDataset;
import io.dgating.api.data.Dataset;
import io.dgating.api.data.DatasetSplits;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dgating compress}: the files it writes, the accuracy it reports, and every bad input. */
class CompressCommandTest {

    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void compressWritesVerifiedModelsAndTheReportedAccuracyHoldsInOnnxRuntime() throws Exception {
        Path out = dir.resolve("wine");
        CliRun r = run(
                "compress",
                "--data",
                "wine",
                "--hidden",
                "16",
                "--lambda",
                "0.2",
                "--epochs",
                "60",
                "--batch",
                "1,16",
                "--calls",
                "10",
                "--no-progress",
                "--threads",
                "1",
                "--out",
                out.toString());
        assertEquals(0, r.code(), r.err());
        for (String f : new String[] {
            "model.onnx", "model-dense.onnx", "result.dgr", "report.md", "report.json", "training.png", "training.svg"
        }) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        assertTrue(r.err().contains("verified: ONNX Runtime reproduces the trained model"), r.err());
        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        double reported = report.path("onnxRuntimeTest").path("compactScore").doubleValue();
        // fine-tuning is on by default: a tenth of the 60 epochs at a tenth of the learning rate
        assertEquals(6, report.path("fineTuning").path("epochs").asInt(), report.toString());
        assertEquals(0.005, report.path("fineTuning").path("learningRate").asDouble(), 1e-12);
        assertEquals(
                reported,
                report.path("fineTuning").path("onnxRuntimeCompactScoreAfter").asDouble(),
                0.0);

        // independently: the same split (seed 42, 20% test), raw features, the compact file in ONNX Runtime
        Dataset test =
                DatasetSplits.random(BundledDataset.WINE.load(), 0.2, 0.2, 42).test();
        JsonNode kept = report.path("keptFeatureNames");
        int[] cols = new int[kept.size()];
        for (int k = 0; k < cols.length; k++) {
            cols[k] = test.featureNames().indexOf(kept.get(k).asText());
        }
        float[] x = new float[test.rows() * cols.length];
        for (int i = 0; i < test.rows(); i++) {
            for (int k = 0; k < cols.length; k++) {
                x[i * cols.length + k] = test.feature(i, cols[k]);
            }
        }
        int correct = 0;
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions();
                OrtSession s = env.createSession(out.resolve("model.onnx").toString(), o);
                OnnxTensor in =
                        OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[] {test.rows(), cols.length});
                OrtSession.Result res = s.run(Map.of("features", in))) {
            float[][] logits = (float[][]) res.get("output").orElseThrow().getValue();
            for (int i = 0; i < test.rows(); i++) {
                int best = 0;
                for (int c = 1; c < logits[i].length; c++) {
                    best = logits[i][c] > logits[i][best] ? c : best;
                }
                correct += best == (int) test.target(i) ? 1 : 0;
            }
        }
        assertEquals(reported, (double) correct / test.rows(), 1e-12);
        assertTrue(Files.readString(out.resolve("report.md")).contains("## Latency (ONNX Runtime)"));

        CliRun again = run("compress", "--data", "wine", "--epochs", "1", "--out", out.toString());
        assertEquals(2, again.code());
        assertTrue(again.err().contains("model.onnx exists; pass --overwrite"), again.err());
    }

    @Test
    void targetSparsityChoosesLambdaAndMeetsIt() throws Exception {
        Path out = dir.resolve("iris");
        CliRun r = run(
                "compress",
                "--data",
                "iris",
                "--hidden",
                "8",
                "--target-sparsity",
                "keep:2",
                "--lambda",
                "0.01",
                "--epochs",
                "30",
                "--batch",
                "",
                "--no-progress",
                "--out",
                out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("(chosen by search"), r.out());
        Matcher m = Pattern.compile("dense1 +input_features +(\\d+) of 4 groups kept")
                .matcher(r.out());
        assertTrue(m.find(), r.out());
        assertTrue(Integer.parseInt(m.group(1)) <= 2, r.out());
        assertTrue(r.err().contains("chose lambda"), r.err());
        // every trial is in the report, and the chosen model is the met trial that kept the most
        JsonNode search =
                new ObjectMapper().readTree(out.resolve("report.json").toFile()).path("search");
        assertTrue(search.size() > 1, search.toString());
        int most = 0;
        for (JsonNode t : search) {
            assertTrue(t.path("met").asBoolean() == (t.path("kept").asInt() <= 2), t.toString());
            most = Math.max(most, t.path("met").asBoolean() ? t.path("kept").asInt() : 0);
        }
        assertEquals(most, Integer.parseInt(m.group(1)), search.toString());
        assertTrue(Files.readString(out.resolve("report.md")).contains("## Lambda search"));
    }

    @Test
    void filterGatingOfAResnetRemovesCoupledChannelsAcrossBlocks() throws Exception {
        Path out = dir.resolve("resnet");
        // the paper's narrow groups: a removed filter leaves its batch-norm shift, a constant channel that every
        // reader folds (border-aware in padded convs), so whole streams shrink
        CliRun r = run(
                "compress",
                "--data",
                "digits",
                "--model",
                "resnet:8",
                "--gate",
                "filters",
                "--filter-group",
                "weights",
                "--depth",
                "3",
                "--lambda",
                "1",
                "--epochs",
                "4",
                "--finetune-epochs",
                "1",
                "--batch",
                "",
                "--no-progress",
                "--out",
                out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        Map<String, JsonNode> layers = new HashMap<>();
        report.path("layers").forEach(l -> layers.put(l.path("layer").asText(), l));
        // the stem (conv1) and the first block's second conv (conv3) write one stream: they keep the same channels
        assertEquals(List.of("conv3"), names(layers.get("conv1").path("coupledWith")));
        assertEquals(
                layers.get("conv1").path("unitsAfter").asInt(),
                layers.get("conv3").path("unitsAfter").asInt());
        // the second stage's stream: its block's second conv and the strided 1x1 shortcut
        assertEquals(List.of("conv6"), names(layers.get("conv5").path("coupledWith")));
        assertEquals(
                layers.get("conv5").path("unitsAfter").asInt(),
                layers.get("conv6").path("unitsAfter").asInt());
        // the next stage reads exactly the kept stream channels
        assertEquals(
                layers.get("conv5").path("unitsAfter").asInt(),
                layers.get("conv7").path("inputsAfter").asInt());
        long removed = 0;
        long before = 0;
        for (JsonNode l : report.path("layers")) {
            before += l.path("macsBefore").asLong();
            removed += l.path("macsBefore").asLong() - l.path("macsAfter").asLong();
        }
        assertTrue(
                removed > before / 2,
                "removing most filter groups saves most multiply-adds: " + removed + " of " + before);
        assertTrue(layers.get("conv1").path("unitsAfter").asInt() < 16, "the stem stream lost channels");
        assertTrue(r.err().contains("verified"), r.err());
        String md = Files.readString(out.resolve("report.md"));
        assertTrue(md.contains("## Layers of the compact model") && md.contains("| conv1 |"), md);
    }

    private static List<String> names(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void fineTuningTrainsTheCompactArchitectureAndTheReportShowsBeforeAndAfter() throws Exception {
        Path out = dir.resolve("tuned");
        CliRun r = run(
                "compress",
                "--data",
                "breast-cancer",
                "--hidden",
                "16",
                "--depth",
                "3",
                "--lambda",
                "0.1",
                "--epochs",
                "40",
                "--finetune-epochs",
                "20",
                "--batch",
                "",
                "--no-progress",
                "--threads",
                "1",
                "--out",
                out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("fine-tuned 20 epochs"), r.out());
        assertTrue(r.err().contains("verified: ONNX Runtime reproduces the trained model"), r.err());
        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        JsonNode ft = report.path("fineTuning");
        assertEquals(20, ft.path("epochs").asInt(), report.toString());
        assertEquals(0.005, ft.path("learningRate").asDouble(), 1e-12, "default: --lr / 10");
        double before = ft.path("onnxRuntimeCompactScoreBefore").asDouble();
        double after = ft.path("onnxRuntimeCompactScoreAfter").asDouble();
        assertTrue(before > 0.5 && after > 0.5, ft.toString());
        assertEquals(after, report.path("onnxRuntimeTest").path("compactScore").asDouble(), 0.0);
        // the compact model reads exactly the features the gated model kept: fine-tuning removes nothing more and adds
        // nothing
        int kept = report.path("keptFeatureNames").size();
        Matcher m = Pattern.compile("dense1 +input_features +(\\d+) of 30 groups kept")
                .matcher(r.out());
        assertTrue(m.find(), r.out());
        assertEquals(Integer.parseInt(m.group(1)), kept);
        assertTrue(kept < 30, "lambda 0.1 removes features: " + kept);
        assertTrue(Files.readString(out.resolve("report.md")).contains("## Fine-tuning"));
    }

    @Test
    void categoricalColumnsOfARealMixedTableAreGatedWholeAndTheModelTakesTheirStrings() throws Exception {
        Path creditG = Path.of(getClass().getResource("/data/credit-g.csv").toURI());
        Path out = dir.resolve("credit");
        CliRun r = run(
                "compress",
                "--data",
                creditG.toString(),
                "--label",
                "class",
                "--categorical",
                "auto",
                "--hidden",
                "16",
                "--lambda",
                "0.05",
                "--epochs",
                "30",
                "--batch",
                "1",
                "--no-progress",
                "--threads",
                "1",
                "--out",
                out.toString());
        assertEquals(0, r.code(), r.err());
        // 13 categorical columns expand to indicators; 20 columns, 20 groups
        assertTrue(r.out().contains("of 20 groups kept"), r.out());
        assertTrue(r.err().contains("verified: ONNX Runtime reproduces the trained model"), r.err());
        assertTrue(r.err().contains("benchmark skipped"), r.err());
        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        Set<String> keptColumns = new TreeSet<>();
        for (JsonNode f : report.path("keptFeatureNames")) {
            keptColumns.add(f.asText().replaceFirst("=.*", ""));
        }
        try (OrtSession s = OrtEnvironment.getEnvironment()
                .createSession(out.resolve("model.onnx").toString(), new OrtSession.SessionOptions())) {
            JsonNode cats = new ObjectMapper()
                    .readTree(s.getMetadata().getCustomMetadata().get("dgating.categorical_inputs"));
            Set<String> inputs = new TreeSet<>(s.getInputNames());
            for (JsonNode c : cats) {
                String col = c.path("input").asText();
                assertTrue(inputs.contains(col), col + " in " + inputs);
                assertTrue(keptColumns.contains(col), col + " is kept");
                ai.onnxruntime.TensorInfo t =
                        (ai.onnxruntime.TensorInfo) s.getInputInfo().get(col).getInfo();
                assertEquals(ai.onnxruntime.OnnxJavaType.STRING, t.type, col);
            }
            // every kept categorical column keeps all its categories: a column is one group
            for (JsonNode c : cats) {
                long indicators = StreamSupport.stream(
                                report.path("keptFeatureNames").spliterator(), false)
                        .filter(f -> f.asText().startsWith(c.path("input").asText() + "="))
                        .count();
                assertEquals(c.path("categories").size(), indicators, c.toString());
            }
        }
    }

    @Test
    void configFileSuppliesDefaultsAndFlagsOverrideIt() throws Exception {
        Path cfg = dir.resolve("c.json");
        Files.writeString(cfg, "{\"data\": \"wine\", \"hidden\": [12, 6], \"lambda\": 0.1, \"depth\": 4}");
        CliRun r = run(
                "compress",
                "--config",
                cfg.toString(),
                "--lambda",
                "0.3",
                "--out",
                dir.resolve("x").toString(),
                "--print-config");
        assertEquals(0, r.code(), r.err());
        JsonNode c = new ObjectMapper().readTree(r.out());
        assertEquals("wine", c.get("dataset").asText());
        assertEquals("0.3", c.get("lambda").asText());
        assertEquals("4", c.get("depth").asText());
        assertEquals("[\"12\",\"6\"]", c.get("hidden").toString());
        assertTrue(Files.notExists(dir.resolve("x")), "--print-config must not run the job");
    }

    @Test
    void badInputsGiveExitTwoAndAOneLineReason() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.csv"), "");
        Path ragged = Files.writeString(dir.resolve("ragged.csv"), "a,b,y\n1,2,0\n3,0\n");
        Path text = Files.writeString(dir.resolve("text.csv"), "a,b,y\n1,2,0\n3,x,1\n");
        Path nan = Files.writeString(dir.resolve("nan.csv"), "a,b,y\n1,2,0\n3,NaN,1\n");
        Path inf = Files.writeString(dir.resolve("inf.csv"), "a,b,y\n1,2,0\n3,-Infinity,1\n");
        Path oneClass = Files.writeString(dir.resolve("one.csv"), "a,b,y\n1,2,0\n3,4,0\n5,6,0\n7,8,0\n9,1,0\n");
        Path aFile = Files.writeString(dir.resolve("afile"), "x");
        Path corrupt = Files.write(dir.resolve("corrupt.onnx"), new byte[] {10, 3, 1, 2, 3});
        String out = dir.resolve("o").toString();
        Object[][] cases = {
            {new String[] {"compress", "--out", out}, "--dataset (or --data) is required"},
            {
                new String[] {"compress", "--data", dir.resolve("missing.csv").toString(), "--out", out},
                "missing.csv: file not found"
            },
            {new String[] {"compress", "--data", empty.toString(), "--out", out}, "empty.csv: file is empty"},
            {new String[] {"compress", "--data", ragged.toString(), "--out", out}, "ragged.csv, line 3: has 2 fields"},
            {
                new String[] {"compress", "--data", text.toString(), "--out", out},
                "text.csv, line 3, column 2 (b): 'x' is not a number"
            },
            {
                new String[] {"compress", "--data", nan.toString(), "--out", out},
                "nan.csv, line 3, column 2 (b): missing value 'NaN'"
            },
            {
                new String[] {"compress", "--data", inf.toString(), "--out", out},
                "inf.csv, line 3, column 2 (b): '-Infinity' is not a finite"
            },
            {
                new String[] {"compress", "--data", ragged.toString(), "--label", "target", "--out", out},
                "no such label column"
            },
            {
                new String[] {"compress", "--data", oneClass.toString(), "--out", out},
                "the label has 1 class ('0'); classification needs at least 2"
            },
            {new String[] {"compress", "--data", "wine", "--hidden", "20000,20000", "--out", out}, "needs about"},
            {new String[] {"compress", "--data", "wine", "--depth", "1", "--out", out}, "depth D must be >= 2"},
            {
                new String[] {"compress", "--data", "wine", "--lambda", "-1", "--out", out},
                "lambda must be a finite number >= 0"
            },
            {new String[] {"compress", "--data", "wine", "--out", aFile.toString()}, "is a file, not a directory"},
            {
                new String[] {"compress", "--data", "wine", "--out", "/proc/dgating-no-permission"},
                "cannot create /proc/dgating-no-permission"
            },
            {new String[] {"compress", "--data", "wine", "--target-sparsity", "half", "--out", out}, "must be keep:N"},
            {
                new String[] {"compress", "--data", "wine", "--finetune-epochs", "-1", "--out", out},
                "--finetune-epochs must be >= 0"
            },
            {
                new String[] {"compress", "--data", "wine", "--finetune-lr", "0", "--out", out},
                "--finetune-lr must be a finite number > 0"
            },
            {
                new String[] {"path", "--data", "wine", "--method", "group-lasso", "--out", out},
                "group lasso solves gated linear regression only"
            },
            {new String[] {"path", "--data", "wine", "--method", "lasso", "--out", out}, "unknown method 'lasso'"},
            {new String[] {"path", "--data", "wine", "--l21-lambdas", "-1,1", "--out", out}, "L21 lambdas must be >= 0"
            },
            {new String[] {"reproduce"}, "name an experiment"},
            {
                new String[] {"compress", "--data", text.toString(), "--categorical", "colour", "--out", out},
                "no such column to read as categorical"
            },
            {
                new String[] {"compress", "--data", "wine", "--categorical", "auto", "--out", out},
                "--categorical reads columns of a CSV file"
            },
            {
                new String[] {
                    "compress", "--data", text.toString(), "--categorical", "auto", "--groups", "prefix", "--out", out
                },
                "use one of them"
            },
            {new String[] {"inspect", corrupt.toString()}, "corrupt.onnx: not an ONNX model"},
            {new String[] {"inspect", dir.resolve("none.onnx").toString()}, "none.onnx: file not found"},
            {
                new String[] {"bench", corrupt.toString(), corrupt.toString()},
                "corrupt.onnx: not a model ONNX Runtime can load"
            },
        };
        for (Object[] c : cases) {
            String[] args = (String[]) c[0];
            CliRun r = run(args);
            assertEquals(2, r.code(), String.join(" ", args) + " -> " + r.err());
            assertTrue(
                    r.err().startsWith("dgating: ") && r.err().contains((String) c[1]),
                    String.join(" ", args) + " -> " + r.err());
            assertEquals(
                    1, r.err().lines().filter(l -> l.startsWith("dgating: ")).count(), r.err());
        }
    }

    @Test
    void inspectPrintsShapesFlopsAndMetadata() {
        Path out = dir.resolve("m");
        assertEquals(
                0,
                run(
                                "compress",
                                "--data",
                                "iris",
                                "--hidden",
                                "8",
                                "--epochs",
                                "5",
                                "--batch",
                                "",
                                "--no-progress",
                                "--out",
                                out.toString())
                        .code());
        CliRun r = run("inspect", out.resolve("model-dense.onnx").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("input   features         [N, 4]"), r.out());
        assertTrue(r.out().contains("tensor  dense1.weight            [8, 4]"), r.out());
        // 4*8 + 8*3 multiply-adds; 4*8+8 + 8*3+3 parameters
        assertTrue(r.out().contains("parameters: 67; multiply-adds per row: 56"), r.out());
        assertTrue(r.out().contains("dgating.variant = dense"), r.out());
    }
}
