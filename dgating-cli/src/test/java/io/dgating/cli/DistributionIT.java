package io.dgating.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution archives the package phase builds: unpacked into an empty directory, with an
 * environment holding only a JDK on the PATH, {@code bin/dgating compress} runs on a bundled set,
 * writes its files, and its stderr holds only dgating's own lines (no JVM, SLF4J, logging or native
 * ONNX Runtime lines); the zip holds the same files as the tar.gz.
 */
class DistributionIT {

    private static Path archive(String ext) {
        String version = System.getProperty("dgating.version", "0.1.0-SNAPSHOT");
        Path p = Path.of("target", "dgating-" + version + "." + ext);
        assertTrue(Files.isRegularFile(p), p + " is built in the package phase");
        return p;
    }

    private static Process run(List<String> cmd, Path dir) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().clear();
        pb.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":/usr/bin:/bin");
        pb.environment().put("HOME", dir.toString());
        return pb.start();
    }

    @Test
    void theUnpackedArchiveCompressesABundledSetWithOnlyAJdk(@TempDir Path dir) throws Exception {
        Process untar =
                run(List.of("tar", "-xzf", archive("tar.gz").toAbsolutePath().toString()), dir);
        assertTrue(untar.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, untar.exitValue(), new String(untar.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        Path home;
        try (var s = Files.list(dir)) {
            home = s.filter(p -> p.getFileName().toString().startsWith("dgating-"))
                    .findFirst()
                    .orElseThrow();
        }
        for (String f : List.of(
                "bin/dgating",
                "bin/dgating_completion",
                "README.md",
                "licenses/THIRD-PARTY.txt",
                "licenses/bundled-data.md")) {
            assertTrue(Files.isRegularFile(home.resolve(f)), f);
        }
        assertTrue(Files.isExecutable(home.resolve("bin/dgating")));

        Path out = dir.resolve("out");
        Process p = run(
                List.of(
                        home.resolve("bin/dgating").toString(),
                        "compress",
                        "--data",
                        "wine",
                        "--epochs",
                        "30",
                        "--batch",
                        "1",
                        "--calls",
                        "10",
                        "--no-progress",
                        "--out",
                        out.toString()),
                dir);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS));
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), stderr);
        assertTrue(stdout.contains("wrote " + out), stdout);
        assertTrue(Files.size(out.resolve("model.onnx")) > 0);
        for (String line : stderr.lines().toList()) {
            assertFalse(
                    line.startsWith("WARNING")
                            || line.contains("SLF4J")
                            || line.contains("INFO")
                            || line.startsWith("[")
                            || line.contains("onnxruntime")
                            || line.contains("Exception"),
                    "a line that is not dgating's: " + line + "\n" + stderr);
        }
    }

    @Test
    void theZipHoldsWhatTheTarHolds(@TempDir Path dir) throws Exception {
        Process list =
                run(List.of("tar", "-tzf", archive("tar.gz").toAbsolutePath().toString()), dir);
        String listing = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(list.waitFor(120, TimeUnit.SECONDS));
        Set<String> tar =
                new TreeSet<>(listing.lines().filter(l -> !l.endsWith("/")).toList());
        Set<String> zip = new TreeSet<>();
        try (ZipFile z = new ZipFile(archive("zip").toFile())) {
            z.stream().filter(e -> !e.isDirectory()).forEach(e -> zip.add(e.getName()));
        }
        assertEquals(tar, zip);
        assertTrue(tar.stream().anyMatch(n -> n.matches("dgating-[^/]+/lib/dgating-cli-.*\\.jar")), tar.toString());
        assertTrue(tar.stream().anyMatch(n -> n.matches("dgating-[^/]+/lib/onnxruntime-1\\..*\\.jar")), tar.toString());
        assertFalse(tar.stream().anyMatch(n -> n.contains("onnxruntime_gpu")), "the CPU-only ONNX Runtime build");
    }
}
