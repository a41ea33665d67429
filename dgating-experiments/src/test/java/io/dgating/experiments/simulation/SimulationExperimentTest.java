package io.dgating.experiments.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dgating.api.train.LrSchedule;
import io.dgating.api.train.Optimizer;
import io.dgating.api.train.TrainingConfig;
import io.dgating.experiments.Runs;
import io.dgating.experiments.baseline.GroupLasso;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small simulation end to end on the CPU engine: the scores are recomputed from the problem's
 * true coefficients, D = 2 lands on the group lasso, and the report files hold every fit.
 */
class SimulationExperimentTest {

    @TempDir
    Path dir;

    @Test
    void smallSimulationScoresAndReports() throws Exception {
        int n = 80;
        GroupRegressionProblem p1 = GroupRegressionProblem.draw(n, 40, 8, 3, 2, 0.5, 1L);
        double lambdaMax = new GroupLasso(p1.x(), p1.y(), p1.groupOf()).lambdaMax();
        double[] lambdas = {0.2 * lambdaMax, 1.5 * lambdaMax};
        TrainingConfig t = TrainingConfig.builder()
                .optimizer(new Optimizer.Sgd(0.9, false))
                .learningRate(0.02)
                .schedule(LrSchedule.CONSTANT)
                .epochs(3000)
                .batchSize(n)
                .seed(1)
                .build();
        SimulationSettings s =
                new SimulationSettings(n, 40, 8, 3, 2, 0.5, lambdas, List.of(2, 3), List.of(1L, 2L), t, 1e-6, 2);
        List<SimulationPoint> points;
        points = Runs.local(new SimulationExperiment(s), 1, s.parallelism());
        assertEquals(2 * 2 * 3, points.size());
        double normBeta = Math.sqrt(Arrays.stream(p1.beta()).map(b -> b * b).sum());
        for (SimulationPoint p : points) {
            if (p.seed() == 1) {
                assertEquals(
                        p.lambda() < lambdaMax,
                        p.truePositives() + p.falsePositives() > 0,
                        "groups survive below lambda_max and only there: " + p);
            }
            if (p.seed() == 1 && p.lambda() > lambdaMax) {
                // all zero: the estimation error is the norm of the true coefficients
                assertEquals(normBeta, p.estimationError(), 1e-9, p.toString());
            }
            if (p.curve().equals("D = 2") && p.lambda() < lambdaMax) {
                assertTrue(p.maxDiffToGroupLasso() < 1e-3, "D = 2 vs group lasso: " + p);
            }
        }
        List<SimulationReport.Summary> sums = SimulationReport.summarize(points);
        assertEquals(3 * 2, sums.size());
        SimulationReport.Summary gl = sums.stream()
                .filter(m -> m.curve().equals(SimulationExperiment.GROUP_LASSO) && m.lambda() == lambdas[0])
                .findFirst()
                .orElseThrow();
        double mean = points.stream()
                .filter(p -> p.curve().equals(SimulationExperiment.GROUP_LASSO) && p.lambda() == lambdas[0])
                .mapToDouble(SimulationPoint::estimationError)
                .average()
                .orElseThrow();
        assertEquals(mean, gl.estimationError()[0], 1e-12);

        List<Path> files = SimulationReport.write(dir, s, points, "dgating reproduce simulation (test)", "cpu", 1.0);
        for (Path f : files) {
            assertTrue(Files.size(f) > 0, f.toString());
        }
        JsonNode json =
                new ObjectMapper().readTree(dir.resolve("simulation.json").toFile());
        assertEquals(points.size(), json.path("fits").size());
        String md = Files.readString(dir.resolve("README.md"));
        assertTrue(md.contains("| D = 3 |") && md.contains("seeds: 1, 2"), md);
        assertTrue(md.contains("agrees to 1e-03 or better"), md);
    }

    @Test
    void unitsRunAnywhereInAnyOrderGiveTheSameFits() {
        int n = 60;
        TrainingConfig t = TrainingConfig.builder()
                .optimizer(new Optimizer.Sgd(0.9, false))
                .learningRate(0.02)
                .schedule(LrSchedule.CONSTANT)
                .epochs(300)
                .batchSize(n)
                .seed(1)
                .build();
        SimulationSettings s = new SimulationSettings(
                n, 40, 8, 3, 2, 0.5, new double[] {0.01, 0.3}, List.of(2, 3), List.of(1L, 2L), t, 1e-6, 2);
        SimulationExperiment simulation = new SimulationExperiment(s);
        List<SimulationUnit> units = simulation.units();
        assertEquals(
                List.of(
                        new SimulationUnit(1, 0.01),
                        new SimulationUnit(1, 0.3),
                        new SimulationUnit(2, 0.01),
                        new SimulationUnit(2, 0.3)),
                units);
        List<SimulationPoint> local = Runs.local(simulation, 2, s.parallelism());
        // as on a cluster: serialised, each unit on an engine of its own, last first, the driver gathering
        assertEquals(untimed(local), untimed(Runs.asOnACluster(simulation)));
    }

    private static List<SimulationPoint> untimed(List<SimulationPoint> points) {
        return points.stream()
                .map(p -> new SimulationPoint(
                        p.curve(),
                        p.lambda(),
                        p.seed(),
                        p.estimationError(),
                        p.truePositives(),
                        p.falsePositives(),
                        p.testRmse(),
                        p.maxDiffToGroupLasso(),
                        p.kktViolation(),
                        0))
                .toList();
    }
}
