package io.dgating.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dgating path --spark local[2]}: Spark in this JVM gives the local path bit for bit. */
class SparkPathTest {

    @TempDir
    Path dir;

    @Test
    void sparkPathEqualsTheLocalPathBitForBit() throws Exception {
        for (boolean warm : new boolean[] {false, true}) {
            List<String> args = new ArrayList<>(List.of(
                    "path",
                    "--data",
                    "wine",
                    "--depth",
                    "2,3",
                    "--lambdas",
                    "1e-2:3e-1:3",
                    "--epochs",
                    "40",
                    "--no-progress"));
            if (warm) {
                args.add("--warm-start");
            }
            Path local = dir.resolve("local-" + warm);
            Path spark = dir.resolve("spark-" + warm);
            PathRuns.Run l = PathRuns.run(with(args, "--out", local.toString()));
            PathRuns.Run s = PathRuns.run(with(args, "--spark", "local[2]", "--out", spark.toString()));
            assertEquals(0, l.code(), l.err());
            assertEquals(0, s.code(), s.err());
            assertTrue(s.out().contains((warm ? 2 : 6) + " chains as tasks of Spark"), s.out());
            List<JsonNode> expected = PathRuns.untimedPoints(local);
            List<JsonNode> actual = PathRuns.untimedPoints(spark);
            PathRuns.assertEveryPointOnce(actual, 6);
            assertEquals(expected, actual, "warm start " + warm);
            assertTrue(
                    actual.stream()
                            .anyMatch(p -> p.path("groupsKept").path("dense1").asInt() < 13),
                    "the grid should reach lambdas that remove features, or the comparison says little");
        }
    }

    @Test
    void simulationOnSparkEqualsTheLocalSimulation() throws Exception {
        List<String> args = List.of("reproduce", "simulation", "--quick", "--seeds", "1");
        Path local = dir.resolve("sim-local");
        Path spark = dir.resolve("sim-spark");
        PathRuns.Run l = PathRuns.run(with(args, "--out", local.toString()));
        PathRuns.Run s = PathRuns.run(with(args, "--spark", "local[2]", "--out", spark.toString()));
        assertEquals(0, l.code(), l.err());
        assertEquals(0, s.code(), s.err());
        assertTrue(s.out().contains("12 units as tasks of Spark"), s.out());
        List<JsonNode> expected = PathRuns.untimed(local.resolve("simulation.json"), "fits");
        List<JsonNode> actual = PathRuns.untimed(spark.resolve("simulation.json"), "fits");
        assertEquals(12 * 4, actual.size(), "12 lambdas x (group lasso + D = 2, 3, 4)");
        assertEquals(expected, actual);
    }

    @Test
    void dataOnAHadoopFileSystemIsReadByEveryTask() throws Exception {
        Path csv = dir.resolve("wine-copy.csv");
        try (java.io.InputStream in =
                io.dgating.api.data.BundledDataset.class.getResourceAsStream("bundled/wine.csv")) {
            java.nio.file.Files.copy(in, csv);
        }
        String uri = "dgtest://" + csv.toAbsolutePath();
        Path fetched = io.dgating.api.data.RemoteFiles.local(uri);
        assertTrue(fetched.getFileName().toString().endsWith("-wine-copy.csv"), fetched.toString());
        assertEquals(java.nio.file.Files.readString(csv), java.nio.file.Files.readString(fetched));
        IllegalArgumentException unknown = assertThrows(
                IllegalArgumentException.class,
                () -> io.dgating.api.data.RemoteFiles.local("nosuchfs://host/data.csv"));
        assertTrue(unknown.getMessage().contains("no file system for nosuchfs://"), unknown.getMessage());

        List<String> args = List.of(
                "path",
                "--label",
                "target",
                "--depth",
                "2",
                "--lambdas",
                "0.01,0.3",
                "--epochs",
                "30",
                "--no-progress");
        Path local = dir.resolve("csv-local");
        Path spark = dir.resolve("csv-spark");
        PathRuns.Run l = PathRuns.run(with(args, "--data", csv.toString(), "--out", local.toString()));
        PathRuns.Run r = PathRuns.run(with(args, "--data", uri, "--spark", "local[2]", "--out", spark.toString()));
        assertEquals(0, l.code(), l.err());
        assertEquals(0, r.code(), r.err());
        assertEquals(PathRuns.untimedPoints(local), PathRuns.untimedPoints(spark));
    }

    @Test
    void sparkWithoutAMasterRunsOnAllLocalCores() throws Exception {
        Path out = dir.resolve("local-star");
        PathRuns.Run r = PathRuns.run(List.of(
                "path",
                "--data",
                "wine",
                "--depth",
                "2",
                "--lambdas",
                "0.01",
                "--epochs",
                "5",
                "--no-progress",
                "--spark",
                "--out",
                out.toString()));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("on local[*]"), r.out());
        assertEquals(1, PathRuns.untimedPoints(out).size());
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

    private static SparkConf withProperty(String jars, java.util.function.Supplier<SparkConf> build) {
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

    private static List<String> with(List<String> args, String... more) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of(more));
        return all;
    }
}
