package io.dgating.cli.mixin;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --config FILE} and {@code --print-config}; the file is read before parsing (see {@code DgatingCli}). */
public final class ConfigOption {

    @Option(
            names = "--config",
            paramLabel = "FILE.json",
            description = "Read option defaults from a JSON object of option: value; flags override it.")
    Path config;

    @Option(names = "--print-config", description = "Print the effective settings as a config file and exit.")
    boolean printConfig;

    /** {@return whether to print the effective settings and stop} */
    public boolean printConfig() {
        return printConfig;
    }
}
