package io.dgating.cli.mixin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Collection;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * {@code --config FILE} and {@code --print-config}. The file is read before parsing (the command
 * line's default value provider is a {@link ConfigDefaults}); the command checks its keys and prints
 * its effective settings through this mixin.
 */
public final class ConfigOption {

    @Option(
            names = "--config",
            paramLabel = "FILE.json",
            description = "Read option defaults from a JSON object of option: value; flags override it.")
    Path config;

    @Option(names = "--print-config", description = "Print the effective settings as a config file and exit.")
    boolean printConfig;

    /**
     * Checks the config file's keys against the command's options and, for {@code --print-config},
     * prints the effective settings.
     *
     * @param spec the running command
     * @param out where to print
     * @return true when the command should stop after printing
     * @throws IllegalArgumentException naming a key that is no option of the command
     */
    public boolean checkOrPrint(CommandSpec spec, PrintWriter out) {
        IDefaultValueProvider p = spec.root().commandLine().getDefaultValueProvider();
        if (p instanceof ConfigDefaults c) {
            c.validate(spec);
        }
        if (!printConfig) {
            return false;
        }
        out.println(settings(spec));
        out.flush();
        return true;
    }

    /**
     * Returns a command's effective settings as a config file: every option but help, version and
     * these two, with its parsed value.
     *
     * @param spec the running command
     * @return a JSON object of option: value
     */
    public static String settings(CommandSpec spec) {
        ObjectNode o = new ObjectMapper().createObjectNode();
        for (OptionSpec opt : spec.options()) {
            String key = opt.longestName().replaceFirst("^-+", "");
            if (opt.usageHelp() || opt.versionHelp() || key.equals("config") || key.equals("print-config")) {
                continue;
            }
            Object v = opt.getValue();
            if (v instanceof Collection<?> list) {
                ArrayNode a = o.putArray(key);
                list.forEach(x -> a.add(String.valueOf(x)));
            } else if (v != null) {
                o.put(key, String.valueOf(v));
            }
        }
        return o.toPrettyString();
    }
}
