package io.dgating.compress;

import io.dgating.api.ParameterSet;
import io.dgating.api.data.Dataset;
import io.dgating.api.data.DatasetSplits;
import io.dgating.api.engine.Engine;
import io.dgating.api.engine.EngineConfig;
import io.dgating.api.engine.EngineRegistry;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.train.FineTuner;
import io.dgating.api.train.FineTuning;
import io.dgating.api.train.TrainingConfig;
import io.dgating.api.train.TrainingListener;
import io.dgating.api.train.TrainingRequest;
import io.dgating.api.train.TrainingResult;
import io.dgating.eval.bench.AccuracyComparison;
import io.dgating.eval.bench.BenchmarkResult;
import io.dgating.eval.bench.LatencyBenchmark;
import io.dgating.eval.ort.OrtModel;
import io.dgating.eval.ort.TableInputs;
import io.dgating.export.ExportOptions;
import io.dgating.export.ExportedModel;
import io.dgating.export.OnnxExporter;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

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
                java.util.function.UnaryOperator.identity(),
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
    public CompressionResult compress(
            io.dgating.importer.OnnxModel imported, DatasetSplits rawSplits, GatingConfig gating) {
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
            io.dgating.importer.OnnxModel imported,
            ImportOptions how,
            DatasetSplits rawSplits,
            GatingConfig gating,
            TrainingConfig training,
            CompressionOptions options,
            TrainingListener listener,
            Consumer<String> messages) {
        ModelSpec model = imported.model(
                rawSplits.train().task() == io.dgating.api.data.Task.REGRESSION
                        ? io.dgating.api.model.Head.SQUARED_ERROR
                        : io.dgating.api.model.Head.SOFTMAX_CROSS_ENTROPY);
        io.dgating.api.data.Standardization s = imported.inputNormalization();
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
        Optional<io.dgating.api.train.Distillation> teacher = how.distillWeight() > 0
                ? Optional.of(ImportCheck.teacher(
                        imported, rawSplits.train(), how.distillWeight(), options.provider(), messages))
                : Optional.empty();
        java.util.Map<String, String> provenance = java.util.Map.of(
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
            java.util.function.UnaryOperator<ExportOptions> exportAs,
            Optional<io.dgating.api.train.Distillation> teacher) {
        List<LambdaTrial> trials = new ArrayList<>();
        TrainingResult result;
        if (options.target().isPresent()) {
            result = search(engine, model, gating, training, data, options, listener, messages, trials, first, teacher);
        } else {
            TrainingRequest req = TrainingRequest.of(model, gating, training, data)
                    .withListener(listener)
                    .withCheckpointsEvery(options.checkpointEvery());
            if (first != null && options.resumeFrom().isEmpty()) {
                req = req.withInitialParameters(first);
            }
            if (teacher.isPresent()) {
                req = req.withDistillation(teacher.get());
            }
            if (options.resumeFrom().isPresent()) {
                req = req.resumingFrom(options.resumeFrom().get());
                messages.accept(
                        "resuming after epoch " + options.resumeFrom().get().epochsDone());
            }
            result = engine.train(req);
            int kept = result.groupReports().stream()
                    .mapToInt(io.dgating.api.gating.GroupReport::kept)
                    .sum();
            int total = result.groupReports().stream()
                    .mapToInt(io.dgating.api.gating.GroupReport::groups)
                    .sum();
            trials.add(new LambdaTrial(gating.lambda(), kept, total, true));
        }
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
        if (options.fineTuning().isPresent() && !result.gating().gates().isEmpty()) {
            ExportedModel before = exporter.export(result, compactOptions);
            try (OrtModel b = OrtModel.load(before.bytes(), options.provider(), 0, messages)) {
                scoreBefore = AccuracyComparison.scoreOf(b, before.report().keptFeatureIndices(), rawSplits.test());
            }
            messages.accept(String.format(
                    "fine-tuning the compact architecture for %d epochs (test score through ONNX "
                            + "Runtime before: %.4f)",
                    options.fineTuning().get().epochs(), scoreBefore));
            options.resumeFineTuningFrom()
                    .ifPresent(c -> messages.accept("resuming fine-tuning after epoch " + c.epochsDone()));
            TrainingResult t = FineTuner.run(
                    engine,
                    result,
                    data,
                    options.fineTuning().get(),
                    listener.fineTuning(),
                    options.checkpointEvery(),
                    options.resumeFineTuningFrom(),
                    teacher);
            if (FineTuner.keepBetter(result, t) == t) {
                tuned = Optional.of(t);
            } else {
                messages.accept(String.format(
                        "fine-tuning lowered the validation score from %.4f to %.4f; the compact "
                                + "model is the one before fine-tuning",
                        validationScore(result), validationScore(t)));
            }
        }
        TrainingResult deployed = tuned.orElse(result);
        ExportedModel compact = exporter.export(deployed, compactOptions);
        ExportedModel dense = exporter.export(result, denseOptions);
        float[] x = data.test().features();
        float[] reference =
                engine.predict(model, deployed.collapsed(), x, data.test().rows());
        AccuracyComparison verification;
        double deviation;
        try (OrtModel d = OrtModel.load(dense.bytes(), options.provider(), 0, messages);
                OrtModel c = OrtModel.load(compact.bytes(), options.provider(), 0, messages)) {
            Dataset test = rawSplits.test();
            float[] ort = TableInputs.run(c, test, compact.report().keptFeatureIndices());
            verification = AccuracyComparison.of(TableInputs.run(d, test, allColumns(test.cols())), ort, test);
            deviation = maxDiff(reference, ort);
            double scale = 0;
            for (float v : reference) {
                scale = Math.max(scale, Math.abs(v));
            }
            if (deviation > 1e-4 * Math.max(scale, 1.0)) {
                throw new VerificationException("ONNX Runtime does not reproduce the trained model on the test split: "
                        + "max |difference| " + deviation + " at output scale " + scale);
            }
        }
        messages.accept(String.format(
                "verified: ONNX Runtime reproduces the trained model (max |difference| %.3g)", deviation));
        Optional<CompressionResult.ValidationLoss> validationLoss = Optional.empty();
        if (rawSplits.validation().targetsPerRow() > 1 && rawSplits.validation().rows() > 0) {
            // a language model is judged by its loss: before export (the dense model) and after (the compact one)
            Dataset val = rawSplits.validation();
            try (OrtModel d = OrtModel.load(dense.bytes(), options.provider(), 0, messages);
                    OrtModel c = OrtModel.load(compact.bytes(), options.provider(), 0, messages)) {
                validationLoss = Optional.of(new CompressionResult.ValidationLoss(
                        io.dgating.api.train.Scoring.of(
                                        TableInputs.run(d, val, allColumns(val.cols())), val, model.head())
                                .loss(),
                        io.dgating.api.train.Scoring.of(
                                        TableInputs.run(c, val, compact.report().keptFeatureIndices()),
                                        val,
                                        model.head())
                                .loss()));
            }
            messages.accept(String.format(
                    "validation loss through ONNX Runtime: dense %.4f, compact %.4f nats per " + "character",
                    validationLoss.get().dense(), validationLoss.get().compact()));
        }
        Optional<BenchmarkResult> bench = Optional.empty();
        if (!options.benchmarkBatches().isEmpty()
                && rawSplits.train().encoding().isPresent()) {
            messages.accept("benchmark skipped: it feeds float rows, and this model also takes categorical columns as "
                    + "strings");
        } else if (!options.benchmarkBatches().isEmpty()) {
            LatencyBenchmark b = new LatencyBenchmark(
                    options.benchmarkBatches(),
                    Math.max(5, options.benchmarkCalls() / 5),
                    options.benchmarkCalls(),
                    1,
                    Runtime.getRuntime().availableProcessors(),
                    options.provider());
            bench = Optional.of(b.run(
                    dense.bytes(),
                    compact.bytes(),
                    compact.report().keptFeatureIndices(),
                    messages,
                    s -> messages.accept("benchmark: " + s + " done")));
        }
        return new CompressionResult(
                result,
                compact,
                dense,
                verification,
                deviation,
                bench,
                trials,
                tuned,
                scoreBefore,
                validationLoss,
                original);
    }

    private static TrainingResult train(
            Engine engine,
            ModelSpec model,
            GatingConfig gating,
            TrainingConfig training,
            DatasetSplits data,
            ParameterSet start,
            TrainingListener listener,
            Optional<io.dgating.api.train.Distillation> teacher) {
        TrainingRequest req = TrainingRequest.of(model, gating, training, data).withListener(listener);
        if (start != null) {
            req = req.withInitialParameters(start);
        }
        if (teacher.isPresent()) {
            req = req.withDistillation(teacher.get());
        }
        return engine.train(req);
    }

    /** Runs a {@link LambdaSearch} for the target of {@code options}; every training is recorded in {@code trials}. */
    private static TrainingResult search(
            Engine engine,
            ModelSpec model,
            GatingConfig gating,
            TrainingConfig training,
            DatasetSplits data,
            CompressionOptions options,
            TrainingListener listener,
            Consumer<String> messages,
            List<LambdaTrial> trials,
            ParameterSet first,
            Optional<io.dgating.api.train.Distillation> teacher) {
        LambdaSearch<TrainingResult> search = new LambdaSearch<>(
                options.target().orElseThrow(),
                new LambdaSearch.Trainer<>() {
                    @Override
                    public TrainingResult train(double lambda, TrainingResult warm) {
                        return Compressor.train(
                                engine,
                                model,
                                with(gating, lambda),
                                training,
                                data,
                                warm == null ? first : warm.parameters(),
                                listener,
                                teacher);
                    }

                    @Override
                    public int kept(TrainingResult r) {
                        return r.groupReports().stream()
                                .mapToInt(io.dgating.api.gating.GroupReport::kept)
                                .sum();
                    }

                    @Override
                    public int groups(TrainingResult r) {
                        return r.groupReports().stream()
                                .mapToInt(io.dgating.api.gating.GroupReport::groups)
                                .sum();
                    }
                },
                messages);
        try {
            return search.run(gating.lambda() > 0 ? gating.lambda() : 1e-3, options.searchSteps());
        } finally {
            trials.addAll(search.trials());
        }
    }

    private static GatingConfig with(GatingConfig g, double lambda) {
        return new GatingConfig(g.depth(), lambda, g.eps(), g.gates());
    }

    private static double validationScore(TrainingResult r) {
        return r.metrics(io.dgating.api.train.Split.VALIDATION)
                .score(r.model().head() == io.dgating.api.model.Head.SOFTMAX_CROSS_ENTROPY);
    }

    /** {@return {@code 0 .. n - 1}: every column of a table} */
    static int[] allColumns(int n) {
        return java.util.stream.IntStream.range(0, n).toArray();
    }

    private static double maxDiff(float[] a, float[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }
}
