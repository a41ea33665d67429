package io.dgating.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dgating.api.model.Architectures;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.Shape;
import io.dgating.store.ModelJson;
import io.dgating.store.TrainingResultFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
                CliRun r = CliRun.of("compress", "--data", "digits", "--model", model, "--gate", "none", "--epochs", "1",
                        "--engine", engine, "--batch", "1,16", "--calls", "5", "--no-progress", "--threads", "1",
                        "--out", out.toString());
                assertEquals(0, r.code(), model + " on " + engine + ": " + r.err());
                assertTrue(r.err().contains("verified: ONNX Runtime reproduces the trained model"), r.err());
                ModelSpec saved = TrainingResultFile.read(out.resolve("result.dgr")).model();
                assertEquals(model.startsWith("vgg") ? Architectures.vgg(Shape.of(1, 8, 8), List.of("4", "M", "8", "M"), 10)
                        : Architectures.resnet(Shape.of(1, 8, 8), 8, 10), saved, "the result file holds the model");
                JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
                assertTrue(report.path("onnxRuntimeTest").path("compactScore").doubleValue() > 0.3,
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
        CliRun r = CliRun.of("train", "--data", "digits", "--model", file.toString(), "--gate", "none", "--epochs", "1",
                "--no-progress", "--threads", "1", "--save", dir.resolve("r.dgr").toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(resnet, TrainingResultFile.read(dir.resolve("r.dgr")).model());
    }

    @Test
    void hiddenIsAnAliasOfMlp() {
        CliRun a = CliRun.of("train", "--data", "iris", "--hidden", "5", "--epochs", "2", "--no-progress", "--threads", "1");
        CliRun b = CliRun.of("train", "--data", "iris", "--model", "mlp:5", "--epochs", "2", "--no-progress", "--threads", "1");
        assertEquals(0, a.code(), a.err());
        assertEquals(a.out(), b.out(), "same model, same seed, same output");
    }

    @Test
    void malformedChoicesAreUsageErrors() throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"inputShape\": [1, 8, 8], \"head\": \"SOFTMAX_CROSS_ENTROPY\", \"layers\": "
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
            String[] args = concat(new String[] {"train", "--data", "digits", "--epochs", "1", "--no-progress"}, (String[]) c[0]);
            CliRun r = CliRun.of(args);
            assertEquals(2, r.code(), String.join(" ", args) + " -> " + r.err());
            assertTrue(r.err().contains((String) c[1]), String.join(" ", args) + " -> " + r.err());
        }
        CliRun flat = CliRun.of("train", "--data", "wine", "--model", "lenet5", "--epochs", "1", "--no-progress");
        assertEquals(2, flat.code());
        assertTrue(flat.err().contains("takes images"), flat.err());
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
