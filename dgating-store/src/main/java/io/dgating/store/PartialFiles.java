package io.dgating.store;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The temporary files {@link AtomicFiles} is writing, deleted by a shutdown hook on Ctrl-C or
 * SIGTERM. Creating a file and registering it happen under the hook's lock, and no file is
 * created once the hook has run: {@code File.deleteOnExit} left a window in which a writer could
 * create a file after the hook had run and the JVM halted before the writer's own cleanup.
 * Process-wide state by nature: there is one JVM shutdown.
 */
final class PartialFiles {

    private static final Set<Path> PENDING = new HashSet<>();
    private static final AtomicBoolean SHUTTING_DOWN = new AtomicBoolean();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(PartialFiles::deleteAll, "dgating-partial-files"));
    }

    private PartialFiles() {}

    /**
     * Creates a new file and registers it for deletion at shutdown.
     *
     * @param tmp the file, which must not exist
     * @param target the file it will become (for the message)
     * @return a stream to it
     * @throws java.nio.file.FileAlreadyExistsException if it exists
     * @throws IOException if the JVM is shutting down, or the file cannot be created
     */
    static synchronized OutputStream create(Path tmp, Path target) throws IOException {
        if (SHUTTING_DOWN.get()) {
            throw new IOException("not writing " + target + ": the JVM is shutting down");
        }
        OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        PENDING.add(tmp);
        return out;
    }

    /**
     * Forgets a file that was renamed into place or deleted.
     *
     * @param tmp the file
     */
    static synchronized void done(Path tmp) {
        PENDING.remove(tmp);
    }

    private static synchronized void deleteAll() {
        SHUTTING_DOWN.set(true);
        for (Path p : PENDING) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // best effort while the JVM goes down; nothing is left to report to
            }
        }
        PENDING.clear();
    }
}
