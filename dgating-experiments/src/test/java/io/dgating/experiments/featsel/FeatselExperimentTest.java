package io.dgating.experiments.featsel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dgating.api.data.BundledDataset;
import io.dgating.api.data.DataSource;
import io.dgating.api.data.DatasetSplits;
import io.dgating.experiments.Runs;
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
        FeatselExperiment.Outcome o = Runs.local(
                        FeatselExperiment.on(Map.of("digits", raw), s).reportingTo(messages::add), 2, 1)
                .get("digits");
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
        FeatselSettings s = new FeatselSettings(List.of(3), List.of(24), 12, 64, 0.1, 1, 0.01, 1.4, 14, 42);
        // the digits as a data source: random 20% validation, 20% test, split by the settings' seed
        FeatselExperiment featsel = new FeatselExperiment(Map.of("digits", DataSource.of("digits")), s);
        List<FeatselUnit> units = featsel.units();
        assertEquals(List.of(new FeatselUnit("digits", 3), FeatselUnit.baseline("digits")), units);
        org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> new FeatselUnit("digits", 1));
        FeatselExperiment.Outcome local = Runs.local(featsel, 2, 1).get("digits");
        // as on a cluster: serialised, every unit on an engine of its own, last first; the driver puts them in order
        FeatselExperiment.Outcome gathered = Runs.asOnACluster(featsel).get("digits");
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
