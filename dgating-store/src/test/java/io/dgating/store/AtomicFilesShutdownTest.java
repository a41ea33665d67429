package io.dgating.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM while a JVM writes files back to back leaves no temporary file, whatever the moment:
 * the shutdown hook that deletes them may run between creating one and registering it, or
 * before the next one is created. A child JVM writes continuously and is terminated at varied
 * times, twelve times.
 */
class AtomicFilesShutdownTest {

    @TempDir
    Path dir;

    @Test
    void terminationNeverLeavesAPartialFile() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (int run = 0; run < 12; run++) {
            Path out = Files.createDirectory(dir.resolve("run" + run));
            Process p = new ProcessBuilder(
                            java,
                            "-cp",
                            System.getProperty("java.class.path"),
                            AtomicWriterChild.class.getName(),
                            out.toString())
                    .redirectErrorStream(true)
                    .start();
            try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                assertEquals("writing", r.readLine());
                Thread.sleep(run * 7L);
                p.destroy(); // SIGTERM
                assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            }
            try (var files = Files.list(out)) {
                List<String> names = files.map(f -> f.getFileName().toString()).toList();
                assertEquals(List.of("file.bin"), names, "run " + run + " left " + names);
            }
            assertEquals(64 * 1024, Files.size(out.resolve("file.bin")), "the file is whole");
        }
    }
}
