package io.dgating.cli.command;

import io.dgating.api.engine.Engine;
import io.dgating.api.engine.EngineConfig;
import io.dgating.api.engine.EngineRegistry;
import io.dgating.cli.ExitCodes;
import io.dgating.cli.mixin.EngineOptions;
import io.dgating.eval.distributed.DistributedExecutor;
import io.dgating.eval.simulation.SimulationExperiment;
import io.dgating.eval.simulation.SimulationFits;
import io.dgating.eval.simulation.SimulationPoint;
import io.dgating.eval.simulation.SimulationReport;
import io.dgating.eval.simulation.SimulationSettings;
import io.dgating.eval.simulation.SimulationUnit;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dgating reproduce simulation}: the sparse group regression of the paper. */
@Command(
        name = "simulation",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description =
                "The paper's sparse regression (n = 200, 40 groups of 5, 7 informative): lambda paths of the group "
                        + "lasso and of D = 2, 3, 4 gating, averaged over seeds; estimation error, support recovery, "
                        + "prediction error.")
public final class ReproduceSimulationCommand
        implements Callable<Integer>, CliJob.UnitRunner<SimulationUnit, SimulationFits> {

    private final EngineRegistry engines;
    private final PrintWriter out;
    private final PrintWriter err;

    @Option(
            names = "--quick",
            description = "3 seeds, 12 lambdas, 2,000 steps (about a minute) instead of 10, 30, 6,000.")
    boolean quick;

    @Option(
            names = "--seeds",
            paramLabel = "N",
            description = "Problems drawn (seeds 1..N) and averaged over. Default: 10, or 3 with --quick.")
    Integer seeds;

    @Option(
            names = "--parallel",
            defaultValue = "0",
            description = "Fits at once; 0 = one per core. Default: one per core.")
    int parallel;

    @Option(
            names = "--out",
            defaultValue = "docs/results/simulation",
            paramLabel = "DIR",
            description = "Report directory. Default: ${DEFAULT-VALUE}.")
    Path outDir;

    @Mixin
    EngineOptions engine;

    @ArgGroup(validate = false, heading = "Cluster%n")
    SparkOptions spark = new SparkOptions();

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec commandSpec;

    /**
     * Creates the command.
     *
     * @param engines available engines
     * @param out output
     * @param err progress
     */
    @Inject
    public ReproduceSimulationCommand(
            EngineRegistry engines, @Named("out") PrintWriter out, @Named("err") PrintWriter err) {
        this.engines = engines;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws IOException {
        OutDir.prepare(outDir);
        int workers = parallel == 0 ? Runtime.getRuntime().availableProcessors() : parallel;
        SimulationSettings s = settings(workers);
        int fits = s.seeds().size() * s.lambdas().length * (1 + s.depths().size());
        java.util.Optional<DistributedExecutor> cluster = spark.open();
        out.printf(
                Locale.ROOT,
                "simulation: %d seeds x %d lambdas x (group lasso + D = %s) = %d fits, %s%n",
                s.seeds().size(),
                s.lambdas().length,
                s.depths(),
                fits,
                cluster.map(c -> s.seeds().size() * s.lambdas().length + " units as tasks of " + c.describe())
                        .orElse(workers + " at a time"));
        out.flush();
        long start = System.nanoTime();
        List<SimulationPoint> points;
        String engineName;
        // one engine thread per fit: the fits themselves run in parallel
        EngineConfig cfg = new EngineConfig(1, engine.config().device());
        AtomicInteger done = new AtomicInteger();
        java.util.function.Consumer<SimulationPoint> progress = p -> {
            int d = done.incrementAndGet();
            if (d % Math.max(1, fits / 20) == 0 || d == fits) {
                synchronized (err) {
                    err.printf(Locale.ROOT, "  %d/%d fits%n", d, fits);
                    err.flush();
                }
            }
        };
        if (cluster.isPresent()) {
            try (DistributedExecutor c = cluster.get()) {
                engineName = SparkOptions.engineOnTasks(
                        engines.select(engine.engine()).name(), c);
                points = SimulationExperiment.gather(c.runAll(
                        CliJob.<SimulationUnit, SimulationFits>of(commandSpec),
                        SimulationExperiment.units(s),
                        f -> f.points().forEach(progress)));
            }
        } else {
            try (Engine e = engines.create(engine.engine(), cfg)) {
                engineName = e.describe();
                points = new SimulationExperiment(e).run(s, progress);
            }
        }
        double wall = (System.nanoTime() - start) / 1e9;
        String command =
                "dgating reproduce simulation" + (quick ? " --quick" : "") + (seeds != null ? " --seeds " + seeds : "");
        List<Path> files = SimulationReport.write(outDir, s, points, command, engineName, wall);
        out.printf("%-12s %10s %10s %8s %8s %10s%n", "curve", "lambda", "est.error", "TP", "FP", "test RMSE");
        for (SimulationReport.Summary m :
                SimulationReport.best(SimulationReport.summarize(points)).values()) {
            out.printf(
                    Locale.ROOT,
                    "%-12s %10.3g %10.3f %8.1f %8.1f %10.3f%n",
                    m.curve(),
                    m.lambda(),
                    m.estimationError()[0],
                    m.truePositives()[0],
                    m.falsePositives()[0],
                    m.testRmse()[0]);
        }
        out.printf(
                Locale.ROOT,
                "%d fits in %.0f s; wrote %d files to %s (README.md, simulation.json, simulation.csv, " + "plots)%n",
                points.size(),
                wall,
                files.size(),
                outDir);
        out.flush();
        return ExitCodes.OK;
    }

    @Override
    public SimulationFits runUnit(SimulationUnit unit, int threads) {
        SimulationSettings s = settings(1);
        EngineConfig cfg = engine.configForUnit(threads);
        try (Engine e = engines.create(engine.engine(), cfg)) {
            return new SimulationExperiment(e).runUnit(s, unit, p -> {});
        }
    }

    private SimulationSettings settings(int workers) {
        return SimulationSettings.paper(quick, seeds != null ? seeds : quick ? 3 : 10, workers);
    }
}
