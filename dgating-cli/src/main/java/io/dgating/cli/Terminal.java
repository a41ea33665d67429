package io.dgating.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether the process's error stream is a terminal, which decides between a redrawn bar and plain lines. */
final class Terminal {

    private Terminal() {}

    /**
     * Returns whether standard error is a terminal: on Linux, whether file descriptor 2 points at
     * a tty device; elsewhere, whether the JVM has a console (both standard streams attached).
     * A log file or pipe then gets one line per epoch instead of carriage-return redraws.
     *
     * @return true for an interactive terminal
     */
    static boolean stderr() {
        Path fd = Path.of("/proc/self/fd/2");
        if (Files.isSymbolicLink(fd)) {
            try {
                String target = Files.readSymbolicLink(fd).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            } catch (IOException | UnsupportedOperationException e) {
                return false;
            }
        }
        return System.console() != null;
    }
}
