package io.dgating.store;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes files all at once or not at all: into a temporary file beside the target, forced to
 * disk, then renamed over it. A crash or Ctrl-C leaves either the old file or the new one,
 * never half of one. Refuses to replace an existing file unless asked to.
 */
public final class AtomicFiles {

    private AtomicFiles() {}

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

    /**
     * Writes what {@code content} produces to a temporary file beside {@code target}, then moves it
     * into place, so readers see the old file or the whole new one.
     *
     * @param target the file
     * @param content writes the new content to the stream it is given
     * @param overwrite whether an existing file may be replaced
     * @throws FileAlreadyExistsException if it exists and {@code overwrite} is false
     * @throws IOException if the directory is missing or not writable, or {@code content} fails
     */
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
        Path tmp = null;
        OutputStream out = null;
        // not Files.createTempFile: it makes the file 0600, and a model written for a service
        // account to load should get the permissions of any new file (0666 less the umask)
        while (out == null) {
            tmp = dir.resolve("." + abs.getFileName() + "."
                    + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".partial");
            try {
                out = PartialFiles.create(tmp, target);
            } catch (FileAlreadyExistsException taken) {
                out = null;
            }
        }
        try {
            try (OutputStream o = out) {
                content.writeTo(o);
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
            PartialFiles.done(tmp);
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
