package io.dgating.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgating.api.data.BundledDataset;
import io.dgating.api.data.RemoteFiles;
import io.dgating.experiments.distributed.DistributedExecutor;
import io.dgating.experiments.distributed.DistributedExecutors;
import io.dgating.experiments.path.PathExperiment;
import io.dgating.experiments.path.PathPoint;
import io.dgating.experiments.simulation.SimulationExperiment;
import io.dgating.experiments.simulation.SimulationPoint;
import io.dgating.experiments.simulation.SimulationSettings;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Experiments of the library on Spark in this JVM ({@code local[2]}) give their local outcome bit for
 * bit: a path with and without warm starts, the paper's simulation, a path on a CSV file that every
 * task reads through a Hadoop file system.
 */
class SparkPathTest {

    @TempDir
    Path dir;

    @Test
    void sparkPathEqualsTheLocalPathBitForBit() {
        for (boolean warm : new boolean[] {false, true}) {
            PathExperiment path = PathRuns.winePath("wine", "-1", List.of(2, 3), "1e-2:3e-1:3", 40, warm);
            assertEquals(warm ? 2 : 6, path.units().size());
            List<PathPoint> expected = PathRuns.untimed(PathRuns.local(path));
            List<PathPoint> actual = PathRuns.untimed(PathRuns.onSpark(path, "local[2]", Map.of()));
            PathRuns.assertEveryPointOnce(actual, 6);
            assertEquals(expected, actual, "warm start " + warm);
            assertTrue(
                    actual.stream().anyMatch(p -> p.groupsKept().get("dense1") < 13),
                    "the grid should reach lambdas that remove features, or the comparison says little");
        }
    }

    @Test
    void simulationOnSparkEqualsTheLocalSimulation() {
        SimulationExperiment simulation = new SimulationExperiment(SimulationSettings.paper(true, 1, 2));
        assertEquals(12, simulation.units().size());
        List<SimulationPoint> expected = untimed(PathRuns.local(simulation));
        List<SimulationPoint> actual = untimed(PathRuns.onSpark(simulation, "local[2]", Map.of()));
        assertEquals(12 * 4, actual.size(), "12 lambdas x (group lasso + D = 2, 3, 4)");
        assertEquals(expected, actual);
    }

    @Test
    void dataOnAHadoopFileSystemIsReadByEveryTask() throws Exception {
        Path csv = dir.resolve("wine-copy.csv");
        try (InputStream in = BundledDataset.class.getResourceAsStream("bundled/wine.csv")) {
            Files.copy(in, csv);
        }
        String uri = "dgtest://" + csv.toAbsolutePath();
        Path fetched = RemoteFiles.local(uri);
        assertTrue(fetched.getFileName().toString().endsWith("-wine-copy.csv"), fetched.toString());
        assertEquals(Files.readString(csv), Files.readString(fetched));
        IllegalArgumentException unknown =
                assertThrows(IllegalArgumentException.class, () -> RemoteFiles.local("nosuchfs://host/data.csv"));
        assertTrue(unknown.getMessage().contains("no file system for nosuchfs://"), unknown.getMessage());

        List<PathPoint> local =
                PathRuns.local(PathRuns.winePath(csv.toString(), "target", List.of(2), "0.01,0.3", 30, false));
        List<PathPoint> remote = PathRuns.onSpark(
                PathRuns.winePath(uri, "target", List.of(2), "0.01,0.3", 30, false), "local[2]", Map.of());
        assertEquals(PathRuns.untimed(local), PathRuns.untimed(remote));
    }

    @Test
    void theProviderIsFoundByNameAndRunsOnAllLocalCores() {
        try (DistributedExecutor spark = DistributedExecutors.open("spark", "local[*]", Map.of())) {
            assertTrue(spark.describe().contains("on local[*]"), spark.describe());
        }
    }

    @Test
    void userSettingsWinAndOnlyClusterMastersShipJars() {
        SparkConf cluster = SparkExecutorProvider.configuration(
                "spark://10.0.0.1:7077", Map.of("spark.ui.enabled", "true", "spark.executor.memory", "3g"));
        assertEquals("true", cluster.get("spark.ui.enabled"));
        assertEquals("3g", cluster.get("spark.executor.memory"));
        assertTrue(
                cluster.get("spark.executor.extraJavaOptions").contains("--add-modules jdk.incubator.vector"),
                "executors need the SIMD kernel for the driver's bits");
        assertEquals("true", cluster.get("spark.executorEnv.OPT_OUT_TRACKING"));
        // in this build the classes come from target/classes directories, which cannot be shipped
        SparkConf withJars = withProperty(
                "/a/dgating-spark.jar,/a/lib/x.jar",
                () -> SparkExecutorProvider.configuration("spark://10.0.0.1:7077", Map.of()));
        assertEquals("/a/dgating-spark.jar,/a/lib/x.jar", withJars.get("spark.jars"));
        SparkConf flags = SparkExecutorProvider.configuration(
                "spark://10.0.0.1:7077",
                Map.of("spark.executor.extraJavaOptions", "-XX:+UseG1GC -Dai.djl.offline=false"));
        assertEquals(
                "--add-modules jdk.incubator.vector -Dai.djl.offline=true -Djava.awt.headless=true "
                        + "-XX:+UseG1GC -Dai.djl.offline=false",
                flags.get("spark.executor.extraJavaOptions"),
                "the user's executor flags follow dgating's (the later of two equal flags wins)");
        SparkConf local =
                withProperty("/a/dgating-spark.jar", () -> SparkExecutorProvider.configuration("local[2]", Map.of()));
        assertNull(local.get("spark.jars", null), "local mode runs in this JVM: nothing to ship");
        assertEquals("false", local.get("spark.ui.enabled"));
        assertThrows(IllegalArgumentException.class, () -> SparkExecutorProvider.configuration(" ", Map.of()));
    }

    private static SparkConf withProperty(String jars, Supplier<SparkConf> build) {
        String before = System.getProperty(SparkExecutorProvider.JARS_PROPERTY);
        System.setProperty(SparkExecutorProvider.JARS_PROPERTY, jars);
        try {
            return build.get();
        } finally {
            if (before == null) {
                System.clearProperty(SparkExecutorProvider.JARS_PROPERTY);
            } else {
                System.setProperty(SparkExecutorProvider.JARS_PROPERTY, before);
            }
        }
    }

    private static List<SimulationPoint> untimed(List<SimulationPoint> points) {
        return points.stream().map(p -> p.withSeconds(0)).toList();
    }
}
