package io.dgating.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --save --export} and {@code export} through the command line, files checked in ONNX Runtime. */
class ExportCommandTest {

    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void trainSavesAndExportsAndExportReproducesTheFileFromTheSavedResult() throws Exception {
        Path result = dir.resolve("wine.dgr");
        Path compact = dir.resolve("wine.onnx");
        Path dense = dir.resolve("wine-dense.onnx");
        CliRun t = run(
                "train",
                "--dataset",
                "wine",
                "--hidden",
                "16",
                "--lambda",
                "0.2",
                "--epochs",
                "60",
                "--no-progress",
                "--threads",
                "1",
                "--save",
                result.toString(),
                "--export",
                compact.toString(),
                "--export-dense",
                dense.toString());
        assertEquals(0, t.code(), t.err());
        assertTrue(t.out().contains("saved " + result), t.out());
        assertTrue(t.out().contains("wrote " + compact + ": compact model"), t.out());
        assertTrue(Files.size(compact) < Files.size(dense));

        Path again = dir.resolve("again.onnx");
        CliRun e = run("export", result.toString(), "--export", again.toString());
        assertEquals(0, e.code(), e.err());
        assertArrayEquals(Files.readAllBytes(compact), Files.readAllBytes(again));

        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions();
                OrtSession s = OrtEnvironment.getEnvironment().createSession(compact.toString(), o)) {
            assertEquals("compact", s.getMetadata().getCustomMetadata().get("dgating.variant"));
            long width = ((ai.onnxruntime.TensorInfo)
                            s.getInputInfo().get("features").getInfo())
                    .getShape()[1];
            assertTrue(width < 13, "the compact model takes fewer than the 13 wine features, got " + width);
        }
    }

    @Test
    void existingOutputsAreNotOverwrittenAndBadResultFilesExitTwo() throws Exception {
        Path existing = dir.resolve("model.onnx");
        Files.writeString(existing, "keep me");
        CliRun t = run("train", "--dataset", "iris", "--epochs", "1", "--no-progress", "--export", existing.toString());
        assertEquals(2, t.code());
        assertTrue(t.err().contains("model.onnx exists; pass --overwrite to replace it"), t.err());
        assertEquals("keep me", Files.readString(existing));

        Path junk = dir.resolve("junk.dgr");
        Files.write(junk, new byte[] {'P', 'K', 3, 4, 1, 2, 3});
        CliRun e =
                run("export", junk.toString(), "--export", dir.resolve("x.onnx").toString());
        assertEquals(2, e.code());
        assertTrue(e.err().startsWith("dgating: " + junk + ": "), e.err());
        assertEquals(1, e.err().strip().lines().count(), e.err());

        CliRun none = run("export", junk.toString());
        assertEquals(2, none.code());
        assertTrue(none.err().contains("nothing to write"), none.err());
    }
}
