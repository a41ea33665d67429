package io.dgating.cli;

import io.dgating.api.engine.Engine;
import io.dgating.api.engine.EngineConfig;
import io.dgating.api.engine.EngineProvider;
import io.dgating.api.engine.EngineRegistry;
import io.dgating.runtime.OrtRuntime;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import picocli.CommandLine;

/**
 * {@code dgating --version}: the version, the git commit the build was made from (written into
 * {@code build.properties} by the build), the engines on the class path with the default and the
 * CPU engine's matrix kernel, and the ONNX Runtime version. DJL's engine is listed, not started:
 * starting it loads PyTorch.
 */
public final class VersionInfo implements CommandLine.IVersionProvider {

    private final EngineRegistry engines;

    /**
     * Creates the provider.
     *
     * @param engines the engines on the class path
     */
    @Inject
    public VersionInfo(EngineRegistry engines) {
        this.engines = engines;
    }

    @Override
    public String[] getVersion() {
        List<String> lines = new ArrayList<>();
        String v = DgatingCli.class.getPackage().getImplementationVersion();
        lines.add("dgating " + (v == null ? "(development build)" : v) + ", commit " + commit());
        String chosen = engines.select(null).name();
        for (EngineProvider p : engines.providers()) {
            String what = p.name() + (p.name().equals(chosen) ? " (default)" : "");
            if (!p.isAvailable()) {
                lines.add("engine " + what + ": not available here");
            } else if (p.name().equals("cpu")) {
                try (Engine e = p.create(EngineConfig.defaults())) {
                    lines.add("engine " + what + ": " + e.describe());
                }
            } else {
                lines.add("engine " + what + ": available");
            }
        }
        lines.add("ONNX Runtime " + OrtRuntime.environment().getVersion());
        lines.add("Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")");
        return lines.toArray(String[]::new);
    }

    /** {@return the commit recorded at build time, or {@code unknown}} */
    static String commit() {
        try (InputStream in = VersionInfo.class.getResourceAsStream("build.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String c = p.getProperty("commit", "").strip();
            return c.isEmpty() || c.startsWith("${") ? "unknown" : c;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
