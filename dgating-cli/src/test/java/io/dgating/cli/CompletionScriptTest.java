package io.dgating.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.AutoComplete;

/**
 * The bash completion script the distribution archive installs ({@code bin/dgating_completion})
 * is picocli's script for the current commands and options: a new option fails this test until the
 * script is regenerated ({@code ./mvnw test -pl dgating-cli -Dtest=CompletionScriptTest
 * -Ddgating.completion.write=true}).
 */
class CompletionScriptTest {

    private static final Path SCRIPT = Path.of("src", "dist", "bin", "dgating_completion");

    @Test
    void theArchivesCompletionScriptMatchesTheCommands() throws Exception {
        String generated = AutoComplete.bash(
                "dgating",
                DgatingCli.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())));
        if (Boolean.getBoolean("dgating.completion.write")) {
            Files.writeString(SCRIPT, generated, StandardCharsets.UTF_8);
        }
        assertEquals(
                generated,
                Files.readString(SCRIPT, StandardCharsets.UTF_8),
                "bin/dgating_completion is out of date; regenerate it (see this test's comment)");
        assertTrue(generated.contains("compress") && generated.contains("--channel-block"), "commands and options");
    }
}
