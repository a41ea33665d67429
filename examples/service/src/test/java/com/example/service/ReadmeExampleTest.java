package com.example.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import io.dgating.runtime.CompactPredictor;
import io.dgating.compress.CompressionResult;
import io.dgating.compress.Compressor;
import io.dgating.runtime.Provider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Library" example, compiled and run against the BOM's coordinates only, with ONNX
 * Runtime's CPU-only build swapped in for the GPU build (the class path must not hold the GPU one).
 */
class ReadmeExampleTest {

    @Test
    void theClassPathHoldsOnnxRuntimesCpuBuildOnly() {
        String cp = System.getProperty("java.class.path");
        assertTrue(cp.contains("onnxruntime-1."), cp);
        assertTrue(!cp.contains("onnxruntime_gpu"), cp);
    }

    @Test
    void theReadmeExampleRunsFromAServiceThatOnlyKnowsTheBom(@TempDir Path dir) throws Exception {
        Compressor compressor = new Compressor(EngineRegistry.fromServiceLoader());
        CompressionResult result = compressor.compress(BundledDataset.BREAST_CANCER.load(),
                ModelSpec.mlp(30, List.of(32), 2, Activation.RELU, Head.SOFTMAX_CROSS_ENTROPY),
                GatingConfig.builder().depth(3).lambda(0.05).gate("dense1", GroupKind.INPUT_FEATURES).build());
        result.writeOnnx(dir.resolve("model.onnx"), false);
        String report = result.report();
        assertTrue(Files.size(dir.resolve("model.onnx")) > 0);
        assertTrue(report.contains("|"), report);
        Dataset test = DatasetSplits.random(BundledDataset.BREAST_CANCER.load(), 0.2, 0.2, 42).test();
        try (CompactPredictor predictor = result.predictor(Provider.CPU, 1)) {
            float[] row = new float[test.cols()];
            int correct = 0;
            for (int i = 0; i < test.rows(); i++) {
                test.copyRow(i, row, 0);
                correct += predictor.classify(row) == (int) test.target(i) ? 1 : 0;
            }
            assertTrue(correct > 0.85 * test.rows(), correct + " of " + test.rows());
            assertEquals(30, test.cols());
        }
    }
}
