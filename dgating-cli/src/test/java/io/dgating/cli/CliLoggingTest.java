package io.dgating.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The command's stderr: by default dgating's own warnings and nothing from other libraries (DJL's
 * SLF4J lines, java.util.logging INFO); with --verbose everything from INFO up, named by logger.
 */
class CliLoggingTest {

    @AfterEach
    void restoreDefaults() throws Exception {
        LogManager.getLogManager().readConfiguration();
    }

    private static String emitAll(boolean verbose) {
        StringWriter text = new StringWriter();
        CliLogging.configure(new PrintWriter(text), verbose);
        System.getLogger("io.dgating.engine.cpu.kernel.TileKernels").log(System.Logger.Level.WARNING, "own warning");
        System.getLogger("io.dgating.engine.djl.DjlEngine").log(System.Logger.Level.INFO, "own info");
        System.getLogger("io.dgating.engine.djl.DjlEngine").log(System.Logger.Level.DEBUG, "own debug");
        org.slf4j.LoggerFactory.getLogger("ai.djl.pytorch.engine.PtEngine").warn("third-party warning");
        org.slf4j.LoggerFactory.getLogger("ai.djl.util.Platform").info("third-party info");
        Logger.getLogger("com.example").severe("third-party severe");
        return text.toString();
    }

    @Test
    void byDefaultOnlyDgatingsOwnWarningsReachStderr() {
        assertEquals("dgating: warning: own warning" + System.lineSeparator(), emitAll(false));
    }

    @Test
    void verboseLetsEveryLibrarysInfoThroughNamingTheLogger() {
        String text = emitAll(true);
        assertTrue(text.contains("dgating: warning: own warning"), text);
        assertTrue(text.contains("dgating: info: own info"), text);
        assertTrue(text.contains("dgating: warning [ai.djl.pytorch.engine.PtEngine]: third-party warning"), text);
        assertTrue(text.contains("dgating: info [ai.djl.util.Platform]: third-party info"), text);
        assertTrue(text.contains("dgating: severe [com.example]: third-party severe"), text);
        assertFalse(text.contains("own debug"), text);
    }

    @Test
    void verboseIsFoundAnywhereOnTheLine() {
        assertTrue(CliLogging.verbose("train", "--dataset", "iris", "-v"));
        assertTrue(CliLogging.verbose("--verbose", "engines"));
        assertFalse(CliLogging.verbose("train", "--dataset", "verbose.csv"));
    }
}
