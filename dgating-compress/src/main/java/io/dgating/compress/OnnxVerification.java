package io.dgating.compress;

import io.dgating.api.data.Dataset;
import io.dgating.api.data.DatasetSplits;
import io.dgating.api.engine.Engine;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.train.Scoring;
import io.dgating.api.train.TrainingResult;
import io.dgating.bench.AccuracyComparison;
import io.dgating.bench.BenchmarkResult;
import io.dgating.bench.LatencyBenchmark;
import io.dgating.bench.TableInputs;
import io.dgating.export.ExportedModel;
import io.dgating.runtime.OrtModel;
import io.dgating.runtime.Provider;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * The ONNX half of a compression: the exported models run in ONNX Runtime on the raw splits, as a
 * service will run them. ONNX Runtime must reproduce the engine's outputs, the models are scored,
 * a language model's validation loss is measured, and the latency benchmark runs.
 *
 * @param provider the ONNX Runtime provider
 * @param rawSplits unstandardised splits: what the exported models take
 * @param messages progress in words
 */
record OnnxVerification(Provider provider, DatasetSplits rawSplits, Consumer<String> messages) {

    /** Largest {@code |ONNX Runtime - engine|} difference allowed, relative to the output scale (at least 1). */
    static final double TOLERANCE = 1e-4;

    /**
     * Both models scored on the raw test split, and how far the compact one is from the engine.
     *
     * @param scores dense and compact test scores
     * @param deviation largest {@code |ONNX Runtime - engine|} output difference of the compact model
     * @param validationLoss for a language model, the validation loss of both models
     */
    record Verified(
            AccuracyComparison scores, double deviation, Optional<CompressionResult.ValidationLoss> validationLoss) {}

    /**
     * {@return the test score of a compact model through ONNX Runtime}
     *
     * @param compact the model
     */
    double testScore(ExportedModel compact) {
        try (OrtModel m = OrtModel.load(compact.bytes(), provider, 0, messages)) {
            return AccuracyComparison.scoreOf(m, compact.report().keptFeatureIndices(), rawSplits.test());
        }
    }

    /**
     * Checks that ONNX Runtime computes on the raw test split what the engine computes on the
     * standardised one, and scores both models (a language model also by its validation loss), with
     * one session per model.
     *
     * @param engine the engine
     * @param deployed the model the compact file exports
     * @param standardizedTest the test split as the engine takes it
     * @param dense the dense export
     * @param compact the compact export
     * @return the scores, the deviation and, for a language model, the validation loss
     * @throws VerificationException if the deviation exceeds {@link #TOLERANCE} of the output scale
     */
    Verified verify(
            Engine engine,
            TrainingResult deployed,
            Dataset standardizedTest,
            ExportedModel dense,
            ExportedModel compact) {
        float[] reference = engine.predict(
                deployed.model(), deployed.collapsed(), standardizedTest.features(), standardizedTest.rows());
        Dataset test = rawSplits.test();
        try (OrtModel d = OrtModel.load(dense.bytes(), provider, 0, messages);
                OrtModel c = OrtModel.load(compact.bytes(), provider, 0, messages)) {
            float[] ort = TableInputs.run(c, test, compact.report().keptFeatureIndices());
            AccuracyComparison scores =
                    AccuracyComparison.of(TableInputs.run(d, test, allColumns(test.cols())), ort, test);
            double deviation = 0;
            double scale = 0;
            for (int i = 0; i < reference.length; i++) {
                deviation = Math.max(deviation, Math.abs(reference[i] - ort[i]));
                scale = Math.max(scale, Math.abs(reference[i]));
            }
            if (deviation > TOLERANCE * Math.max(scale, 1.0)) {
                throw new VerificationException("ONNX Runtime does not reproduce the trained model on the test split: "
                        + "max |difference| " + deviation + " at output scale " + scale);
            }
            messages.accept(String.format(
                    "verified: ONNX Runtime reproduces the trained model (max |difference| %.3g)", deviation));
            return new Verified(scores, deviation, validationLoss(deployed.model(), d, c, compact));
        }
    }

    /** For a language model (several targets per row): the validation cross-entropy of the dense and the compact model. */
    private Optional<CompressionResult.ValidationLoss> validationLoss(
            ModelSpec model, OrtModel dense, OrtModel compact, ExportedModel compactExport) {
        Dataset val = rawSplits.validation();
        if (val.targetsPerRow() <= 1 || val.rows() == 0) {
            return Optional.empty();
        }
        CompressionResult.ValidationLoss loss = new CompressionResult.ValidationLoss(
                Scoring.of(TableInputs.run(dense, val, allColumns(val.cols())), val, model.head())
                        .loss(),
                Scoring.of(
                                TableInputs.run(
                                        compact, val, compactExport.report().keptFeatureIndices()),
                                val,
                                model.head())
                        .loss());
        messages.accept(String.format(
                "validation loss through ONNX Runtime: dense %.4f, compact %.4f nats per character",
                loss.dense(), loss.compact()));
        return Optional.of(loss);
    }

    /**
     * Times both models side by side, when asked for and possible.
     *
     * @param batches batch sizes (empty: no benchmark)
     * @param calls timed calls per model and batch size
     * @param dense the dense export
     * @param compact the compact export
     * @return the benchmark, or empty
     */
    Optional<BenchmarkResult> benchmark(List<Integer> batches, int calls, ExportedModel dense, ExportedModel compact) {
        if (batches.isEmpty()) {
            return Optional.empty();
        }
        if (rawSplits.train().encoding().isPresent()) {
            messages.accept("benchmark skipped: it feeds float rows, and this model also takes categorical columns as "
                    + "strings");
            return Optional.empty();
        }
        LatencyBenchmark b = new LatencyBenchmark(
                batches, Math.max(5, calls / 5), calls, 1, Runtime.getRuntime().availableProcessors(), provider);
        return Optional.of(b.run(
                dense.bytes(),
                compact.bytes(),
                compact.report().keptFeatureIndices(),
                messages,
                s -> messages.accept("benchmark: " + s + " done")));
    }

    /** {@return {@code 0 .. n - 1}: every column of a table} */
    static int[] allColumns(int n) {
        return IntStream.range(0, n).toArray();
    }
}
