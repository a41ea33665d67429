package io.dgating.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A character-level GPT through the command line: compress a text with gated heads (export,
 * ONNX Runtime verification, validation loss before and after export, heads in the report), then
 * sample from the compact model with {@code generate}; and the errors a user meets on the way.
 */
class LanguageModelCommandTest {

    @TempDir
    Path dir;

    private Path text() throws Exception {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            s.append(
                    switch (i % 4) {
                        case 0 -> "Call me Ishmael. ";
                        case 1 -> "The whale swam on. ";
                        case 2 -> "A ship sails at dawn. ";
                        default -> "Queequeg was a harpooneer!\n";
                    });
        }
        Path f = dir.resolve("sea.txt");
        Files.writeString(f, s.toString());
        return f;
    }

    @Test
    void compressATextThenGenerateFromTheCompactModel() throws Exception {
        Path out = dir.resolve("gpt");
        CliRun r = CliRun.of(
                "compress",
                "--data",
                text().toString(),
                "--model",
                "gpt:layers=1,heads=2,dim=16,context=16",
                "--gate",
                "heads",
                "--depth",
                "3",
                "--lambda",
                "0.01",
                "--epochs",
                "3",
                "--optimizer",
                "adam",
                "--lr",
                "0.003",
                "--batch",
                "",
                "--no-progress",
                "--out",
                out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("windows of 16 characters, vocabulary"), r.out());
        assertTrue(r.out().contains("attn1      heads"), r.out());
        String report = Files.readString(out.resolve("report.md"));
        assertTrue(report.contains("| attn1 | heads | 2 |"), report);
        assertTrue(
                report.contains("| validation loss through ONNX Runtime | nats per character | bits per character |"),
                report);
        assertTrue(report.contains("engine loss (nats per character)"), report);
        assertTrue(Files.readString(out.resolve("report.json")).contains("\"validationLoss\""));

        String[] gen = {
            "generate", out.resolve("model.onnx").toString(), "--prompt", "Call me", "--chars", "40", "--seed", "7"
        };
        CliRun g1 = CliRun.of(gen);
        assertEquals(0, g1.code(), g1.err());
        String line = g1.out().stripTrailing();
        assertTrue(line.startsWith("Call me"), line);
        assertEquals(
                "Call me".length() + 40, line.codePointCount(0, line.length()), "prompt plus 40 characters: " + line);
        assertEquals(g1.out(), CliRun.of(gen).out(), "the same seed samples the same text");
        CliRun other = CliRun.of(
                "generate",
                out.resolve("model.onnx").toString(),
                "--prompt",
                "Call me",
                "--chars",
                "40",
                "--seed",
                "8");
        assertNotEquals(g1.out(), other.out(), "another seed samples other text");
        CliRun greedy = CliRun.of(
                "generate",
                out.resolve("model-dense.onnx").toString(),
                "--prompt",
                "Call me",
                "--chars",
                "20",
                "--temperature",
                "0");
        assertEquals(0, greedy.code(), greedy.err());

        CliRun unknown =
                CliRun.of("generate", out.resolve("model.onnx").toString(), "--prompt", "Zorro", "--chars", "5");
        assertEquals(2, unknown.code());
        assertTrue(
                unknown.err().contains("the prompt's character 'Z' (U+005A) is not in the model's vocabulary"),
                unknown.err());
    }

    @Test
    void mismatchedDataModelAndGatingAreNamed() throws Exception {
        String out = dir.resolve("o").toString();
        String txt = text().toString();
        Object[][] cases = {
            {new String[] {"compress", "--data", txt, "--out", out}, "is a text: train a language model on it"},
            {
                new String[] {
                    "compress", "--data", "iris", "--model", "gpt:layers=1,heads=2,dim=8,context=4", "--out", out
                },
                "is a language model and takes windows of 4 characters"
            },
            {
                new String[] {
                    "compress",
                    "--data",
                    txt,
                    "--model",
                    "gpt:layers=1,heads=3,dim=8,context=4",
                    "--gate",
                    "heads",
                    "--out",
                    out
                },
                "dim (8) must be a multiple of its heads (3)"
            },
            {
                new String[] {"compress", "--data", txt, "--model", "gpt:layers=1,heads=2,dim=8", "--out", out},
                "needs context=N"
            },
            {
                new String[] {"compress", "--data", txt, "--model", "gpt:layers=1,heads=2,dim=8,context=4", "--out", out
                },
                "inputs gating does not apply to a GPT; gate its heads"
            },
            {
                new String[] {
                    "compress",
                    "--data",
                    txt,
                    "--model",
                    "gpt:layers=1,heads=2,dim=8,context=4",
                    "--gate",
                    "heads",
                    "--head-group",
                    "qk",
                    "--out",
                    out
                },
                "--head-group must be value or wide"
            },
            {
                new String[] {"compress", "--data", "iris", "--gate", "heads", "--out", out},
                "the model has no attention layer whose heads can be gated"
            },
        };
        for (Object[] c : cases) {
            String[] args = (String[]) c[0];
            CliRun r = CliRun.of(args);
            assertEquals(2, r.code(), String.join(" ", args) + " -> " + r.err());
            assertTrue(r.err().contains((String) c[1]), String.join(" ", args) + " -> " + r.err());
        }
    }
}
