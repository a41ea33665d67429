package io.dgating.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dgating.api.data.DataDirectory;
import io.dgating.api.data.Dataset;
import io.dgating.api.data.DatasetSplits;
import io.dgating.api.data.Standardization;
import io.dgating.api.engine.EngineConfig;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.gating.GroupKind;
import io.dgating.api.model.Activation;
import io.dgating.api.model.Head;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.train.Split;
import io.dgating.api.train.TrainingConfig;
import io.dgating.api.train.TrainingRequest;
import io.dgating.api.train.TrainingResult;
import io.dgating.engine.cpu.CpuEngine;
import io.dgating.runtime.ExportMetadata;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * The exported model's input contract, tested as a user meets it: the values as stored in the
 * data file. An MLP trained on MNIST (a subset, so that the test is quick) is exported, and
 * ONNX Runtime is fed the bytes of the original {@code t10k-images} file, read here without the
 * project's reader. Its accuracy must equal the engine's on the same images; a model that
 * expected a reader-side scaling (pixels / 255, as before) scored 0.79 here against the engine's 0.89.
 */
class RawInputContractIT {

    @Test
    void anMnistModelTakesTheImageFileBytesAsTheyAre() throws Exception {
        DataDirectory dir = DataDirectory.fromEnvironment();
        Optional<Dataset[]> mnist = dir.idx("mnist");
        assumeTrue(mnist.isPresent(), "MNIST not fetched into " + dir.root() + "; run scripts/fetch-data.sh");
        int trainRows = 3000;
        int testRows = 1000;
        Dataset train = mnist.get()[0].select(IntStream.range(0, trainRows).toArray(), "/sub");
        Dataset test = mnist.get()[1].select(IntStream.range(0, testRows).toArray(), "/sub");
        Standardization s = Standardization.fit(train);
        DatasetSplits splits = new DatasetSplits(
                train.standardized(s), test.select(new int[0], "/none").standardized(s), test.standardized(s), s);
        ModelSpec model = ModelSpec.mlp(784, List.of(32), 10, Activation.RELU, Head.SOFTMAX_CROSS_ENTROPY);
        GatingConfig gating = GatingConfig.builder()
                .depth(3)
                .lambda(0.01)
                .gate("dense1", GroupKind.INPUT_FEATURES)
                .build();
        TrainingResult r;
        try (CpuEngine engine = new CpuEngine(new EngineConfig(2, "cpu"))) {
            r = engine.train(TrainingRequest.of(
                    model,
                    gating,
                    TrainingConfig.builder()
                            .epochs(4)
                            .batchSize(64)
                            .learningRate(0.05)
                            .seed(3)
                            .build(),
                    splits));
        }
        double engineAccuracy = r.metrics(Split.TEST).accuracy();
        assertTrue(engineAccuracy > 0.8, "the model learned: " + engineAccuracy);

        float[] bytes = imageFileBytes(dir.root().resolve("mnist"), testRows);
        ExportedModel exported = new OnnxExporter()
                .export(r, new ExportOptions(ExportOptions.Variant.COMPACT, ExportOptions.InputMode.ALL_FEATURES));
        assertEquals(
                ExportMetadata.INPUT_VALUES_AS_STORED,
                OrtRunner.metadata(exported.bytes()).get(ExportMetadata.INPUT_VALUES));
        float[] logits = OrtRunner.run(exported.bytes(), bytes, testRows, 784, "output");
        int correct = 0;
        for (int i = 0; i < testRows; i++) {
            int best = 0;
            for (int c = 1; c < 10; c++) {
                best = logits[i * 10 + c] > logits[i * 10 + best] ? c : best;
            }
            correct += best == (int) test.target(i) ? 1 : 0;
        }
        // float32 rounding differs between ONNX Runtime and the engine: allow one flipped near-tie in 1,000
        assertEquals(engineAccuracy, correct / (double) testRows, 0.0011);
    }

    /** The first {@code n} images of {@code t10k-images-idx3-ubyte[.gz]} as floats 0-255, parsed here. */
    private static float[] imageFileBytes(Path mnistDir, int n) throws IOException {
        Path plain = mnistDir.resolve("t10k-images-idx3-ubyte");
        Path file = Files.exists(plain) ? plain : mnistDir.resolve("t10k-images-idx3-ubyte.gz");
        try (InputStream raw = Files.newInputStream(file);
                DataInputStream in =
                        new DataInputStream(file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw)) {
            assertEquals(0x803, in.readInt(), "IDX image magic");
            in.readInt();
            assertEquals(28, in.readInt());
            assertEquals(28, in.readInt());
            byte[] px = new byte[n * 784];
            in.readFully(px);
            float[] out = new float[px.length];
            for (int i = 0; i < px.length; i++) {
                out[i] = px[i] & 0xff;
            }
            return out;
        }
    }
}
