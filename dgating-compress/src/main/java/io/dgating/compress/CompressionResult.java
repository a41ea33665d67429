package io.dgating.compress;

import io.dgating.api.train.TrainingResult;
import io.dgating.bench.AccuracyComparison;
import io.dgating.bench.BenchmarkResult;
import io.dgating.export.ExportedModel;
import io.dgating.runtime.CompactPredictor;
import io.dgating.runtime.Provider;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@link Compressor#compress} produced: the training result, the compact and dense ONNX
 * models, their verification in ONNX Runtime and, when asked for, their benchmark.
 *
 * @param training the trained (gated) model
 * @param compact the compact ONNX model
 * @param dense the dense ONNX model
 * @param verification both ONNX models scored on the raw test split through ONNX Runtime
 * @param maxDeviation largest {@code |ONNX Runtime - engine|} output difference on the test split
 * @param benchmark dense-versus-compact latency, if run
 * @param trials the trainings of a sparsity search, in order, with what each kept (just the one
 *     training otherwise)
 * @param fineTuned the compact architecture after fine-tuning, which the compact model exports
 *     (empty without fine-tuning: the compact model is {@code training} with its zero groups removed)
 * @param compactScoreBeforeFineTuning with fine-tuning: the test score through ONNX Runtime of the
 *     compact model as trained, before fine-tuning (NaN without)
 * @param validationLoss for a language model: the validation split's cross-entropy (nats per character)
 *     of the dense and the compact ONNX model through ONNX Runtime
 * @param original for a model imported from ONNX: the original file, its test score and how closely
 *     the imported model reproduced it before training
 */
public record CompressionResult(
        TrainingResult training,
        ExportedModel compact,
        ExportedModel dense,
        AccuracyComparison verification,
        double maxDeviation,
        Optional<BenchmarkResult> benchmark,
        List<LambdaTrial> trials,
        Optional<TrainingResult> fineTuned,
        double compactScoreBeforeFineTuning,
        Optional<ValidationLoss> validationLoss,
        Optional<Original> original) {

    /**
     * The model a compression of an imported file started from.
     *
     * @param source the file
     * @param origin who wrote it and its opset
     * @param input its input, {@code name [dims] type}; the compact model takes the same
     * @param testScore its test score through ONNX Runtime on the original file
     * @param importDeviation largest {@code |engine - ONNX Runtime|} output difference of the imported model
     *     before training, on test rows
     */
    public record Original(String source, String origin, String input, double testScore, double importDeviation) {}

    /**
     * Validation cross-entropy of a language model through ONNX Runtime.
     *
     * @param dense nats per character of the dense model (the trained one, before removal)
     * @param compact nats per character of the compact model
     */
    public record ValidationLoss(double dense, double compact) {

        /**
         * {@return {@code nats / ln 2}}
         *
         * @param nats a loss in nats
         */
        public static double bits(double nats) {
            return nats / Math.log(2);
        }
    }

    /**
     * Copies the list.
     *
     * @param training the trained (gated) model
     * @param compact the compact ONNX model
     * @param dense the dense ONNX model
     * @param verification both ONNX models scored on the raw test split through ONNX Runtime
     * @param maxDeviation largest {@code |ONNX Runtime - engine|} output difference on the test split
     * @param benchmark dense-versus-compact latency, if run
     * @param trials the trainings of a sparsity search, in order, with what each kept (just the one
     *     training otherwise)
     * @param fineTuned the compact architecture after fine-tuning, which the compact model exports
     *     (empty without fine-tuning: the compact model is {@code training} with its zero groups removed)
     * @param compactScoreBeforeFineTuning with fine-tuning: the test score through ONNX Runtime of the
     *     compact model as trained, before fine-tuning (NaN without)
     * @param validationLoss for a language model: the validation split's cross-entropy (nats per character)
     *     of the dense and the compact ONNX model through ONNX Runtime
     * @param original for a model imported from ONNX: the original file, its test score and how closely
     *     the imported model reproduced it before training
     */
    public CompressionResult {
        trials = List.copyOf(trials);
    }

    /** {@return the lambdas tried, in order} */
    public List<Double> lambdaTrials() {
        return trials.stream().map(LambdaTrial::lambda).toList();
    }

    /** {@return the lambda the model was trained with} */
    public double lambda() {
        return training.gating().lambda();
    }

    /** {@return the compact model's bytes (for an in-memory ONNX Runtime session)} */
    public byte[] onnxBytes() {
        return compact.bytes();
    }

    /**
     * Writes the compact model atomically.
     *
     * @param file target file
     * @param overwrite whether an existing file may be replaced
     * @throws IOException if it exists (without overwrite) or cannot be written
     */
    public void writeOnnx(Path file, boolean overwrite) throws IOException {
        compact.writeTo(file, overwrite);
    }

    /**
     * Returns a thread-safe predictor of the compact model that takes full raw feature vectors.
     *
     * @param provider CPU or CUDA (falls back to CPU)
     * @param intraOpThreads ONNX Runtime threads per call
     * @return the predictor, to be closed by the caller
     */
    public CompactPredictor predictor(Provider provider, int intraOpThreads) {
        return CompactPredictor.load(compact.bytes(), provider, intraOpThreads);
    }

    /** {@return the report as Markdown} */
    public String report() {
        return CompressionReport.markdown(this);
    }
}
