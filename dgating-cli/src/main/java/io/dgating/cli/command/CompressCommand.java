package io.dgating.cli.command;

import io.dgating.api.data.DataSource;
import io.dgating.api.data.DatasetSplits;
import io.dgating.api.engine.Engine;
import io.dgating.api.engine.EngineRegistry;
import io.dgating.api.gating.GateFactorization;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.gating.GroupReport;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.train.FineTuning;
import io.dgating.api.train.TrainingConfig;
import io.dgating.bench.report.ReportValues;
import io.dgating.cli.inject.Streams;
import io.dgating.cli.mixin.ConfigOption;
import io.dgating.cli.mixin.EngineOptions;
import io.dgating.cli.mixin.VerboseOption;
import io.dgating.compress.CompressionJob;
import io.dgating.compress.CompressionOptions;
import io.dgating.compress.CompressionRequest;
import io.dgating.compress.CompressionResult;
import io.dgating.compress.Compressor;
import io.dgating.compress.ImportOptions;
import io.dgating.compress.SparsityTarget;
import io.dgating.export.ExportOptions;
import io.dgating.importer.OnnxModel;
import io.dgating.runtime.Provider;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dgating compress}: the main job in one step. Trains, exports dense and compact ONNX,
 * checks that ONNX Runtime reproduces the trained model on the test split, benchmarks both,
 * and writes everything with a report into one directory.
 */
@Command(
        name = "compress",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Train, export dense and compact ONNX, verify in ONNX Runtime, benchmark, and write "
                + "DIR/{model.onnx, model-dense.onnx, result.dgr, report.md, report.json, training.png|svg}.")
public final class CompressCommand implements Callable<Integer> {

    private final EngineRegistry engines;
    private final Compressor compressor;
    private final PrintWriter out;
    private final PrintWriter err;

    @Spec
    CommandSpec spec;

    @ArgGroup(validate = false, heading = "Data%n")
    DataOptions data = new DataOptions();

    @ArgGroup(validate = false, heading = "Model and gating%n")
    ModelOptions model = new ModelOptions();

    @Option(
            names = {"-D", "--depth"},
            defaultValue = "3",
            description = "D: factors per group, >= 2. Default: ${DEFAULT-VALUE}.")
    int depth;

    @Option(
            names = "--lambda",
            defaultValue = "0.05",
            description = "Penalty strength lambda >= 0 of lambda * sum_j ||w_j||^(2/D) (losses are plain means, so at "
                    + "D = 2 this is the group lasso (1/2n)||y - Xb||^2 + lambda' sum ||b_j|| at lambda' = lambda / 2); with "
                    + "--target-sparsity the start of the search. Default: ${DEFAULT-VALUE}.")
    double lambda;

    @Option(
            names = "--target-sparsity",
            paramLabel = "keep:N|remove:P%",
            description = "Search lambda (log-scale bisection, warm-started) until at most N groups are kept, or at "
                    + "least P%% removed; the chosen lambda is reported.")
    String target;

    @Option(
            names = "--search-steps",
            defaultValue = "8",
            paramLabel = "N",
            description = "Bisection steps of the --target-sparsity search once the target is bracketed (each is one "
                    + "training; fewer give a coarser lambda sooner). Default: ${DEFAULT-VALUE}.")
    int searchSteps;

    @ArgGroup(validate = false, heading = "Training%n")
    TrainingOptions training = new TrainingOptions();

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "Output directory (created if missing); required unless --resume.")
    Path outDir;

    @Option(
            names = "--checkpoint-every",
            defaultValue = "10",
            paramLabel = "N",
            description =
                    "Write DIR/checkpoint.dgc after every N epochs (atomically; 0: never). Default: ${DEFAULT-VALUE}.")
    int checkpointEvery;

    @Option(
            names = "--resume",
            paramLabel = "DIR",
            description = "Continue the run in DIR from DIR/checkpoint.dgc (and DIR/checkpoint-finetune.dgc when it "
                    + "stopped while fine-tuning), with the settings of DIR/config.json "
                    + "(bit-identical to an uninterrupted run on the CPU engine).")
    Path resume;

    @Option(
            names = "--input",
            description = "Input of the compact model: kept or all. Default: kept; all for an "
                    + "imported --model FILE.onnx (the original's input contract).")
    String input;

    @Option(
            names = "--import-start",
            defaultValue = "balanced",
            paramLabel = "balanced|identity",
            description = "How an imported model's weights start D-Gating (both compute the original function at "
                    + "step 0): balanced (every factor of a group gets the norm |w|^(1/D), so the penalty is the "
                    + "paper's lambda |w|^(2/D) from the first step) or identity (omega = w, gates 1). Default: "
                    + "${DEFAULT-VALUE}.")
    String importStart;

    @Option(
            names = "--distill-weight",
            paramLabel = "A",
            description = "For --model FILE.onnx: mix the original's class probabilities (from ONNX Runtime on the "
                    + "training rows) into every target, (1 - A) label + A original, in D-Gating training and "
                    + "fine-tuning. 0: labels only. Default: 0.")
    Double distillWeight;

    @Option(
            names = "--batch",
            split = ",",
            defaultValue = "1,32,256",
            description = "Benchmark batch sizes; empty string to skip the benchmark. Default: ${DEFAULT-VALUE}.")
    List<String> batches;

    @ArgGroup(validate = false, heading = "Fine-tuning%n")
    FineTuneOptions finetune = new FineTuneOptions();

    @Option(
            names = "--calls",
            defaultValue = "200",
            description = "Timed calls per model and batch size. Default: ${DEFAULT-VALUE}.")
    int calls;

    @Option(
            names = "--provider",
            defaultValue = "cpu",
            description = "ONNX Runtime provider: cpu or cuda. Default: ${DEFAULT-VALUE}.")
    String provider;

    @Option(names = "--overwrite", description = "Replace outputs of an earlier run in DIR.")
    boolean overwrite;

    @Option(names = "--no-progress", description = "Do not show progress.")
    boolean noProgress;

    private final boolean errIsTerminal;

    @Mixin
    EngineOptions engine;

    @Mixin
    ConfigOption config;

    @Mixin
    VerboseOption verbose;

    /**
     * Creates the command.
     *
     * @param engines available engines
     * @param compressor the compression facade
     * @param out results
     * @param err progress and messages
     * @param errIsTerminal whether {@code err} is a terminal (progress bar) or a file or pipe (lines)
     */
    @Inject
    public CompressCommand(
            EngineRegistry engines,
            Compressor compressor,
            @Named("out") PrintWriter out,
            @Named("err") PrintWriter err,
            @Named(Streams.ERR_IS_TERMINAL) boolean errIsTerminal) {
        this.engines = engines;
        this.compressor = compressor;
        this.out = out;
        this.err = err;
        this.errIsTerminal = errIsTerminal;
    }

    @Override
    public Integer call() throws IOException {
        if (config.checkOrPrint(spec, out)) {
            return ExitCodes.OK;
        }
        if (outDir == null && resume == null) {
            throw new IllegalArgumentException("--out DIR is required (or --resume DIR)");
        }
        CompressionJob job = new CompressionJob(compressor, resume != null ? resume : outDir);
        if (resume == null) {
            job.requireNoEarlierOutputs(overwrite);
        }
        TrainingConfig trainingConfig = training.config();
        // an unsupported ONNX file is refused before any data is read
        Optional<OnnxModel> imported = model.choice().imported() ? Optional.of(model.imported()) : Optional.empty();
        ImportOptions importOptions = importOptions(imported.isPresent());
        DataSource source = data.source();
        DatasetSplits raw = source.loadRaw(trainingConfig.seed(), model.choice().context());
        ModelSpec spec0 = imported.isPresent() ? model.importedModel(raw) : model.model(raw);
        GatingConfig gating = model.gating(spec0, raw.train(), depth, lambda);
        CompressionRequest request =
                new CompressionRequest(raw, spec0, gating, trainingConfig, imported, importOptions);
        CompressionOptions options = options();
        out.println(source.summary(raw));
        out.flush();
        CompressionResult r;
        try (Engine e = engines.create(engine.engine(), engine.config());
                ProgressListener progress =
                        new ProgressListener(err, ProgressListener.Style.of(noProgress, errIsTerminal))) {
            out.println("engine " + e.describe());
            out.flush();
            Consumer<String> messages = m -> {
                err.println(m);
                err.flush();
            };
            r = resume != null
                    ? job.resume(e, request, options, progress, messages)
                    : job.start(e, request, options, overwrite, ConfigOption.settings(spec), progress, messages);
        }
        summary(r, job.directory());
        return ExitCodes.OK;
    }

    private ImportOptions importOptions(boolean imported) {
        if (distillWeight != null && !imported) {
            throw new IllegalArgumentException(
                    "--distill-weight distils from an imported model; it needs --model FILE.onnx");
        }
        GateFactorization.Start start = switch (importStart.toLowerCase(Locale.ROOT)) {
            case "balanced" -> GateFactorization.Start.BALANCED;
            case "identity" -> GateFactorization.Start.IDENTITY;
            default ->
                throw new IllegalArgumentException(
                        "--import-start must be balanced or identity, got '" + importStart + "'");
        };
        return new ImportOptions(start, distillWeight == null ? 0 : distillWeight);
    }

    private CompressionOptions options() {
        String in = input != null ? input : model.choice().imported() ? "all" : "kept";
        ExportOptions.InputMode mode = switch (in.toLowerCase(Locale.ROOT)) {
            case "kept" -> ExportOptions.InputMode.KEPT_FEATURES;
            case "all" -> ExportOptions.InputMode.ALL_FEATURES;
            default -> throw new IllegalArgumentException("--input must be kept or all, got '" + input + "'");
        };
        Provider p = Provider.parse(provider);
        List<Integer> b = batches.stream()
                .filter(s -> !s.isBlank())
                .map(s -> {
                    try {
                        return Integer.parseInt(s.trim());
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--batch takes whole numbers, got '" + s + "'");
                    }
                })
                .toList();
        Optional<SparsityTarget> t = target == null ? Optional.empty() : Optional.of(SparsityTarget.parse(target));
        Optional<FineTuning> fine = finetune.fineTuning(training.config(), true);
        return new CompressionOptions(
                t, mode, b, calls, p, searchSteps, checkpointEvery, Optional.empty(), fine, Optional.empty());
    }

    private void summary(CompressionResult r, Path outDir) {
        if (r.training().gating().gates().isEmpty()) {
            out.println("gating: none (a dense reference model)");
        } else {
            out.printf(
                    Locale.ROOT,
                    "lambda %.4g%s%n",
                    r.lambda(),
                    r.lambdaTrials().size() > 1
                            ? " (chosen by search, " + r.lambdaTrials().size() + " trainings)"
                            : "");
        }
        for (GroupReport g : r.training().groupReports()) {
            out.printf(
                    "%-10s %-15s %d of %d groups kept%n",
                    g.layer(), g.kind().name().toLowerCase(Locale.ROOT), g.kept(), g.groups());
        }
        boolean cls = r.verification().classification();
        if (r.fineTuned().isPresent()) {
            out.printf(
                    Locale.ROOT,
                    "fine-tuned %s epochs: compact test %s through ONNX Runtime %.4f before, %.4f after%n",
                    r.fineTuned().get().provenance().get("finetune.epochs"),
                    cls ? "accuracy" : "RMSE",
                    r.compactScoreBeforeFineTuning(),
                    r.verification().compactScore());
        }
        out.printf(
                Locale.ROOT,
                "test %s through ONNX Runtime: dense %.4f, compact %.4f%n",
                cls ? "accuracy" : "RMSE",
                r.verification().denseScore(),
                r.verification().compactScore());
        r.original()
                .ifPresent(o -> out.printf(
                        Locale.ROOT,
                        "original model %s: test %s through ONNX Runtime %.4f " + "(compact %.4f, same input '%s')%n",
                        o.source(),
                        cls ? "accuracy" : "RMSE",
                        o.testScore(),
                        r.verification().compactScore(),
                        o.input()));
        out.printf(
                Locale.ROOT,
                "model.onnx %,d bytes (dense %,d); parameters %,d of %,d%n",
                r.compact().size(),
                r.dense().size(),
                r.compact().report().exportedParameters(),
                r.compact().report().denseParameters());
        r.benchmark().ifPresent(b -> {
            out.printf(Locale.ROOT, "theoretical speed-up %s; measured:", ReportValues.speedup(b.theoreticalSpeedup()));
            b.rows()
                    .forEach(row -> out.printf(
                            Locale.ROOT, " batch %d %.2fx", row.dense().batch(), row.measuredSpeedup()));
            out.println();
        });
        out.println("wrote " + outDir + "/{" + String.join(", ", CompressionJob.OUTPUTS) + "}");
        out.flush();
    }
}
