package io.dgating.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtLoggingLevel;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * The shared environment is ONNX Runtime's one environment, and asking for it again costs no
 * further call into ONNX Runtime's environment factory: after someone else created the environment
 * under another name, that factory logs a warning per call (a prepared call asks per tensor).
 */
class OrtRuntimeTest {

    @Test
    void repeatedRequestsReturnTheOneEnvironmentWithoutWarnings() {
        OrtEnvironment first = OrtEnvironment.getEnvironment();
        Logger ort = Logger.getLogger(OrtEnvironment.class.getName());
        AtomicInteger warnings = new AtomicInteger();
        Handler counter = new Handler() {
            @Override
            public void publish(LogRecord r) {
                warnings.incrementAndGet();
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        ort.addHandler(counter);
        try {
            for (int i = 0; i < 5; i++) {
                assertSame(first, OrtRuntime.environment());
            }
        } finally {
            ort.removeHandler(counter);
        }
        // the first request may note the name differs; later ones must not ask again
        assertTrue(warnings.get() <= 1, warnings.get() + " warnings for 5 requests");
    }

    @Test
    void logLevelsAreNamedAndAnUnknownOneIsRefused() {
        assertEquals(OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL, OrtRuntime.level("FATAL"));
        assertEquals(OrtLoggingLevel.ORT_LOGGING_LEVEL_INFO, OrtRuntime.level("info"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OrtRuntime.level("loud"));
        assertTrue(e.getMessage().contains(OrtRuntime.LOG_PROPERTY), e.getMessage());
    }
}
