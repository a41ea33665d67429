package io.dgating.cli.command;

import io.dgating.bench.report.OutputDirectory;
import java.io.IOException;
import java.nio.file.Path;

/** The {@code --out} directory of the commands that write one: prepared before any work starts. */
final class OutDir {

    private OutDir() {}

    /**
     * Creates the directory if needed and checks that it can be written.
     *
     * @param outDir the {@code --out} value
     * @throws IllegalArgumentException (a usage error) naming the problem
     */
    static void prepare(Path outDir) {
        try {
            OutputDirectory.prepare(outDir);
        } catch (IOException e) {
            throw new IllegalArgumentException("--out " + e.getMessage(), e);
        }
    }
}
