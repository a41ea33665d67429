package io.dgating.eval.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Output-directory checks shared by the reports. */
final class Reports {

    private Reports() {
    }

    /** Creates {@code dir} if needed; a clear error when it is a file or cannot be written. */
    static void prepare(Path dir) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IOException(dir + " is a file, not a directory");
        }
        Files.createDirectories(dir);
        if (!Files.isWritable(dir)) {
            throw new IOException("cannot write to " + dir);
        }
    }
}
