package io.dgating.cli.command;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a model file a command was given, with the errors a user can act on. */
final class OnnxFiles {

    private OnnxFiles() {}

    /**
     * Returns a file's bytes.
     *
     * @param file the path the user gave
     * @return its bytes
     * @throws IllegalArgumentException if it is missing or a directory, naming it
     */
    static byte[] read(Path file) {
        try {
            if (Files.isDirectory(file)) {
                throw new IllegalArgumentException(file + " is a directory, not an ONNX file");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": file not found");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
