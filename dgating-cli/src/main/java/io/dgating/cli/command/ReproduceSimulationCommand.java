package io.dgating.cli.command;

import io.dgating.api.engine.EngineRegistry;
import io.dgating.cli.mixin.EngineOptions;
import io.dgating.experiments.simulation.SimulationExperiment;
import io.dgating.experiments.simulation.SimulationPoint;
import io.dgating.experiments.simulation.SimulationReport;
import io.dgating.experiments.simulation.SimulationSettings;
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
public final class ReproduceSimulationCommand implements Callable<Integer> {

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
        SimulationExperiment experiment = new SimulationExperiment(s);
        out.printf(
                Locale.ROOT,
                "simulation: %d seeds x %d lambdas x (group lasso + D = %s) = %d fits, %d units %s%n",
                s.seeds().size(),
                s.lambdas().length,
                s.depths(),
                fits,
                experiment.units().size(),
                spark.where(workers));
        out.flush();
        long start = System.nanoTime();
        String[] engineName = {""};
        AtomicInteger done = new AtomicInteger();
        List<SimulationPoint> points = spark.run(
                engines,
                engine,
                workers,
                experiment,
                f -> {
                    int d = done.addAndGet(f.points().size());
                    // a line every 5% of the fits
                    if (d * 20 / fits > (d - f.points().size()) * 20 / fits || d == fits) {
                        synchronized (err) {
                            err.printf(Locale.ROOT, "  %d/%d fits%n", d, fits);
                            err.flush();
                        }
                    }
                },
                n -> engineName[0] = n);
        double wall = (System.nanoTime() - start) / 1e9;
        String command =
                "dgating reproduce simulation" + (quick ? " --quick" : "") + (seeds != null ? " --seeds " + seeds : "");
        List<Path> files = SimulationReport.write(outDir, s, points, command, engineName[0], wall);
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

    private SimulationSettings settings(int workers) {
        return SimulationSettings.paper(quick, seeds != null ? seeds : quick ? 3 : 10, workers);
    }
}
