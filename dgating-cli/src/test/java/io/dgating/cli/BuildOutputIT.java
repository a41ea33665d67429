package io.dgating.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A quiet build on a terminal prints nothing: Maven's console library wrote four stray
 * {@code ESC[0m} resets on a terminal even with {@code -q -B} (fixed by {@code -Djansi.noreset=true}
 * in {@code .mvn/jvm.config}). Runs the wrapper under a pseudo-terminal ({@code script}).
 */
class BuildOutputIT {

    @Test
    void aQuietBuildOnATerminalPrintsNoEscapeSequences() throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "needs util-linux's script for a pseudo-terminal");
        ProcessBuilder pb = new ProcessBuilder(
                        List.of("/usr/bin/script", "-qec", "./mvnw -q -B -o validate -pl dgating-bom", "/dev/null"))
                .directory(root.toFile());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        p.waitFor(120, TimeUnit.SECONDS);
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), text);
        assertFalse(text.contains("\u001b"), "escape sequences in: " + text.replace("\u001b", "ESC"));
    }
}
