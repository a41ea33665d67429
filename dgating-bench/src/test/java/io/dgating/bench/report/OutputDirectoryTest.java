package io.dgating.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputDirectoryTest {

    @TempDir
    Path dir;

    @Test
    void createsMissingDirectoriesAndNamesAFileInTheWay() throws IOException {
        Path nested = dir.resolve("a/b/c");
        OutputDirectory.prepare(nested);
        assertTrue(Files.isDirectory(nested));
        OutputDirectory.prepare(nested); // again: fine
        Path file = Files.createFile(dir.resolve("f"));
        assertEquals(
                file + " is a file, not a directory",
                assertThrows(IOException.class, () -> OutputDirectory.prepare(file))
                        .getMessage());
        assertTrue(assertThrows(IOException.class, () -> OutputDirectory.prepare(file.resolve("sub")))
                .getMessage()
                .startsWith("cannot create " + file.resolve("sub")));
    }
}
