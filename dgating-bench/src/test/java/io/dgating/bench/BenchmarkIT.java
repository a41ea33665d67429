package io.dgating.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgating.api.data.BundledDataset;
import io.dgating.api.data.DatasetSplits;
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
import io.dgating.bench.report.BenchReport;
import io.dgating.engine.cpu.CpuEngine;
import io.dgating.export.ExportOptions;
import io.dgating.export.ExportedModel;
import io.dgating.export.OnnxExporter;
import io.dgating.runtime.OrtModel;
import io.dgating.runtime.PreparedCall;
import io.dgating.runtime.Provider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Smoke test of the dense-versus-compact benchmark on a small trained model with few calls:
 * the report's structure, FLOP counts against a hand count of the kept shapes, speed-up as the
 * ratio of medians. No timing is asserted.
 */
class BenchmarkIT {

    private static TrainingResult result;
    private static DatasetSplits raw;
    private static ExportedModel compact;
    private static ExportedModel dense;

    @TempDir
    Path dir;

    @BeforeAll
    static void train() {
        raw = DatasetSplits.random(BundledDataset.BREAST_CANCER.load(), 0.2, 0.2, 4);
        ModelSpec model = ModelSpec.mlp(30, List.of(32, 16), 2, Activation.RELU, Head.SOFTMAX_CROSS_ENTROPY);
        GatingConfig g = GatingConfig.builder()
                .depth(3)
                .lambda(0.05)
                .gate("dense1", GroupKind.INPUT_FEATURES)
                .gate("dense2", GroupKind.NEURONS)
                .build();
        try (CpuEngine e = new CpuEngine(new EngineConfig(1, "cpu"))) {
            result = e.train(TrainingRequest.of(
                    model,
                    g,
                    TrainingConfig.builder()
                            .epochs(60)
                            .batchSize(32)
                            .learningRate(0.05)
                            .build(),
                    raw.standardized()));
        }
        compact = new OnnxExporter().export(result, ExportOptions.compact());
        dense = new OnnxExporter().export(result, ExportOptions.dense());
    }

    @Test
    void reportsLatencyFlopsAndSpeedups() throws Exception {
        List<String> warnings = new ArrayList<>();
        BenchmarkResult r = new LatencyBenchmark(List.of(1, 16), 3, 21, 1, 2, Provider.CPU)
                .run(dense.bytes(), compact.bytes(), compact.report().keptFeatureIndices(), warnings::add, p -> {});
        assertEquals(Provider.CPU, r.provider());
        assertTrue(warnings.isEmpty(), warnings.toString());
        assertEquals(2, r.rows().size());
        int f = compact.report().keptFeatureIndices().length;
        int h1 = 32;
        int h2 = compact.report().layers().get(1).unitsAfter();
        assertEquals(30 * 32 + 32 * 16 + 16 * 2, r.dense().macsPerRow());
        assertEquals((long) f * h1 + (long) h1 * h2 + h2 * 2L, r.compact().macsPerRow());
        assertEquals((double) r.dense().macsPerRow() / r.compact().macsPerRow(), r.theoreticalSpeedup(), 1e-12);
        assertEquals(compact.report().exportedParameters(), r.compact().parameters());
        assertEquals(compact.size(), r.compact().bytes());
        for (BenchmarkResult.Row row : r.rows()) {
            assertEquals(21, row.dense().calls());
            assertEquals(row.dense().batch(), row.compact().batch());
            assertEquals(row.dense().batch() == 1 ? 1 : 2, row.dense().threads());
            assertTrue(row.dense().medianMs() > 0
                    && row.dense().p90Ms() >= row.dense().medianMs()
                    && row.dense().p99Ms() >= row.dense().p90Ms());
            assertEquals(row.dense().medianMs() / row.compact().medianMs(), row.measuredSpeedup(), 1e-12);
        }
        String text = BenchReport.text(r, null);
        assertTrue(text.contains("provider: cpu"), text);
        assertTrue(text.contains("| 16 | 2 | compact |"), text);
        BenchReport.write(dir, r, null);
        assertTrue(Files.readString(dir.resolve("bench.json")).contains("\"theoreticalSpeedup\""));
    }

    @Test
    void aPreparedCallComputesWhatAFreshCallDoesAndReusesItsBuffers() {
        try (OrtModel m = OrtModel.load(compact.bytes(), Provider.CPU, 1, w -> {})) {
            int rows = 5;
            float[] x = new float[rows * m.inputWidth()];
            Random rnd = new Random(3);
            try (PreparedCall call = m.prepare(rows)) {
                for (int round = 0; round < 3; round++) {
                    for (int i = 0; i < x.length; i++) {
                        x[i] = (float) rnd.nextGaussian();
                    }
                    call.input().clear();
                    call.input().put(x);
                    call.run();
                    float[] pinned = new float[call.output().capacity()];
                    call.output().get(0, pinned);
                    org.junit.jupiter.api.Assertions.assertArrayEquals(
                            m.run(x, rows),
                            pinned,
                            "round " + round + ": the pinned output holds this input's outputs");
                }
            }
        }
    }

    @Test
    void cudaRequestFallsBackToCpuWithAMessageWhenUnavailable() {
        List<String> warnings = new ArrayList<>();
        try (OrtModel m = OrtModel.load(compact.bytes(), Provider.CUDA, 1, warnings::add)) {
            if (m.provider() == Provider.CPU) {
                assertEquals(1, warnings.size());
                assertTrue(warnings.get(0).startsWith("CUDA was requested but is not available"), warnings.get(0));
            } else {
                assertTrue(warnings.isEmpty(), "CUDA ran, so nothing to warn about");
            }
            assertEquals(m.inputWidth(), compact.report().keptFeatureIndices().length);
        }
    }

    @Test
    void bothModelsScoreTheSameOnTheRawTestSplit() {
        try (OrtModel d = OrtModel.load(dense.bytes(), Provider.CPU, 1, w -> {});
                OrtModel c = OrtModel.load(compact.bytes(), Provider.CPU, 1, w -> {})) {
            AccuracyComparison a = AccuracyComparison.of(d, c, compact.report().keptFeatureIndices(), raw.test());
            assertEquals(raw.test().rows(), a.rows());
            assertTrue(a.maxOutputDifference() < 1e-3, "outputs differ by " + a.maxOutputDifference());
            assertEquals(a.denseScore(), a.compactScore(), 1.0 / a.rows() + 1e-12);
            // the ONNX models take raw features, so they reproduce the engine's own test accuracy
            assertEquals(result.metrics(Split.TEST).accuracy(), a.denseScore(), 1.0 / a.rows() + 1e-12);
        }
    }
}
