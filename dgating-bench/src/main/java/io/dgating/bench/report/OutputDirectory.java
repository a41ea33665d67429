package io.dgating.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The one check of a directory that results are written into, used by every report and command. */
public final class OutputDirectory {

    private OutputDirectory() {}

    /**
     * Creates {@code dir} if needed and checks that files can be written into it.
     *
     * @param dir the directory
     * @throws IOException naming the problem: the path is a file, it cannot be created, or it is
     *     not writable
     */
    public static void prepare(Path dir) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IOException(dir + " is a file, not a directory");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        if (!Files.isWritable(dir)) {
            throw new IOException("no permission to write to " + dir);
        }
    }
}
