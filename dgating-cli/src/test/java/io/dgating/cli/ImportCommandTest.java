package io.dgating.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dgating.api.data.BundledDataset;
import io.dgating.api.data.Dataset;
import io.dgating.api.data.DatasetSplits;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dgating compress --model FILE.onnx}: a model PyTorch trained, compressed with the original's input. */
class ImportCommandTest {

    static final Path FIXTURES = Path.of("..", "examples", "onnx");

    @TempDir
    Path dir;

    @Test
    void anImportedModelIsCompressedAndKeepsTheOriginalsInput() throws Exception {
        Path out = dir.resolve("iris");
        CliRun r = CliRun.of(
                "compress",
                "--model",
                FIXTURES.resolve("mlp-iris.onnx").toString(),
                "--data",
                "iris",
                "--gate",
                "neurons",
                "--depth",
                "3",
                "--lambda",
                "0.02",
                "--epochs",
                "20",
                "--batch",
                "1",
                "--calls",
                "5",
                "--no-progress",
                "--threads",
                "1",
                "--out",
                out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("the engine reproduces ONNX Runtime on the original"), r.err());
        assertTrue(Files.readString(out.resolve("report.md")).contains("## Original model"));
        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());

        // independently: the command's split (seed 42, 20% test), raw measurements, both files in ONNX Runtime
        Dataset test =
                DatasetSplits.random(BundledDataset.IRIS.load(), 0.2, 0.2, 42).test();
        assertEquals(
                accuracy(FIXTURES.resolve("mlp-iris.onnx"), test),
                report.path("original").path("onnxRuntimeTestScore").asDouble(),
                1e-12);
        assertEquals(
                accuracy(out.resolve("model.onnx"), test),
                report.path("onnxRuntimeTest").path("compactScore").asDouble(),
                1e-12);
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions();
                OrtSession s = OrtEnvironment.getEnvironment()
                        .createSession(out.resolve("model.onnx").toString(), o)) {
            NodeInfo in = s.getInputInfo().get("input");
            assertTrue(in != null, "the compact model's input is the original's 'input': " + s.getInputInfo());
            assertEquals(4, ((TensorInfo) in.getInfo()).getShape()[1], "all four measurements, as the original");
            assertTrue(s.getMetadata()
                    .getCustomMetadata()
                    .get("dgating.imported_from")
                    .contains("mlp-iris.onnx"));
        }
    }

    @Test
    void distillationAndTheIdentityStartRun() throws Exception {
        Path out = dir.resolve("distilled");
        CliRun r = CliRun.of(
                "compress",
                "--model",
                FIXTURES.resolve("mlp-iris.onnx").toString(),
                "--data",
                "iris",
                "--gate",
                "inputs",
                "--lambda",
                "0.02",
                "--epochs",
                "10",
                "--distill-weight",
                "0.5",
                "--import-start",
                "identity",
                "--batch",
                "",
                "--no-progress",
                "--threads",
                "1",
                "--out",
                out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(
                r.err()
                        .contains("distilling from the original: its probabilities on 90 training rows make 50% of "
                                + "every target"),
                r.err());
        CliRun bad = CliRun.of(
                "compress",
                "--data",
                "iris",
                "--distill-weight",
                "0.5",
                "--out",
                dir.resolve("x").toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--distill-weight distils from an imported model"), bad.err());
        CliRun range = CliRun.of(
                "compress",
                "--model",
                FIXTURES.resolve("mlp-iris.onnx").toString(),
                "--data",
                "iris",
                "--distill-weight",
                "1.5",
                "--out",
                dir.resolve("y").toString());
        assertEquals(2, range.code());
        assertTrue(range.err().contains("--distill-weight must be in [0, 1], got 1.5"), range.err());
    }

    @Test
    void anUnsupportedGraphExitsTwoNamingTheNodeBeforeAnyTraining() {
        Path out = dir.resolve("lstm");
        CliRun r = CliRun.of(
                "compress",
                "--model",
                FIXTURES.resolve("lstm-unsupported.onnx").toString(),
                "--data",
                "iris",
                "--no-progress",
                "--out",
                out.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("LSTM '/lstm/LSTM'") && r.err().contains("operator not supported"), r.err());
        assertFalse(r.err().contains("dataset"), "refused before the data was read: " + r.err());
        assertFalse(Files.exists(out.resolve("model.onnx")));
    }

    @Test
    void otherCommandsSayThatOnnxModelsAreForCompress() {
        CliRun r = CliRun.of(
                "train",
                "--model",
                FIXTURES.resolve("mlp-iris.onnx").toString(),
                "--data",
                "iris",
                "--export",
                dir.resolve("t.onnx").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("dgating compress --model FILE.onnx"), r.err());
    }

    private static double accuracy(Path model, Dataset test) throws Exception {
        float[] x = new float[test.rows() * test.cols()];
        for (int i = 0; i < test.rows(); i++) {
            for (int k = 0; k < test.cols(); k++) {
                x[i * test.cols() + k] = test.feature(i, k);
            }
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions();
                OrtSession s = env.createSession(model.toString(), o);
                OnnxTensor in =
                        OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[] {test.rows(), test.cols()});
                OrtSession.Result res = s.run(Map.of("input", in))) {
            float[][] logits = (float[][]) res.get(0).getValue();
            int correct = 0;
            for (int i = 0; i < test.rows(); i++) {
                int best = 0;
                for (int c = 1; c < logits[i].length; c++) {
                    best = logits[i][c] > logits[i][best] ? c : best;
                }
                correct += best == (int) test.target(i) ? 1 : 0;
            }
            return (double) correct / test.rows();
        }
    }
}
