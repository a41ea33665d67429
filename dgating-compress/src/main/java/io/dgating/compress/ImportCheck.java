package io.dgating.compress;

import io.dgating.api.data.Dataset;
import io.dgating.api.engine.Engine;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.train.Distillation;
import io.dgating.bench.AccuracyComparison;
import io.dgating.importer.OnnxModel;
import io.dgating.importer.OutputTransform;
import io.dgating.runtime.OrtModel;
import io.dgating.runtime.Provider;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Before an imported model is trained: checks that the engine computes what ONNX Runtime computes
 * on the original file, and scores the original, so the report can set the compact model beside it.
 */
final class ImportCheck {

    /** Rows of the test split the engine and the original are compared on. */
    static final int ROWS = 256;

    private ImportCheck() {}

    /**
     * Runs the check.
     *
     * @throws VerificationException if the imported model does not reproduce the original
     */
    static CompressionResult.Original run(
            Engine engine,
            OnnxModel imported,
            ModelSpec model,
            Dataset normalizedTest,
            Dataset rawTest,
            Provider provider,
            Consumer<String> messages) {
        int rows = Math.min(ROWS, rawTest.rows());
        int width = model.inputSize();
        float[] raw = Arrays.copyOf(rawTest.features(), rows * width);
        float[] normalized = Arrays.copyOf(normalizedTest.features(), rows * width);
        try (OrtModel original = OrtModel.load(imported.bytes(), provider, 0, messages)) {
            float[] expected = original.run(raw, rows);
            float[] ours = imported.output()
                    .apply(engine.predict(model, imported.weights(), normalized, rows), model.outputSize());
            double deviation = 0;
            double scale = 1;
            for (int i = 0; i < expected.length; i++) {
                deviation = Math.max(deviation, Math.abs(expected[i] - ours[i]));
                scale = Math.max(scale, Math.abs(expected[i]));
            }
            if (expected.length != ours.length || deviation > 1e-4 * scale) {
                throw new VerificationException(imported.source() + ": the imported model does not reproduce the "
                        + "original in ONNX Runtime (max |difference| " + deviation + " at output scale " + scale
                        + "); nothing was trained");
            }
            double score = AccuracyComparison.scoreOf(original, OnnxVerification.allColumns(width), rawTest);
            messages.accept(String.format(
                    "imported %s (%s): %d layers; the engine reproduces ONNX Runtime on the "
                            + "original (max |difference| %.3g); original test score %.4f",
                    imported.source(), imported.origin(), model.layers().size(), deviation, score));
            return new CompressionResult.Original(
                    imported.source(), imported.origin(), imported.input().toString(), score, deviation);
        }
    }

    /**
     * Returns the original's class probabilities on the raw training rows, for distillation.
     *
     * @return the teacher
     */
    static Distillation teacher(
            OnnxModel imported, Dataset rawTrain, double weight, Provider provider, Consumer<String> messages) {
        int classes = rawTrain.classes();
        try (OrtModel original = OrtModel.load(imported.bytes(), provider, 0, messages)) {
            float[] out = original.run(rawTrain.features(), rawTrain.rows());
            float[] p = switch (imported.output()) {
                case SOFTMAX -> out;
                case LOG_SOFTMAX -> {
                    for (int i = 0; i < out.length; i++) {
                        out[i] = (float) Math.exp(out[i]);
                    }
                    yield out;
                }
                case NONE -> OutputTransform.SOFTMAX.apply(out, classes);
            };
            messages.accept(String.format(
                    "distilling from the original: its probabilities on %d training rows make "
                            + "%.0f%% of every target",
                    rawTrain.rows(), 100 * weight));
            return new Distillation(p, weight);
        }
    }
}
