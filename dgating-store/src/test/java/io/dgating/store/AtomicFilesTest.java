package io.dgating.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void aWrittenFileGetsTheUsualPermissionsOfANewFile() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "needs POSIX permissions");
        Path plain = Files.createFile(dir.resolve("plain")); // 0666 less the umask, like any tool's output
        Path model = dir.resolve("model.onnx");
        AtomicFiles.write(model, new byte[] {1, 2, 3}, false);
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(model));
        AtomicFiles.write(model, new byte[] {4}, true);
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(model), "also when replacing");
    }

    @Test
    void replacesOnlyWhenAskedAndLeavesNoTemporaryFiles() throws IOException {
        Path f = dir.resolve("report.md");
        AtomicFiles.write(f, new byte[] {1}, false);
        assertThrows(FileAlreadyExistsException.class, () -> AtomicFiles.write(f, new byte[] {2}, false));
        assertArrayEquals(new byte[] {1}, Files.readAllBytes(f));
        assertThrows(
                IOException.class,
                () -> AtomicFiles.write(
                        f,
                        out -> {
                            out.write(9);
                            throw new IOException("disk full");
                        },
                        true));
        assertArrayEquals(new byte[] {1}, Files.readAllBytes(f), "a failed write keeps the old file");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "no .partial file is left");
        }
    }
}
