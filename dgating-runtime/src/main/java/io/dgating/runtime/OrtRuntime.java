package io.dgating.runtime;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtLoggingLevel;
import java.util.Locale;

/**
 * The process's ONNX Runtime environment, created once on first use with the native log level the
 * system property {@value #LOG_PROPERTY} names ({@code verbose}, {@code info}, {@code warning},
 * {@code error} or {@code fatal}; default {@code warning}, ONNX Runtime's own). ONNX Runtime's
 * native code writes its log to stderr itself, so an application that owns its stderr (the
 * {@code dgating} command) sets the property before the first model is loaded.
 */
public final class OrtRuntime {

    /** The system property with ONNX Runtime's native log level. */
    public static final String LOG_PROPERTY = "dgating.ort.log";

    private OrtRuntime() {}

    /**
     * Returns the environment, creating it with the configured log level on the first call.
     *
     * @return the process-wide environment
     */
    public static OrtEnvironment environment() {
        return Shared.ENVIRONMENT;
    }

    /**
     * Created once, on first use: every tensor a prepared call makes asks for the environment, and
     * ONNX Runtime's {@code getEnvironment(level, name)} is synchronized and logs a warning on every
     * call once someone else (a service, a test) has created the environment under another name.
     */
    private static final class Shared {
        static final OrtEnvironment ENVIRONMENT =
                OrtEnvironment.getEnvironment(level(System.getProperty(LOG_PROPERTY, "warning")), "dgating");
    }

    static OrtLoggingLevel level(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "verbose" -> OrtLoggingLevel.ORT_LOGGING_LEVEL_VERBOSE;
            case "info" -> OrtLoggingLevel.ORT_LOGGING_LEVEL_INFO;
            case "warning" -> OrtLoggingLevel.ORT_LOGGING_LEVEL_WARNING;
            case "error" -> OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR;
            case "fatal" -> OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL;
            default ->
                throw new IllegalArgumentException(
                        LOG_PROPERTY + " must be verbose, info, warning, error or " + "fatal, got '" + name + "'");
        };
    }
}
