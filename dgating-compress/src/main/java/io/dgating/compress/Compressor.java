package io.dgating.compress;

import io.dgating.api.ParameterSet;
import io.dgating.api.data.Dataset;
import io.dgating.api.data.DatasetSplits;
import io.dgating.api.data.Standardization;
import io.dgating.api.data.Task;
import io.dgating.api.engine.Engine;
import io.dgating.api.engine.EngineConfig;
import io.dgating.api.engine.EngineRegistry;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.model.Head;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.train.Distillation;
import io.dgating.api.train.FineTuning;
import io.dgating.api.train.TrainingConfig;
import io.dgating.api.train.TrainingListener;
import io.dgating.api.train.TrainingResult;
import io.dgating.bench.BenchmarkResult;
import io.dgating.export.ExportOptions;
import io.dgating.export.ExportedModel;
import io.dgating.export.OnnxExporter;
import io.dgating.importer.OnnxModel;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Train, compress, verify, benchmark in one call, for JVM services:
 *
 * <pre>{@code
 * CompressionResult r = compressor.compress(dataset, model, gating);
 * r.writeOnnx(Path.of("model.onnx"), false);
 * try (CompactPredictor p = r.predictor(Provider.CPU, 1)) { p.classify(row); }
 * }</pre>
 *
 * <p>The dataset is split (stratified, seeded by the training seed) 60/20/20 and standardised
 * on its training rows; the exported models take raw features. After export, ONNX Runtime
 * must reproduce the engine's outputs on the test split (to 1e-4 of the output scale), or
 * the call fails. Stateless apart from the engine registry; safe to share.
 */
public final class Compressor {

    private final EngineRegistry engines;
    private final OnnxExporter exporter = new OnnxExporter();

    /**
     * Creates the facade (Guice injects the registry of the engines on the class path).
     *
     * @param engines the engines
     */
    @Inject
    public Compressor(EngineRegistry engines) {
        this.engines = engines;
    }

    /**
     * Returns the training settings {@link #compress(Dataset, ModelSpec, GatingConfig)} uses, the
     * same as the command line's: SGD with momentum 0.9, learning rate 0.05 with a cosine
     * schedule, 100 epochs, batch 32, seed 42 (small batches suit the tabular sets services
     * usually compress; the paper's batch 256 suits MNIST-sized sets).
     *
     * @return the settings
     */
    public static TrainingConfig defaultTraining() {
        return TrainingConfig.builder()
                .learningRate(0.05)
                .batchSize(32)
                .epochs(100)
                .seed(42)
                .build();
    }

    /**
     * Compresses with {@link #defaultTraining()} and default options (benchmark included), then
     * fine-tunes the compact architecture as the command line does by default
     * ({@link FineTuning#defaultFor}: 10 epochs at learning rate 0.005), splitting 60/20/20 with
     * the training seed.
     *
     * @param data the dataset
     * @param model the architecture
     * @param gating the gating (its lambda is used)
     * @return the result
     */
    public CompressionResult compress(Dataset data, ModelSpec model, GatingConfig gating) {
        TrainingConfig training = defaultTraining();
        return compress(
                DatasetSplits.random(data, 0.2, 0.2, training.seed()),
                model,
                gating,
                training,
                CompressionOptions.defaults().withFineTuning(FineTuning.defaultFor(training)),
                TrainingListener.NONE,
                m -> {});
    }

    /**
     * Compresses with every setting given.
     *
     * @param rawSplits unstandardised splits (standardised here, on the training rows)
     * @param model the architecture
     * @param gating the gating; its lambda is the start of a sparsity search when one is asked for
     * @param training training settings
     * @param options target, export input, benchmark, provider
     * @param listener training progress
     * @param messages progress and warnings in words
     * @return the result
     * @throws VerificationException if ONNX Runtime does not reproduce the trained model
     */
    public CompressionResult compress(
            DatasetSplits rawSplits,
            ModelSpec model,
            GatingConfig gating,
            TrainingConfig training,
            CompressionOptions options,
            TrainingListener listener,
            Consumer<String> messages) {
        try (Engine engine = engines.create(null, EngineConfig.defaults())) {
            return compress(engine, rawSplits, model, gating, training, options, listener, messages);
        }
    }

    /**
     * Compresses on a given engine (owned by the caller).
     *
     * @param engine the engine
     * @param rawSplits unstandardised splits (standardised here, on the training rows)
     * @param model the architecture
     * @param gating the gating; its lambda is the start of a sparsity search when one is asked for
     * @param training training settings
     * @param options target, export input, benchmark, provider
     * @param listener training progress
     * @param messages progress and warnings in words
     * @return the result
     * @throws VerificationException if ONNX Runtime does not reproduce the trained model
     */
    public CompressionResult compress(
            Engine engine,
            DatasetSplits rawSplits,
            ModelSpec model,
            GatingConfig gating,
            TrainingConfig training,
            CompressionOptions options,
            TrainingListener listener,
            Consumer<String> messages) {
        return run(
                engine,
                rawSplits,
                rawSplits.standardized(),
                model,
                gating,
                training,
                options,
                listener,
                messages,
                null,
                Optional.empty(),
                UnaryOperator.identity(),
                Optional.empty());
    }

    /**
     * Compresses a model trained elsewhere with the defaults of {@link #compress(Dataset, ModelSpec, GatingConfig)}
     * on the default engine: balanced start, no distillation, fine-tuning, the original's input.
     *
     * @param imported the model read from ONNX ({@code OnnxModel.read(path)})
     * @param rawSplits unnormalised splits, as the original takes them
     * @param gating the gating (its lambda is used)
     * @return the result
     */
    public CompressionResult compress(OnnxModel imported, DatasetSplits rawSplits, GatingConfig gating) {
        TrainingConfig training = defaultTraining();
        try (Engine engine = engines.create(null, EngineConfig.defaults())) {
            return compress(
                    engine,
                    imported,
                    ImportOptions.defaults(),
                    rawSplits,
                    gating,
                    training,
                    CompressionOptions.defaults()
                            .withFineTuning(FineTuning.defaultFor(training))
                            .withInput(ExportOptions.InputMode.ALL_FEATURES),
                    TrainingListener.NONE,
                    m -> {});
        }
    }

    /**
     * Compresses a model trained elsewhere: D-Gating starts from its weights (every group's factors
     * sharing the weights as {@code start} says, so the gated model is the original function at step
     * 0), the data are normalised as the original graph normalised its input, and the compact model
     * takes the original's input (same name and shape; all features unless {@code options} asks for
     * the kept ones). The original is run in ONNX Runtime first: the engine must reproduce it, and its
     * test score goes into the result beside the compact model's.
     *
     * @param engine the engine (owned by the caller)
     * @param imported the model read from ONNX
     * @param how start and distillation
     * @param rawSplits unnormalised splits, as the original takes them
     * @param gating the gating; its lambda is the start of a sparsity search when one is asked for
     * @param training training settings
     * @param options target, export input, benchmark, provider
     * @param listener training progress
     * @param messages progress and warnings in words
     * @return the result, with {@link CompressionResult#original()}
     * @throws VerificationException if the engine does not reproduce the original, or ONNX Runtime the trained model
     */
    public CompressionResult compress(
            Engine engine,
            OnnxModel imported,
            ImportOptions how,
            DatasetSplits rawSplits,
            GatingConfig gating,
            TrainingConfig training,
            CompressionOptions options,
            TrainingListener listener,
            Consumer<String> messages) {
        ModelSpec model = imported.model(headFor(rawSplits));
        Standardization s = imported.inputNormalization();
        if (!model.inputShape().equals(rawSplits.train().sampleShape())
                && model.inputSize() != rawSplits.train().cols()) {
            throw new IllegalArgumentException(imported.source() + " takes examples of shape " + model.inputShape()
                    + " but " + rawSplits.train().name() + " has "
                    + rawSplits.train().sampleShape());
        }
        DatasetSplits data = new DatasetSplits(
                rawSplits.train().standardized(s),
                rawSplits.validation().standardized(s),
                rawSplits.test().standardized(s),
                s);
        CompressionResult.Original original =
                ImportCheck.run(engine, imported, model, data.test(), rawSplits.test(), options.provider(), messages);
        ParameterSet first = imported.gatedStart(gating, how.start());
        Optional<Distillation> teacher = how.distillWeight() > 0
                ? Optional.of(ImportCheck.teacher(
                        imported, rawSplits.train(), how.distillWeight(), options.provider(), messages))
                : Optional.empty();
        Map<String, String> provenance = Map.of(
                "dgating.imported_from",
                original.source() + " (" + original.origin() + ")",
                "dgating.original_input",
                original.input(),
                "dgating.original_test_score",
                Double.toString(original.testScore()));
        return run(
                engine,
                rawSplits,
                data,
                model,
                gating,
                training,
                options,
                listener,
                messages,
                first,
                Optional.of(original),
                o -> o.withInput(imported.input().name(), provenance),
                teacher);
    }

    /**
     * Compresses what a request names, on a given engine (owned by the caller): a model trained here
     * from scratch or, when the request carries one, a model trained elsewhere (see
     * {@link #compress(Engine, OnnxModel, ImportOptions, DatasetSplits, GatingConfig, TrainingConfig,
     * CompressionOptions, TrainingListener, Consumer)}).
     *
     * @param engine the engine
     * @param request data, model, gating, training, and the imported model if any
     * @param options target, export input, benchmark, provider, checkpoints, fine-tuning
     * @param listener training progress
     * @param messages progress and warnings in words
     * @return the result
     * @throws IllegalArgumentException if an imported request's model is not the imported file's translation
     * @throws VerificationException if ONNX Runtime does not reproduce the trained model (or the engine the original)
     */
    public CompressionResult compress(
            Engine engine,
            CompressionRequest request,
            CompressionOptions options,
            TrainingListener listener,
            Consumer<String> messages) {
        if (request.imported().isEmpty()) {
            return compress(
                    engine,
                    request.rawSplits(),
                    request.model(),
                    request.gating(),
                    request.training(),
                    options,
                    listener,
                    messages);
        }
        OnnxModel imported = request.imported().get();
        if (!request.model().equals(imported.model(headFor(request.rawSplits())))) {
            throw new IllegalArgumentException(
                    "the request's model is not the translation of " + imported.source() + " with the data's head");
        }
        return compress(
                engine,
                imported,
                request.importOptions(),
                request.rawSplits(),
                request.gating(),
                request.training(),
                options,
                listener,
                messages);
    }

    private static Head headFor(DatasetSplits splits) {
        return splits.train().task() == Task.REGRESSION ? Head.SQUARED_ERROR : Head.SOFTMAX_CROSS_ENTROPY;
    }

    private CompressionResult run(
            Engine engine,
            DatasetSplits rawSplits,
            DatasetSplits data,
            ModelSpec model,
            GatingConfig gating,
            TrainingConfig training,
            CompressionOptions options,
            TrainingListener listener,
            Consumer<String> messages,
            ParameterSet first,
            Optional<CompressionResult.Original> original,
            UnaryOperator<ExportOptions> exportAs,
            Optional<Distillation> teacher) {
        GatedTraining trainer =
                new GatedTraining(engine, model, gating, training, data, first, teacher, listener, messages);
        OnnxVerification onnx = new OnnxVerification(options.provider(), rawSplits, messages);
        List<LambdaTrial> trials = new ArrayList<>();
        TrainingResult result = trainer.train(options, trials);
        ExportOptions compactOptions = exportAs.apply(new ExportOptions(
                ExportOptions.Variant.COMPACT,
                options.input(),
                rawSplits.train().encoding()));
        ExportOptions denseOptions = exportAs.apply(new ExportOptions(
                ExportOptions.Variant.DENSE,
                ExportOptions.InputMode.ALL_FEATURES,
                rawSplits.train().encoding()));
        Optional<TrainingResult> tuned = Optional.empty();
        double scoreBefore = Double.NaN;
        // the compact export of the trained model: exported once, also when it is the one deployed
        ExportedModel trainedCompact = null;
        if (options.fineTuning().isPresent() && !result.gating().gates().isEmpty()) {
            trainedCompact = exporter.export(result, compactOptions);
            scoreBefore = onnx.testScore(trainedCompact);
            messages.accept(String.format(
                    "fine-tuning the compact architecture for %d epochs (test score through ONNX Runtime before: %.4f)",
                    options.fineTuning().get().epochs(), scoreBefore));
            tuned = trainer.fineTune(
                    result, options.fineTuning().get(), options.checkpointEvery(), options.resumeFineTuningFrom());
        }
        TrainingResult deployed = tuned.orElse(result);
        ExportedModel compact =
                tuned.isEmpty() && trainedCompact != null ? trainedCompact : exporter.export(deployed, compactOptions);
        ExportedModel dense = exporter.export(result, denseOptions);
        OnnxVerification.Verified verified = onnx.verify(engine, deployed, data.test(), dense, compact);
        Optional<BenchmarkResult> bench =
                onnx.benchmark(options.benchmarkBatches(), options.benchmarkCalls(), dense, compact);
        return new CompressionResult(
                result,
                compact,
                dense,
                verified.scores(),
                verified.deviation(),
                bench,
                trials,
                tuned,
                scoreBefore,
                verified.validationLoss(),
                original);
    }
}
