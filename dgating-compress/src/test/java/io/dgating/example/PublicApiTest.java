package io.dgating.example;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgating.api.data.BundledDataset;
import io.dgating.api.data.Dataset;
import io.dgating.api.data.DatasetSplits;
import io.dgating.api.engine.EngineRegistry;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.gating.GroupKind;
import io.dgating.api.model.Activation;
import io.dgating.api.model.Head;
import io.dgating.api.model.ModelSpec;
import io.dgating.compress.CompressionResult;
import io.dgating.compress.Compressor;
import io.dgating.importer.OnnxModel;
import io.dgating.runtime.CompactPredictor;
import io.dgating.runtime.Provider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a JVM service does, written against the public API only (this package is outside
 * dgating's): compress a dataset in one call, serve the compact model from many threads with
 * full raw feature vectors.
 */
class PublicApiTest {

    @TempDir
    Path dir;

    @Test
    void compressAModelTrainedElsewhereFromItsOnnxFile() throws Exception {
        OnnxModel imported = OnnxModel.read(Path.of("..", "examples", "onnx", "mlp-iris.onnx"));
        GatingConfig gating = GatingConfig.builder()
                .depth(3)
                .lambda(0.05)
                .gate("hidden", GroupKind.NEURONS)
                .build();
        DatasetSplits splits = DatasetSplits.random(BundledDataset.IRIS.load(), 0.2, 0.2, 42);

        CompressionResult result =
                new Compressor(EngineRegistry.fromServiceLoader()).compress(imported, splits, gating);
        assertTrue(result.original().isPresent());
        assertTrue(result.original().get().importDeviation() < 1e-4, "the import reproduced the original");
        assertTrue(result.report().contains("## Original model"), result.report());
        try (CompactPredictor predictor = result.predictor(Provider.CPU, 1)) {
            assertEquals(4, predictor.inputWidth(), "the original's four raw measurements");
            float[] row = new float[4];
            int correct = 0;
            for (int i = 0; i < splits.test().rows(); i++) {
                splits.test().copyRow(i, row, 0);
                correct += predictor.classify(row) == (int) splits.test().target(i) ? 1 : 0;
            }
            assertEquals(
                    result.verification().compactScore(),
                    (double) correct / splits.test().rows(),
                    1e-12);
        }
    }

    @Test
    void compressOnceThenPredictConcurrentlyFromFullFeatureVectors() throws Exception {
        Dataset data = BundledDataset.BREAST_CANCER.load();
        ModelSpec model = ModelSpec.mlp(30, List.of(32), 2, Activation.RELU, Head.SOFTMAX_CROSS_ENTROPY);
        GatingConfig gating = GatingConfig.builder()
                .depth(3)
                .lambda(0.05)
                .gate("dense1", GroupKind.INPUT_FEATURES)
                .build();

        CompressionResult result = new Compressor(EngineRegistry.fromServiceLoader()).compress(data, model, gating);
        assertTrue(result.compact().report().keptFeatureIndices().length < 30, "lambda 0.05 removes features");
        assertTrue(result.benchmark().isPresent());
        assertTrue(result.report().contains("## Latency (ONNX Runtime)"));
        result.writeOnnx(dir.resolve("model.onnx"), false);
        assertArrayEquals(result.onnxBytes(), Files.readAllBytes(dir.resolve("model.onnx")));

        Dataset test = DatasetSplits.random(data, 0.2, 0.2, 42).test();
        CompactPredictor closedPredictor;
        try (CompactPredictor predictor = result.predictor(Provider.CPU, 1)) {
            assertEquals(30, predictor.inputWidth());
            assertEquals(List.of("malignant", "benign"), predictor.classNames());
            int[] sequential = new int[test.rows()];
            float[] row = new float[30];
            for (int i = 0; i < test.rows(); i++) {
                test.copyRow(i, row, 0);
                sequential[i] = predictor.classify(row);
            }
            int correct = 0;
            for (int i = 0; i < test.rows(); i++) {
                correct += sequential[i] == (int) test.target(i) ? 1 : 0;
            }
            assertEquals(result.verification().compactScore(), (double) correct / test.rows(), 1e-12);

            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<int[]>> futures = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    futures.add(pool.submit(() -> {
                        int[] out = new int[test.rows()];
                        float[] r = new float[30];
                        for (int rep = 0; rep < 5; rep++) {
                            for (int i = 0; i < test.rows(); i++) {
                                test.copyRow(i, r, 0);
                                out[i] = predictor.classify(r);
                            }
                        }
                        return out;
                    }));
                }
                for (Future<int[]> f : futures) {
                    assertArrayEquals(sequential, f.get());
                }
            } finally {
                pool.shutdownNow();
            }
            assertThrows(IllegalArgumentException.class, () -> predictor.predict(new float[29], 1));

            // one row goes through the reused pinned buffers, more rows through a fresh call: same outputs
            float[] two = new float[60];
            test.copyRow(0, two, 0);
            test.copyRow(1, two, 30);
            float[] both = predictor.predict(two, 2);
            int outputs = both.length / 2;
            assertArrayEquals(Arrays.copyOfRange(both, 0, outputs), predictor.predict(Arrays.copyOf(two, 30), 1));
            assertArrayEquals(
                    Arrays.copyOfRange(both, outputs, 2 * outputs),
                    predictor.predict(Arrays.copyOfRange(two, 30, 60), 1));
            closedPredictor = predictor;
        }
        CompactPredictor closed = closedPredictor;
        assertThrows(
                IllegalStateException.class, () -> closed.predict(new float[30], 1), "closed predictors refuse calls");
    }
}
