package io.dgating.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dgating.api.Shape;
import io.dgating.api.model.Activation;
import io.dgating.api.model.Architectures;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.train.TrainingResult;
import io.dgating.store.ModelJson;
import io.dgating.store.TrainingResultFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --model}: convolutional networks run the whole compress job on an image dataset on both
 * engines, a model description file gives the same model back, and every malformed choice is a
 * usage error naming what is wrong.
 */
class ModelOptionTest {

    @TempDir
    Path dir;

    @Test
    void convolutionalModelsCompressEndToEndOnBothEngines() throws Exception {
        for (String engine : new String[] {"cpu", "djl"}) {
            for (String model : new String[] {"vgg:4,M,8,M", "resnet:8"}) {
                Path out = dir.resolve(engine + "-" + model.replace(':', '_').replace(',', '_'));
                CliRun r = CliRun.of(
                        "compress",
                        "--data",
                        "digits",
                        "--model",
                        model,
                        "--gate",
                        "none",
                        "--epochs",
                        "1",
                        "--engine",
                        engine,
                        "--batch",
                        "1,16",
                        "--calls",
                        "5",
                        "--no-progress",
                        "--threads",
                        "1",
                        "--out",
                        out.toString());
                assertEquals(0, r.code(), model + " on " + engine + ": " + r.err());
                assertTrue(r.err().contains("verified: ONNX Runtime reproduces the trained model"), r.err());
                ModelSpec saved =
                        TrainingResultFile.read(out.resolve("result.dgr")).model();
                assertEquals(
                        model.startsWith("vgg")
                                ? Architectures.vgg(Shape.of(1, 8, 8), List.of("4", "M", "8", "M"), 10)
                                : Architectures.resnet(Shape.of(1, 8, 8), 8, 10),
                        saved,
                        "the result file holds the model");
                JsonNode report =
                        new ObjectMapper().readTree(out.resolve("report.json").toFile());
                assertTrue(
                        report.path("onnxRuntimeTest").path("compactScore").doubleValue() > 0.3,
                        "one epoch learns something on digits: " + report.path("onnxRuntimeTest"));
            }
        }
    }

    @Test
    void aModelFileDescribesTheSameModelAsItsResult() throws Exception {
        ModelSpec resnet = Architectures.resnet(Shape.of(1, 8, 8), 8, 10);
        Path file = dir.resolve("model.json");
        Files.writeString(file, ModelJson.write(resnet));
        assertEquals(resnet, ModelJson.read(file));
        CliRun r = CliRun.of(
                "train",
                "--data",
                "digits",
                "--model",
                file.toString(),
                "--gate",
                "none",
                "--epochs",
                "1",
                "--no-progress",
                "--threads",
                "1",
                "--save",
                dir.resolve("r.dgr").toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(resnet, TrainingResultFile.read(dir.resolve("r.dgr")).model());
    }

    @Test
    void gateBothOnACnnGatesEveryFilterAndTheHiddenNeurons() throws Exception {
        Path file = dir.resolve("cnn.json");
        Files.writeString(
                file,
                ModelJson.write(ModelSpec.builder(Shape.of(1, 8, 8))
                        .conv(4, 3, 1, 1, true)
                        .activation(Activation.RELU)
                        .conv(6, 3, 2, 1, true)
                        .activation(Activation.RELU)
                        .flatten()
                        .dense(16, Activation.RELU)
                        .dense(12, Activation.RELU)
                        .dense(10, Activation.IDENTITY)
                        .build()));
        CliRun r = CliRun.of(
                "train",
                "--data",
                "digits",
                "--model",
                file.toString(),
                "--gate",
                "both",
                "--filter-group",
                "weights",
                "--epochs",
                "1",
                "--no-progress",
                "--threads",
                "1",
                "--save",
                dir.resolve("both.dgr").toString());
        assertEquals(0, r.code(), r.err());
        var gates = TrainingResultFile.read(dir.resolve("both.dgr")).gating().gates();
        assertEquals(
                List.of("conv1 FILTER_WEIGHTS", "conv2 FILTER_WEIGHTS", "dense1 NEURONS", "dense2 NEURONS"),
                gates.stream().map(g -> g.layer() + " " + g.kind()).toList());
        CliRun bad = CliRun.of(
                "train",
                "--data",
                "digits",
                "--model",
                file.toString(),
                "--gate",
                "filters",
                "--filter-group",
                "narrow",
                "--epochs",
                "1",
                "--no-progress");
        assertEquals(2, bad.code(), bad.err());
        assertTrue(bad.err().contains("--filter-group must be zero-invariant or weights"), bad.err());
    }

    @Test
    void hiddenIsAnAliasOfMlp() {
        CliRun a = CliRun.of(
                "train", "--data", "iris", "--hidden", "5", "--epochs", "2", "--no-progress", "--threads", "1");
        CliRun b = CliRun.of(
                "train", "--data", "iris", "--model", "mlp:5", "--epochs", "2", "--no-progress", "--threads", "1");
        assertEquals(0, a.code(), a.err());
        assertEquals(a.out(), b.out(), "same model, same seed, same output");
    }

    @Test
    void malformedChoicesAreUsageErrors() throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(
                bad,
                "{\"inputShape\": [1, 8, 8], \"head\": \"SOFTMAX_CROSS_ENTROPY\", \"layers\": "
                        + "[{\"kind\": \"conv2d\", \"name\": \"c\", \"filters\": 0, \"kernel\": 3, \"stride\": 1, \"padding\": 0, "
                        + "\"dilation\": 1, \"bias\": true}]}");
        Object[][] cases = {
            {new String[] {"--model", "vgg:16,X"}, "'X' is neither a filter count nor M"},
            {new String[] {"--model", "resnet:9"}, "depth 6n + 2"},
            {new String[] {"--model", "transformer"}, "is not one of mlp:"},
            {new String[] {"--model", "mlp:4,0"}, "widths must be >= 1"},
            {new String[] {"--model", "lenet5", "--hidden", "4"}, "give --model or --hidden, not both"},
            {new String[] {"--model", bad.toString()}, "needs filters >= 1"},
            {new String[] {"--model", dir.resolve("none.json").toString()}, "cannot read model file"},
        };
        for (Object[] c : cases) {
            String[] args = concat(
                    new String[] {"train", "--data", "digits", "--epochs", "1", "--no-progress"}, (String[]) c[0]);
            CliRun r = CliRun.of(args);
            assertEquals(2, r.code(), String.join(" ", args) + " -> " + r.err());
            assertTrue(r.err().contains((String) c[1]), String.join(" ", args) + " -> " + r.err());
        }
        CliRun flat = CliRun.of("train", "--data", "wine", "--model", "lenet5", "--epochs", "1", "--no-progress");
        assertEquals(2, flat.code());
        assertTrue(flat.err().contains("takes images"), flat.err());
    }

    @Test
    void linearIsTheGatedLinearModelOfThePapersFirstExperiment() throws Exception {
        // y = 2 x0 - x1 + small noise; x2..x5 are noise: a D = 2 gated linear regression keeps x0 and x1
        StringBuilder csv = new StringBuilder("x0,x1,x2,x3,x4,x5,y\n");
        Random rnd = new Random(3);
        for (int i = 0; i < 400; i++) {
            double[] x = new double[6];
            for (int k = 0; k < 6; k++) {
                x[k] = rnd.nextGaussian();
                csv.append(x[k]).append(',');
            }
            csv.append(2 * x[0] - x[1] + 0.05 * rnd.nextGaussian()).append('\n');
        }
        Path file = dir.resolve("linear.csv");
        Files.writeString(file, csv);
        Path saved = dir.resolve("linear.dgr");
        CliRun r = CliRun.of(
                "train",
                "--data",
                file.toString(),
                "--label",
                "y",
                "--task",
                "regression",
                "--model",
                "linear",
                "--gate",
                "inputs",
                "--depth",
                "2",
                "--lambda",
                "0.05",
                "--epochs",
                "150",
                "--no-progress",
                "--threads",
                "1",
                "--save",
                saved.toString());
        assertEquals(0, r.code(), r.err());
        TrainingResult result = TrainingResultFile.read(saved);
        assertEquals(1, result.model().layers().size(), "one dense layer, no hidden layer");
        double[] norms = result.groupReports().get(0).norms();
        for (int k = 2; k < 6; k++) {
            assertTrue(norms[k] < 0.05 * norms[1], "noise input x" + k + " shrinks: " + Arrays.toString(norms));
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
