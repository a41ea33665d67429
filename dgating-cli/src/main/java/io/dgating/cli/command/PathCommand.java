package io.dgating.cli.command;

import io.dgating.api.data.DataSource;
import io.dgating.api.data.DatasetSplits;
import io.dgating.api.data.Task;
import io.dgating.api.engine.EngineRegistry;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.train.TrainingConfig;
import io.dgating.bench.LatencyBenchmark;
import io.dgating.bench.report.ReportValues;
import io.dgating.cli.mixin.EngineOptions;
import io.dgating.cli.mixin.VerboseOption;
import io.dgating.experiments.path.PathChain;
import io.dgating.experiments.path.PathExperiment;
import io.dgating.experiments.path.PathMethod;
import io.dgating.experiments.path.PathPoint;
import io.dgating.experiments.path.PathReport;
import io.dgating.experiments.path.PathSetup;
import io.dgating.experiments.path.PathSpec;
import io.dgating.runtime.Provider;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dgating path}: the sparsity-accuracy path over a lambda grid for several D, with report and plots. */
@Command(
        name = "path",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Train over a grid of lambdas for each D, export each model, and write the sparsity-accuracy "
                + "path (JSON, CSV, Markdown, PNG and SVG plots).")
public final class PathCommand implements Callable<Integer> {

    private final EngineRegistry engines;
    private final PrintWriter out;
    private final PrintWriter err;

    @ArgGroup(validate = false, heading = "Data%n")
    DataOptions data = new DataOptions();

    @ArgGroup(validate = false, heading = "Model and gating%n")
    ModelOptions model = new ModelOptions();

    @Option(
            names = {"-D", "--depth"},
            split = ",",
            defaultValue = "2,3,4",
            description = "D values, one curve each. Default: ${DEFAULT-VALUE}.")
    List<Integer> depths;

    @Option(
            names = "--lambdas",
            defaultValue = "1e-4:1:12",
            description = "FROM:TO:COUNT (log-spaced) or a list a,b,c. Default: ${DEFAULT-VALUE}.")
    String lambdas;

    @Option(
            names = "--method",
            split = ",",
            defaultValue = "d-gating",
            paramLabel = "METHOD",
            description = "d-gating (or dgating: trained, one curve per D), group-lasso (the D = 2 problem solved "
                    + "directly by accelerated proximal gradient; gated linear regression only), and the filter-pruning "
                    + "baselines of a CNN under --gate filters: magnitude (plain training, smallest filters removed at "
                    + "each --prune-ratios share, fine-tuned), l21 (group lasso on filters by proximal steps at each "
                    + "lambda, filters below 1%% of the largest removed, fine-tuned), slimming (L1 on batch-norm scales, "
                    + "smallest channels removed at each ratio, fine-tuned). Default: ${DEFAULT-VALUE}.")
    List<String> methods;

    @Option(
            names = "--prune-ratios",
            defaultValue = "0.3,0.5,0.7,0.8,0.9",
            split = ",",
            paramLabel = "R[,R...]",
            description = "Shares of filters the magnitude and slimming baselines remove, one point each. "
                    + "Default: ${DEFAULT-VALUE}.")
    double[] pruneRatios;

    @Option(
            names = "--l21-lambdas",
            paramLabel = "FROM:TO:COUNT|a,b,c",
            description =
                    "The l21 baseline's own lambda grid (its scale differs from D-Gating's). " + "Default: --lambdas.")
    String l21Lambdas;

    @Option(
            names = "--bench",
            split = ",",
            paramLabel = "B[,B...]",
            description = "Also measure every point's compact model against its dense one in ONNX Runtime at these "
                    + "batch sizes (after all trainings, one model at a time). Default: no measurement.")
    List<Integer> benchBatches;

    @Option(
            names = "--bench-calls",
            defaultValue = "100",
            description = "Timed calls per model and batch size with --bench. Default: ${DEFAULT-VALUE}.")
    int benchCalls;

    @Option(
            names = "--slimming-lambda",
            defaultValue = "1e-4",
            description = "Network slimming's L1 strength on batch-norm scales. Default: ${DEFAULT-VALUE}.")
    double slimmingLambda;

    @Option(names = "--warm-start", description = "Start each lambda from the previous lambda's parameters (same D).")
    boolean warmStart;

    @Option(
            names = "--parallel",
            defaultValue = "0",
            description = "Trainings at once; 0 = one per core. Default: one per core.")
    int parallel;

    @ArgGroup(validate = false, heading = "Training%n")
    TrainingOptions training = new TrainingOptions();

    @ArgGroup(validate = false, heading = "Fine-tuning%n")
    FineTuneOptions finetune = new FineTuneOptions();

    @Option(
            names = "--out",
            required = true,
            paramLabel = "DIR",
            description = "Report directory (created if missing).")
    Path outDir;

    @Option(names = "--no-progress", description = "Do not draw the progress bar.")
    boolean noProgress;

    @ArgGroup(validate = false, heading = "Cluster%n")
    SparkOptions spark = new SparkOptions();

    @Mixin
    EngineOptions engine;

    @Mixin
    VerboseOption verbose;

    /**
     * Creates the command.
     *
     * @param engines available engines
     * @param out output
     * @param err progress
     */
    @Inject
    public PathCommand(EngineRegistry engines, @Named("out") PrintWriter out, @Named("err") PrintWriter err) {
        this.engines = engines;
        this.out = out;
        this.err = err;
    }

    /**
     * Builds the experiment from the options: the data source, the model built for its data, the
     * gating template, the training settings and the grid, all resolved here, so a cluster task runs
     * a chain from these settings alone.
     */
    private PathExperiment experiment(int workers) {
        TrainingConfig config = training.config();
        double[] grid = PathSpec.parseLambdas(lambdas);
        PathSpec spec = new PathSpec(
                depths,
                grid,
                warmStart,
                workers,
                methods.stream().map(PathMethod::parse).toList(),
                finetune.fineTuning(config, false),
                pruneRatios,
                slimmingLambda,
                l21Lambdas == null ? new double[0] : PathSpec.parseLambdas(l21Lambdas));
        DataSource source = data.source();
        DatasetSplits splits = source.load(config.seed(), model.choice().context());
        ModelSpec spec0 = model.model(splits);
        GatingConfig template = model.gating(spec0, splits.train(), depths.get(0), grid[0]);
        return PathExperiment.of(source, model.choice().context(), spec0, template, config, spec, benchmark());
    }

    @Override
    public Integer call() throws IOException {
        OutDir.prepare(outDir); // before hours of training, not after
        int workers = parallel == 0 ? Runtime.getRuntime().availableProcessors() : parallel;
        PathExperiment experiment = experiment(workers);
        PathSetup setup = experiment.setup();
        PathSpec spec = setup.spec();
        double[] grid = spec.lambdas();
        List<PathChain> chains = experiment.units();
        int runs = chains.stream().mapToInt(c -> c.values().size()).sum();
        out.printf(
                "path: %d points (%s; %d lambdas from %.3g to %.3g), %d chains %s%n",
                runs,
                spec.methods().stream()
                        .map(m -> m == PathMethod.D_GATING ? "D = " + depths : m.label())
                        .collect(Collectors.joining(", ")),
                grid.length,
                grid[0],
                grid[grid.length - 1],
                chains.size(),
                spark.where(workers));
        out.flush();
        List<PathPoint> points;
        String[] engineName = {""};
        try (ProgressBar bar = bar(runs)) {
            points = spark.run(
                    engines,
                    engine,
                    workers,
                    experiment,
                    r -> r.points().forEach(p -> step(bar, p)),
                    n -> engineName[0] = n);
        }
        if (!noProgress) {
            err.println();
        }
        report(points, setup, engineName[0]);
        return ExitCodes.OK;
    }

    private static void step(ProgressBar bar, PathPoint p) {
        if (bar == null) {
            return;
        }
        synchronized (bar) {
            bar.step();
            bar.setExtraMessage(String.format(
                    Locale.ROOT,
                    " %s lambda=%.3g kept %.0f%% test %.4f",
                    p.curve(),
                    p.lambda(),
                    100 * p.groupShare(),
                    p.testScore()));
        }
    }

    private void report(List<PathPoint> points, PathSetup setup, String engineName) throws IOException {
        PathSpec spec = setup.spec();
        TrainingConfig config = setup.training();
        DatasetSplits splits = setup.data();
        ModelSpec spec0 = setup.model();
        GatingConfig template = setup.gatingTemplate();
        List<PathMethod> methodList = spec.methods();
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(
                "dataset",
                data.dataset + " (" + splits.train().rows() + " train / "
                        + splits.validation().rows() + " validation / "
                        + splits.test().rows() + " test rows, " + splits.train().cols() + " features)");
        settings.put(
                "model",
                model.choice().spec() + " (" + spec0.layers().size() + " layers, " + spec0.outputSize() + " outputs"
                        + (model.choice().hiddenWidths() != null ? ", " + model.activation : "") + ")");
        settings.put("gating", model.gate + ", eps " + template.eps());
        settings.put("method", methodList.stream().map(PathMethod::label).collect(Collectors.joining(", ")));
        settings.put("lambdas", lambdas + (warmStart ? ", warm-started" : ""));
        spec.fineTuning()
                .ifPresent(f -> settings.put(
                        "fine-tuning",
                        f.epochs() + " epochs at lr " + f.learningRate()
                                + " after removal, removed groups frozen at zero"));
        settings.put(
                "training",
                config.optimizer() + ", lr " + config.learningRate() + " " + config.schedule() + ", " + config.epochs()
                        + " epochs, batch " + config.batchSize() + ", seed " + config.seed());
        settings.put("engine", engineName);
        boolean classification = splits.train().task() == Task.CLASSIFICATION;
        List<Path> files = PathReport.write(outDir, points, settings, classification);
        out.printf("%-12s %10s %12s %10s %10s %10s%n", "curve", "lambda", "groups kept", "speed-up", "val", "test");
        for (PathPoint p : points) {
            out.printf(
                    Locale.ROOT,
                    "%-12s %10.3g %11.1f%% %10s %10.4f %10.4f%n",
                    p.curve(),
                    p.lambda(),
                    100 * p.groupShare(),
                    ReportValues.speedup(p.theoreticalSpeedup()),
                    p.validationScore(),
                    p.testScore());
        }
        out.println("wrote " + files.size() + " files to " + outDir + " (report.md, path.json, path.csv, plots)");
        out.flush();
    }

    private Optional<LatencyBenchmark> benchmark() {
        if (benchBatches == null || benchBatches.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new LatencyBenchmark(
                benchBatches,
                Math.max(5, benchCalls / 5),
                benchCalls,
                1,
                Runtime.getRuntime().availableProcessors(),
                Provider.CPU));
    }

    private ProgressBar bar(int runs) {
        if (noProgress) {
            return null;
        }
        return new ProgressBarBuilder()
                .setTaskName("path")
                .setInitialMax(runs)
                .setStyle(ProgressBarStyle.ASCII)
                .continuousUpdate()
                .setConsumer(new ConsoleProgressBarConsumer(
                        new PrintStream(
                                new OutputStream() {
                                    @Override
                                    public void write(int b) {
                                        err.write(b);
                                    }

                                    @Override
                                    public void flush() {
                                        err.flush();
                                    }
                                },
                                true),
                        110))
                .build();
    }
}
