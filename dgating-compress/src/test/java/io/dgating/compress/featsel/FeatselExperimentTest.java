package io.dgating.compress.featsel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dgating.api.data.BundledDataset;
import io.dgating.api.data.DatasetSplits;
import io.dgating.api.engine.EngineConfig;
import io.dgating.engine.cpu.CpuEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The feature-selection harness on the bundled 8x8 digits (64 pixels, real data, seconds instead
 * of MNIST's hours): every budget gets a model within it from each path, the baseline's MLP
 * reads exactly the pixels its selector kept, and the report holds every row.
 */
class FeatselExperimentTest {

    @TempDir
    Path dir;

    @Test
    void pathsYieldModelsWithinEveryBudgetAndTheReportHoldsThem() throws Exception {
        DatasetSplits raw = DatasetSplits.random(BundledDataset.DIGITS.load(), 0.2, 0.2, 42);
        FeatselSettings s = new FeatselSettings(List.of(3), List.of(8, 24), 12, 64, 0.1, 2, 0.01, 1.4, 14, 42);
        List<String> messages = new ArrayList<>();
        FeatselExperiment.Outcome o;
        try (CpuEngine engine = new CpuEngine(new EngineConfig(2, "cpu"))) {
            o = new FeatselExperiment(engine, messages::add).run("digits", raw, s);
        }
        for (String method : List.of("D = 3", FeatselExperiment.BASELINE)) {
            for (int k : s.ks()) {
                FeatselRow r = o.rows().stream()
                        .filter(x -> x.method().equals(method) && x.k() == k)
                        .findFirst()
                        .orElseThrow(() -> new AssertionError(method + " k " + k + ": " + o.rows() + "\n" + messages));
                assertTrue(r.kept() <= k, r.toString());
                // what the path step reported for the selecting lambda is what the model kept
                String selector = method.equals(FeatselExperiment.BASELINE) ? "L1-logistic" : method;
                assertTrue(
                        o.steps().stream()
                                .anyMatch(p -> p.method().equals(selector)
                                        && p.lambda() == r.lambda()
                                        && p.kept() == r.kept()),
                        r + " vs " + o.steps());
                assertTrue(r.accuracyAfter() > 0.1 && r.accuracyAfter() <= 1, r.toString());
            }
        }
        // the paths stop once they keep fewer than the smallest budget
        for (String method : List.of("D = 3", "L1-logistic")) {
            List<PathStep> path =
                    o.steps().stream().filter(p -> p.method().equals(method)).toList();
            assertTrue(path.get(path.size() - 1).kept() < 8 || path.size() == s.maxPoints(), path.toString());
        }
        List<Path> files = FeatselReport.write(dir, s, Map.of("digits", o), Map.of("command", "test"));
        for (Path f : files) {
            assertTrue(Files.size(f) > 0, f.toString());
        }
        JsonNode json = new ObjectMapper().readTree(dir.resolve("featsel.json").toFile());
        assertEquals(o.rows().size(), json.path("selected").size());
        assertEquals(o.steps().size(), json.path("paths").size());
    }

    @Test
    void unitsRunOnTheirOwnEnginesInAnyOrderGiveTheSameOutcome() {
        DatasetSplits raw = DatasetSplits.random(BundledDataset.DIGITS.load(), 0.2, 0.2, 42);
        FeatselSettings s = new FeatselSettings(List.of(3), List.of(24), 12, 64, 0.1, 1, 0.01, 1.4, 14, 42);
        List<FeatselUnit> units = FeatselExperiment.units("digits", s);
        assertEquals(List.of(new FeatselUnit("digits", 3), FeatselUnit.baseline("digits")), units);
        org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> new FeatselUnit("digits", 1));
        FeatselExperiment.Outcome local;
        try (CpuEngine engine = new CpuEngine(new EngineConfig(2, "cpu"))) {
            local = new FeatselExperiment(engine, m -> {}).run("digits", raw, s);
        }
        // as on a cluster: every unit on an engine of its own, last first; the driver puts them in order
        FeatselFits[] fits = new FeatselFits[units.size()];
        for (int i = units.size() - 1; i >= 0; i--) {
            try (CpuEngine engine = new CpuEngine(new EngineConfig(1, "cpu"))) {
                fits[i] = new FeatselExperiment(engine, m -> {}).runUnit(units.get(i), raw, s);
            }
        }
        FeatselExperiment.Outcome gathered = FeatselExperiment.gather(List.of(fits));
        assertEquals(local.rows(), gathered.rows());
        assertEquals(untimed(local.steps()), untimed(gathered.steps()));
        assertTrue(
                gathered.rows().stream().anyMatch(r -> r.method().equals(FeatselExperiment.BASELINE)),
                "the baseline should reach the budget, or its unit is not compared: " + gathered.steps());
        assertTrue(
                gathered.rows().stream().anyMatch(r -> r.method().equals("D = 3")),
                gathered.steps().toString());
    }

    private static List<PathStep> untimed(List<PathStep> steps) {
        return steps.stream()
                .map(p -> new PathStep(
                        p.dataset(), p.method(), p.lambda(), p.kept(), p.validationAccuracy(), p.learningRate(), 0))
                .toList();
    }
}
