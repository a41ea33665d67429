package io.dgating.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgating.experiments.path.PathExperiment;
import io.dgating.experiments.path.PathPoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real standalone Spark cluster on loopback: a master and two one-core workers, each its own JVM
 * started from Spark's jars, as a cluster's machines would run them. The path computed on it
 * equals the local one, also when a worker (with its executor) is killed while it runs a task.
 */
class SparkClusterIT {

    private static final PathExperiment PATH =
            PathRuns.winePath("wine", "-1", List.of(2, 3, 4), "1e-2:3e-1:4", 200, false);

    @TempDir
    Path dir;

    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stopCluster() {
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    @Test
    @Timeout(value = 600, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void pathOnAStandaloneClusterEqualsTheLocalPathAndSurvivesALostWorker() throws Exception {
        List<PathPoint> expected = PathRuns.untimed(PathRuns.local(PATH));
        assertEquals(12, PATH.units().size());

        int port = freePort();
        String master = "spark://127.0.0.1:" + port;
        Path masterLog = dir.resolve("master.log");
        start(
                masterLog,
                List.of(),
                "org.apache.spark.deploy.master.Master",
                "--host",
                "127.0.0.1",
                "--port",
                String.valueOf(port),
                "--webui-port",
                String.valueOf(freePort()));
        awaitLine(masterLog, "I have been elected leader", 1);
        Path home = sparkHome();
        Process first = startWorker(home, "w1", master);
        startWorker(home, "w2", master);
        awaitLine(masterLog, "Registering worker", 2);

        // the first run: every task lands on a healthy cluster
        List<PathPoint> onCluster = PathRuns.untimed(PathRuns.onSpark(PATH, master, clusterConf()));
        PathRuns.assertEveryPointOnce(onCluster, 12);
        assertEquals(expected, onCluster);

        // the second run: worker 1 and its executor die as soon as that executor runs a task of this run
        AtomicBoolean killed = new AtomicBoolean();
        Thread killer = new Thread(() -> {
            Path w1 = dir.resolve("w1");
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (System.nanoTime() < deadline && !killed.get()) {
                if (executorLogsContain(w1, "Running task", 2)) {
                    first.descendants().forEach(ProcessHandle::destroyForcibly);
                    first.destroyForcibly();
                    killed.set(true);
                    return;
                }
                sleep(20);
            }
        });
        killer.start();
        List<PathPoint> afterLoss = PathRuns.untimed(PathRuns.onSpark(PATH, master, clusterConf()));
        killer.join();
        assertTrue(killed.get(), "worker 1 never ran a task of the second run, so nothing was killed");
        // the lost attempt was run again: a second attempt ("task N.1") ran on worker 2
        assertTrue(
                executorLogsMatch(dir.resolve("w2"), "Running task \\d+\\.[1-9] ", 2),
                "worker 1's task should have been run again on worker 2");
        PathRuns.assertEveryPointOnce(afterLoss, 12);
        assertEquals(expected, afterLoss);
    }

    private static Map<String, String> clusterConf() {
        return Map.of(
                // the executors share this machine, so they take this test's class path instead of shipped jars
                "spark.executor.extraClassPath", System.getProperty("java.class.path"),
                "spark.executor.memory", "512m",
                "spark.driver.host", "127.0.0.1",
                "spark.driver.bindAddress", "127.0.0.1");
    }

    /** A Spark home as the worker needs one: it builds executor commands from {@code jars/} (empty here). */
    private Path sparkHome() throws IOException {
        Path home = dir.resolve("spark-home");
        Files.createDirectories(home.resolve("jars"));
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("RELEASE"), "Spark for dgating's cluster test\n");
        return home;
    }

    private Process startWorker(Path home, String name, String master) throws IOException {
        Path work = Files.createDirectories(dir.resolve(name));
        return start(
                dir.resolve(name + ".log"),
                List.of("SPARK_HOME=" + home, "SPARK_SCALA_VERSION=2.13", "SPARK_WORKER_DIR=" + work),
                "org.apache.spark.deploy.worker.Worker",
                "--host",
                "127.0.0.1",
                "--cores",
                "1",
                "--memory",
                "1g",
                "--work-dir",
                work.toString(),
                "--webui-port",
                String.valueOf(freePort()),
                master);
    }

    private Process start(Path log, List<String> env, String main, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of(System.getProperty("dgating.spark.opens").trim().split("\\s+")));
        cmd.addAll(List.of(
                "-Xmx256m",
                "-Djava.util.logging.config.file="
                        + System.getProperty("java.util.logging.config.file")
                                .replace("logging.properties", "cluster-logging.properties"),
                "-cp",
                System.getProperty("java.class.path"),
                main));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("OPT_OUT_TRACKING", "true");
        for (String e : env) {
            int eq = e.indexOf('=');
            pb.environment().put(e.substring(0, eq), e.substring(eq + 1));
        }
        Process p = pb.start();
        processes.add(p);
        return p;
    }

    private static void awaitLine(Path log, String text, int times) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && count(Files.readString(log), text) >= times) {
                return;
            }
            sleep(100);
        }
        throw new AssertionError("no '" + text + "' (x" + times + ") in " + log + ":\n"
                + (Files.exists(log) ? Files.readString(log) : "(no log)"));
    }

    /** Whether an executor of the worker's, for the {@code app}-th application, logged {@code text}. */
    private static boolean executorLogsContain(Path workerDir, String text, int app) {
        return executorLogsMatch(workerDir, Pattern.quote(text), app);
    }

    private static boolean executorLogsMatch(Path workerDir, String regex, int app) {
        Pattern pattern = Pattern.compile(regex);
        try (Stream<Path> files = Files.walk(workerDir)) {
            return files.filter(f -> f.getFileName().toString().equals("stderr"))
                    .filter(f -> f.toString().contains(String.format("-%04d/", app - 1)))
                    .anyMatch(f -> {
                        try {
                            return pattern.matcher(Files.readString(f)).find();
                        } catch (IOException e) {
                            return false;
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int count(String s, String text) {
        int n = 0;
        for (int i = s.indexOf(text); i >= 0; i = s.indexOf(text, i + 1)) {
            n++;
        }
        return n;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
