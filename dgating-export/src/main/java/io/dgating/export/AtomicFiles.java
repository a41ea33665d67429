package io.dgating.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes files all at once or not at all: into a temporary file beside the target, forced to
 * disk, then renamed over it. A crash or Ctrl-C leaves either the old file or the new one,
 * never half of one. Refuses to replace an existing file unless asked to.
 */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /**
     * Writes {@code bytes} to {@code target}.
     *
     * @param target the file
     * @param bytes its new content
     * @param overwrite whether an existing file may be replaced
     * @throws FileAlreadyExistsException if it exists and {@code overwrite} is false
     * @throws IOException if the directory is missing or not writable
     */
    public static void write(Path target, byte[] bytes, boolean overwrite) throws IOException {
        write(target, out -> out.write(bytes), overwrite);
    }

    /** Writes what {@code content} produces, atomically; see {@link #write(Path, byte[], boolean)}. */
    public static void write(Path target, Content content, boolean overwrite) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        if (Files.isDirectory(abs)) {
            throw new IOException(target + " is a directory");
        }
        if (!overwrite && Files.exists(abs)) {
            throw new FileAlreadyExistsException(target.toString(), null, "exists; pass --overwrite to replace it");
        }
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IOException("directory " + dir + " does not exist");
        }
        Path tmp = Files.createTempFile(dir, "." + abs.getFileName(), ".partial");
        // Ctrl-C or SIGTERM while writing: the JVM's shutdown removes the temporary file
        tmp.toFile().deleteOnExit();
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                content.writeTo(out);
            }
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(tmp,
                    java.nio.file.StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Produces a file's bytes. */
    @FunctionalInterface
    public interface Content {
        /**
         * Writes the content.
         *
         * @param out the stream (closed by the caller)
         * @throws IOException on failure
         */
        void writeTo(OutputStream out) throws IOException;
    }
}
