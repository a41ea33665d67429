package io.dgating.experiments.simulation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dgating.bench.report.OutputDirectory;
import io.dgating.bench.report.Plots;
import io.dgating.bench.report.ReportValues;
import io.dgating.experiments.baseline.GroupLassoFit;
import io.dgating.store.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * Writes the simulation: {@code README.md} (command, settings, seeds, wall time, summary and full
 * tables, plots), {@code simulation.json} (every fit), {@code simulation.csv} (means and standard
 * deviations per curve and lambda), and four plots against lambda as PNG and SVG. Atomic writes.
 */
public final class SimulationReport {

    /**
     * Means and standard deviations over seeds of one curve at one lambda.
     *
     * @param curve the curve
     * @param lambda lambda
     * @param estimationError mean, sd
     * @param truePositives mean, sd
     * @param falsePositives mean, sd
     * @param testRmse mean, sd
     * @param maxDiffToGroupLasso largest over seeds (NaN except D = 2)
     * @param maxKkt the group-lasso solver's largest final KKT violation over seeds (NaN except the group lasso)
     */
    public record Summary(
            String curve,
            double lambda,
            double[] estimationError,
            double[] truePositives,
            double[] falsePositives,
            double[] testRmse,
            double maxDiffToGroupLasso,
            double maxKkt) {}

    /** Coefficient agreement at which D = 2 counts as matching the group lasso. */
    private static final double MATCH = 1e-3;

    private static final ObjectMapper JSON = new ObjectMapper();

    private SimulationReport() {}

    /**
     * Averages the points over seeds.
     *
     * @param points the fits
     * @return one summary per curve and lambda, curves in name order ("D = 2" before "group lasso")
     */
    public static List<Summary> summarize(List<SimulationPoint> points) {
        Map<String, Map<Double, List<SimulationPoint>>> by = new TreeMap<>();
        for (SimulationPoint p : points) {
            by.computeIfAbsent(p.curve(), c -> new TreeMap<>())
                    .computeIfAbsent(p.lambda(), l -> new ArrayList<>())
                    .add(p);
        }
        List<Summary> out = new ArrayList<>();
        by.forEach((curve, m) -> m.forEach((lambda, ps) -> out.add(new Summary(
                curve,
                lambda,
                meanSd(ps, SimulationPoint::estimationError),
                meanSd(ps, SimulationPoint::truePositives),
                meanSd(ps, SimulationPoint::falsePositives),
                meanSd(ps, SimulationPoint::testRmse),
                max(ps, SimulationPoint::maxDiffToGroupLasso),
                max(ps, SimulationPoint::kktViolation)))));
        return out;
    }

    /**
     * Returns, per curve, the lambda with the smallest mean estimation error.
     *
     * @param sums the summaries
     * @return curve name to its best summary, in curve order
     */
    public static Map<String, Summary> best(List<Summary> sums) {
        Map<String, Summary> best = new TreeMap<>();
        for (Summary m : sums) {
            best.merge(m.curve(), m, (a, b) -> b.estimationError()[0] < a.estimationError()[0] ? b : a);
        }
        return best;
    }

    /**
     * Writes the report.
     *
     * @param dir output directory
     * @param s the settings
     * @param points every fit
     * @param command the command line that produced it
     * @param engine the engine's description
     * @param wallSeconds wall time of the whole run
     * @return the files written
     * @throws IOException when writing fails
     */
    public static List<Path> write(
            Path dir,
            SimulationSettings s,
            List<SimulationPoint> points,
            String command,
            String engine,
            double wallSeconds)
            throws IOException {
        OutputDirectory.prepare(dir);
        List<Summary> sums = summarize(points);
        Map<String, String> settings = settings(s, command, engine, wallSeconds);

        ObjectNode root = JSON.createObjectNode();
        ObjectNode so = root.putObject("settings");
        settings.forEach(so::put);
        ArrayNode arr = root.putArray("fits");
        for (SimulationPoint p : points) {
            ObjectNode o = arr.addObject()
                    .put("curve", p.curve())
                    .put("lambda", p.lambda())
                    .put("seed", p.seed())
                    .put("estimationError", p.estimationError())
                    .put("truePositives", p.truePositives())
                    .put("falsePositives", p.falsePositives())
                    .put("seconds", p.seconds());
            ReportValues.finite(o, "testRmse", p.testRmse());
            ReportValues.finite(o, "maxDiffToGroupLasso", p.maxDiffToGroupLasso());
            ReportValues.finite(o, "solverKktViolation", p.kktViolation());
        }
        AtomicFiles.write(
                dir.resolve("simulation.json"),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root),
                true);
        StringBuilder csv =
                new StringBuilder("curve,lambda,estimation_error_mean,estimation_error_sd,true_positives_mean,"
                        + "true_positives_sd,false_positives_mean,false_positives_sd,test_rmse_mean,test_rmse_sd,"
                        + "max_diff_to_group_lasso\n");
        for (Summary m : sums) {
            csv.append(String.format(
                    Locale.ROOT,
                    "%s,%.6g,%.6g,%.6g,%.4f,%.4f,%.4f,%.4f,%.6g,%.6g,%.3g%n",
                    m.curve(),
                    m.lambda(),
                    m.estimationError()[0],
                    m.estimationError()[1],
                    m.truePositives()[0],
                    m.truePositives()[1],
                    m.falsePositives()[0],
                    m.falsePositives()[1],
                    m.testRmse()[0],
                    m.testRmse()[1],
                    m.maxDiffToGroupLasso()));
        }
        AtomicFiles.write(dir.resolve("simulation.csv"), csv.toString().getBytes(StandardCharsets.UTF_8), true);

        plot(dir, "estimation-error", "Estimation error ||beta_hat - beta||_2", sums, m -> m.estimationError()[0]);
        plot(
                dir,
                "true-positives",
                "Informative groups kept (of " + s.informative() + ")",
                sums,
                m -> m.truePositives()[0]);
        plot(
                dir,
                "false-positives",
                "Uninformative groups kept (of " + (s.groups() - s.informative()) + ")",
                sums,
                m -> m.falsePositives()[0]);
        plot(dir, "prediction-error", "Test RMSE (noise sd " + s.noise() + ")", sums, m -> m.testRmse()[0]);

        AtomicFiles.write(dir.resolve("README.md"), markdown(s, settings, sums).getBytes(StandardCharsets.UTF_8), true);
        List<Path> files = new ArrayList<>(
                List.of(dir.resolve("README.md"), dir.resolve("simulation.json"), dir.resolve("simulation.csv")));
        for (String n : List.of("estimation-error", "true-positives", "false-positives", "prediction-error")) {
            files.add(dir.resolve(n + ".png"));
            files.add(dir.resolve(n + ".svg"));
        }
        return files;
    }

    private static Map<String, String> settings(SimulationSettings s, String command, String engine, double wall) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("command", command);
        m.put(
                "problem",
                String.format(
                        Locale.ROOT,
                        "n = %d training rows, %d test rows, %d groups of %d standard normal "
                                + "features, the first %d with N(0, 1) coefficients, Gaussian noise sd %s",
                        s.n(),
                        s.nTest(),
                        s.groups(),
                        s.size(),
                        s.informative(),
                        s.noise()));
        double[] l = s.lambdas();
        m.put(
                "lambdas",
                String.format(Locale.ROOT, "%d log-spaced from %.3g to %.3g", l.length, l[0], l[l.length - 1]));
        m.put(
                "group lasso",
                "accelerated proximal gradient in float64, KKT tolerance " + GroupLassoFit.TOLERANCE + ", at most "
                        + GroupLassoFit.MAX_ITERATIONS + " iterations");
        m.put(
                "gated models",
                "D = " + s.depths() + ", " + s.training().optimizer() + ", lr "
                        + s.training().learningRate()
                        + " " + s.training().schedule() + ", " + s.training().epochs() + " full-batch steps, init seed "
                        + s.training().seed() + ", zero below eps " + s.eps());
        m.put("seeds", s.seeds().stream().map(String::valueOf).collect(Collectors.joining(", ")));
        m.put("engine", engine);
        m.put("wall time", String.format(Locale.ROOT, "%.0f s", wall));
        return m;
    }

    private static String markdown(SimulationSettings s, Map<String, String> settings, List<Summary> sums) {
        StringBuilder md = new StringBuilder("# Sparse group regression: D-Gating paths vs the group lasso\n\n");
        md.append(
                "The paper's simulation (Kolb et al., Sec. 5): a linear model whose coefficients form groups, most of "
                        + "them zero. Every lambda is fitted by the group lasso (solved directly) and by the gated linear model "
                        + "at D = 2, 3, 4 (trained by gradient descent); all numbers are means over the seeds (± standard "
                        + "deviation in the CSV).\n\n");
        settings.forEach((k, v) -> md.append("- ")
                .append(k)
                .append(": ")
                .append(k.equals("command") ? "`" + v + "`" : v)
                .append('\n'));
        md.append("\n## Summary\n\nBest lambda per curve by mean estimation error, and what that fit selects:\n\n");
        md.append("| curve | best lambda | estimation error | informative kept | uninformative kept | test RMSE |\n"
                + "|---|---|---|---|---|---|\n");
        best(sums)
                .values()
                .forEach(m -> md.append(String.format(
                        Locale.ROOT,
                        "| %s | %.3g | %.3f | %.1f of %d | %.1f of %d | " + "%.3f |%n",
                        m.curve(),
                        m.lambda(),
                        m.estimationError()[0],
                        m.truePositives()[0],
                        s.informative(),
                        m.falsePositives()[0],
                        s.groups() - s.informative(),
                        m.testRmse()[0])));
        List<Summary> d2 = sums.stream().filter(m -> m.curve().equals("D = 2")).toList();
        // the smallest lambda from which on D = 2 stays within MATCH of the solver in every coefficient
        int first = d2.size();
        while (first > 0 && d2.get(first - 1).maxDiffToGroupLasso() <= MATCH) {
            first--;
        }
        if (first < d2.size()) {
            md.append(String.format(
                    Locale.ROOT,
                    "%nD = 2 against the group lasso on the same problems: for the %d "
                            + "largest of %d lambdas (%.3g and up) every coefficient of every seed agrees to %.0e or better "
                            + "(largest difference %.2g). Below that, the penalised optimum is a near-interpolation of the "
                            + "training rows (201 unknowns with the intercept, 200 rows) with large coefficients, which the "
                            + "solver finds and gradient descent from a small initialisation does not reach within its %d "
                            + "steps: there the step budget, not the penalty, regularises the gated model (per lambda in the "
                            + "table below).%n",
                    d2.size() - first,
                    d2.size(),
                    d2.get(first).lambda(),
                    MATCH,
                    d2.subList(first, d2.size()).stream()
                            .mapToDouble(Summary::maxDiffToGroupLasso)
                            .max()
                            .orElse(0),
                    s.training().epochs()));
        } else if (!d2.isEmpty()) {
            md.append(String.format(
                    Locale.ROOT,
                    "%nD = 2 does not match the group lasso to %.0e at the largest lambda; "
                            + "see the last column below.%n",
                    MATCH));
        }
        md.append("\n![estimation error](estimation-error.png)\n\n![true positives](true-positives.png)\n\n"
                + "![false positives](false-positives.png)\n\n![prediction error](prediction-error.png)\n\n");
        md.append("## Every lambda\n\n| lambda | curve | estimation error | informative kept | uninformative kept | "
                + "test RMSE | max diff to group lasso |\n|---|---|---|---|---|---|---|\n");
        TreeMap<Double, List<Summary>> byLambda = new TreeMap<>();
        sums.forEach(m ->
                byLambda.computeIfAbsent(m.lambda(), l -> new ArrayList<>()).add(m));
        byLambda.forEach((l, ms) -> ms.forEach(m -> md.append(String.format(
                Locale.ROOT,
                "| %.3g | %s | %.3f ± %.3f | %.1f | %.1f | %.3f | %s |%n",
                l,
                m.curve(),
                m.estimationError()[0],
                m.estimationError()[1],
                m.truePositives()[0],
                m.falsePositives()[0],
                m.testRmse()[0],
                Double.isNaN(m.maxDiffToGroupLasso())
                        ? Double.isNaN(m.maxKkt()) ? "" : String.format(Locale.ROOT, "(solver KKT %.1g)", m.maxKkt())
                        : String.format(Locale.ROOT, "%.2g", m.maxDiffToGroupLasso())))));
        md.append(
                "\nMachine-readable: `simulation.json` (every fit), `simulation.csv` (means and sds). Plots also as SVG.\n");
        return md.toString();
    }

    private static void plot(Path dir, String name, String title, List<Summary> sums, ToDoubleFunction<Summary> y)
            throws IOException {
        Map<String, List<Summary>> by = new TreeMap<>();
        sums.forEach(m -> by.computeIfAbsent(m.curve(), c -> new ArrayList<>()).add(m));
        List<Plots.Series> series = new ArrayList<>();
        by.forEach((c, ms) -> series.add(new Plots.Series(
                c,
                ms.stream().mapToDouble(Summary::lambda).toArray(),
                ms.stream().mapToDouble(y).toArray())));
        Plots.lines(dir, name, title, "lambda", title, series, true);
    }

    private static double max(List<SimulationPoint> ps, ToDoubleFunction<SimulationPoint> f) {
        return ps.stream().mapToDouble(f).filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN);
    }

    private static double[] meanSd(List<SimulationPoint> ps, ToDoubleFunction<SimulationPoint> f) {
        double mean = ps.stream().mapToDouble(f).average().orElse(Double.NaN);
        double var = ps.stream()
                        .mapToDouble(p -> (f.applyAsDouble(p) - mean) * (f.applyAsDouble(p) - mean))
                        .sum()
                / Math.max(1, ps.size() - 1);
        return new double[] {mean, Math.sqrt(var)};
    }
}
