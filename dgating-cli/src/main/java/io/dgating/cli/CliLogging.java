package io.dgating.cli;

import io.dgating.runtime.OrtRuntime;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What the {@code dgating} command lets through to stderr besides its own output. Libraries log
 * through one facade each (dgating's code through {@link System.Logger}, DJL through SLF4J, both
 * ending in {@code java.util.logging} here via the JDK and {@code slf4j-jdk14}), and ONNX Runtime's
 * native code logs by itself. By default only dgating's own warnings are shown; with
 * {@code --verbose}, everything from INFO up, ONNX Runtime's native log included.
 */
public final class CliLogging {

    /** Held so that its level is not lost: java.util.logging keeps loggers only weakly. */
    private static final Logger DGATING = Logger.getLogger("io.dgating");

    private CliLogging() {}

    /**
     * Returns whether the arguments ask for {@code -v} / {@code --verbose} (before picocli parses
     * them: logging is set up before any command runs).
     *
     * @param args the command line
     * @return true if verbose
     */
    public static boolean verbose(String... args) {
        for (String a : args) {
            if (a.equals("-v") || a.equals("--verbose")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Routes every {@code java.util.logging} record to {@code err} as {@code dgating: LEVEL: message}
     * lines: dgating's own from WARNING up and nobody else's, or everything from INFO up when verbose;
     * and sets ONNX Runtime's native log level before its environment exists.
     *
     * @param err where log lines go
     * @param verbose whether to let everything through
     */
    public static void configure(PrintWriter err, boolean verbose) {
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        root.setLevel(verbose ? Level.INFO : Level.OFF);
        DGATING.setLevel(verbose ? Level.INFO : Level.WARNING);
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (isLoggable(record)) {
                    err.println(getFormatter().format(record));
                    err.flush();
                }
            }

            @Override
            public void flush() {
                err.flush();
            }

            @Override
            public void close() {
                err.flush();
            }
        };
        handler.setLevel(Level.ALL);
        handler.setFormatter(new Formatter() {
            @Override
            public String format(LogRecord r) {
                String who = r.getLoggerName() == null || r.getLoggerName().startsWith("io.dgating")
                        ? ""
                        : " [" + r.getLoggerName() + "]";
                return "dgating: " + r.getLevel().getName().toLowerCase(Locale.ROOT) + who + ": " + formatMessage(r);
            }
        });
        root.addHandler(handler);
        if (System.getProperty(OrtRuntime.LOG_PROPERTY) == null) {
            System.setProperty(OrtRuntime.LOG_PROPERTY, verbose ? "info" : "fatal");
        }
    }
}
