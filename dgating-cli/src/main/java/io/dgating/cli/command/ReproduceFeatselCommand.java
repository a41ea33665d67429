package io.dgating.cli.command;

import io.dgating.api.data.DataSource;
import io.dgating.api.data.Task;
import io.dgating.api.engine.EngineRegistry;
import io.dgating.cli.mixin.EngineOptions;
import io.dgating.experiments.featsel.FeatselExperiment;
import io.dgating.experiments.featsel.FeatselReport;
import io.dgating.experiments.featsel.FeatselSettings;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dgating reproduce featsel}: LeNet-300-100 pixel selection on MNIST and Fashion-MNIST. */
@Command(
        name = "featsel",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description =
                "The paper's feature selection: LeNet-300-100 with a gate per pixel, lambda paths for D = 2, 3, 4, "
                        + "test accuracy through ONNX Runtime at k = 25, 50, 100, 200 pixels before and after fine-tuning, "
                        + "beside an L1-logistic selection + MLP baseline and LassoNet's published numbers.")
public final class ReproduceFeatselCommand implements Callable<Integer> {

    private final EngineRegistry engines;
    private final PrintWriter out;
    private final PrintWriter err;

    @Option(
            names = "--data",
            split = ",",
            defaultValue = "mnist,fashion-mnist",
            paramLabel = "NAME",
            description = "mnist and/or fashion-mnist (fetched by scripts/fetch-data.sh). Default: ${DEFAULT-VALUE}.")
    List<String> datasets;

    @Option(
            names = "--epochs",
            defaultValue = "100",
            paramLabel = "N",
            description = "Epochs per path point (the paper trains 100). Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(
            names = "--finetune-epochs",
            defaultValue = "10",
            paramLabel = "N",
            description = "Fine-tuning epochs of each selected model. Default: ${DEFAULT-VALUE}.")
    int finetuneEpochs;

    @Option(
            names = "--quick",
            description = "2 epochs per point, 2 of fine-tuning: checks the harness in minutes; "
                    + "the numbers mean little.")
    boolean quick;

    @Option(
            names = "--out",
            defaultValue = "docs/results/featsel",
            paramLabel = "DIR",
            description = "Report directory. Default: ${DEFAULT-VALUE}.")
    Path outDir;

    @Mixin
    EngineOptions engine;

    @ArgGroup(validate = false, heading = "Cluster%n")
    SparkOptions spark = new SparkOptions();

    /**
     * Creates the command.
     *
     * @param engines available engines
     * @param out output
     * @param err progress
     */
    @Inject
    public ReproduceFeatselCommand(
            EngineRegistry engines, @Named("out") PrintWriter out, @Named("err") PrintWriter err) {
        this.engines = engines;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws IOException {
        OutDir.prepare(outDir);
        int e = quick ? 2 : epochs;
        FeatselSettings s = settings();
        Map<String, DataSource> data = new LinkedHashMap<>();
        for (String name : datasets) {
            String n = dataset(name);
            // the official test set; 20% of the training set for validation, split by the settings' seed
            DataSource source = new DataSource(n, "-1", Task.CLASSIFICATION, "", 0.2, 0.0, false);
            source.loadRaw(s.seed(), OptionalInt.empty()); // not fetched: said now, not after hours
            data.put(n, source);
        }
        FeatselExperiment experiment = new FeatselExperiment(data, s).reportingTo(m -> {
            synchronized (err) {
                err.println(m);
                err.flush();
            }
        });
        err.println("featsel: " + experiment.units().size() + " units (dataset x method) " + spark.where(1));
        err.flush();
        long start = System.nanoTime();
        String[] engineName = {""};
        Map<String, FeatselExperiment.Outcome> outcomes = spark.run(
                engines,
                engine,
                1,
                experiment,
                f -> {
                    synchronized (err) {
                        err.printf(
                                Locale.ROOT,
                                "featsel: %s %s done: %d path points, %d selected models%n",
                                f.unit().dataset(),
                                f.unit().isBaseline()
                                        ? FeatselExperiment.BASELINE
                                        : "D = " + f.unit().depth(),
                                f.steps().size(),
                                f.rows().size());
                        err.flush();
                    }
                },
                n -> engineName[0] = n);
        double wall = (System.nanoTime() - start) / 1e9;
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(
                "command",
                "dgating reproduce featsel" + (quick ? " --quick" : "") + (e != 100 && !quick ? " --epochs " + e : "")
                        + (finetuneEpochs != 10 && !quick ? " --finetune-epochs " + finetuneEpochs : "")
                        + (datasets.equals(List.of("mnist", "fashion-mnist"))
                                ? ""
                                : " --data " + String.join(",", datasets)));
        settings.put(
                "protocol",
                String.format(
                        Locale.ROOT,
                        "LeNet-300-100 (ReLU), SGD momentum 0.9, batch %d, cosine "
                                + "schedule from %s, %d epochs per path point%s; lambda from %s growing x%s per point, each point "
                                + "trained from scratch; D = %s; fine-tuning %d epochs at lr %s",
                        s.batchSize(),
                        s.learningRate(),
                        e,
                        e < 100 ? " (the paper: 100; scaled down to fit this machine)" : "",
                        s.lambdaStart(),
                        s.lambdaFactor(),
                        s.depths(),
                        s.fineTuneEpochs(),
                        s.learningRate() / 10));
        settings.put(
                "data",
                "the official training set split 80/20 into training and validation (seed " + s.seed()
                        + "), the official test set for every accuracy; one seed");
        settings.put("engine", engineName[0] + "; accuracy through ONNX Runtime (CPU)");
        settings.put("wall time", String.format(Locale.ROOT, "%.0f s", wall));
        List<Path> files = FeatselReport.write(outDir, s, outcomes, settings);
        for (Map.Entry<String, FeatselExperiment.Outcome> o : outcomes.entrySet()) {
            FeatselReport.bestWithin50(o.getValue().rows())
                    .ifPresent(b -> out.printf(
                            Locale.ROOT,
                            "%s: best within 50 pixels %s, %d pixels, test accuracy %.4f (before fine-tuning %.4f)%n",
                            o.getKey(),
                            b.method(),
                            b.kept(),
                            b.accuracyAfter(),
                            b.accuracyBefore()));
        }
        out.printf(Locale.ROOT, "%.0f s; wrote %d files to %s%n", wall, files.size(), outDir);
        out.flush();
        return ExitCodes.OK;
    }

    private FeatselSettings settings() {
        int e = quick ? 2 : epochs;
        FeatselSettings p = FeatselSettings.paper(e);
        return new FeatselSettings(
                p.depths(),
                p.ks(),
                e,
                p.batchSize(),
                p.learningRate(),
                quick ? 2 : finetuneEpochs,
                p.lambdaStart(),
                p.lambdaFactor(),
                p.maxPoints(),
                p.seed());
    }

    private static String dataset(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (!n.equals("mnist") && !n.equals("fashion-mnist")) {
            throw new IllegalArgumentException("--data takes mnist and/or fashion-mnist, got '" + name + "'");
        }
        return n;
    }
}
