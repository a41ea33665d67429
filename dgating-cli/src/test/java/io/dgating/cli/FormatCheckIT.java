package io.dgating.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build enforces one source format: a module of this project (a child of its parent pom) with a
 * misformatted source fails before it compiles, naming the file, and the same module with the file
 * formatted builds.
 */
class FormatCheckIT {

    @TempDir
    Path dir;

    @Test
    void aMisformattedSourceFailsTheBuildAndAFormattedOnePasses() throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        Files.writeString(dir.resolve("pom.xml"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <parent>
                    <groupId>io.dgating</groupId>
                    <artifactId>dgating-parent</artifactId>
                    <version>0.1.0-SNAPSHOT</version>
                    <relativePath>%s</relativePath>
                  </parent>
                  <artifactId>format-probe</artifactId>
                </project>
                """.formatted(root.resolve("pom.xml")));
        Path source = dir.resolve("src/main/java/probe/Probe.java");
        Files.createDirectories(source.getParent());

        Files.writeString(source, "package probe;\nclass   Probe {   int x ;}\n");
        Run bad = build(root);
        assertNotEquals(0, bad.code(), "a misformatted source must fail the build:\n" + bad.output());
        assertTrue(bad.output().contains("Probe.java"), "the failure names the file:\n" + bad.output());

        Files.writeString(source, "package probe;\n\nclass Probe {\n    int x;\n}\n");
        Run good = build(root);
        assertEquals(0, good.code(), "the formatted source builds:\n" + good.output());
    }

    private record Run(int code, String output) {}

    private Run build(Path root) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(List.of(
                        root.resolve("mvnw").toString(),
                        "-q",
                        "-B",
                        "-o",
                        "process-sources",
                        "-f",
                        dir.resolve("pom.xml").toString()))
                .directory(dir.toFile())
                .redirectErrorStream(true);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "the build finished");
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
