package io.dgating.cli.command;

import io.dgating.cli.DgatingCli;
import io.dgating.eval.path.ChainResult;
import io.dgating.eval.path.PathChain;
import io.dgating.eval.path.PathJob;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * A {@code dgating path} run as a cluster job: the command's own arguments (and its config file's
 * values, read once by the driver), parsed again in the task's JVM, so that a task builds its data,
 * model and settings by exactly the code that built the driver's. A {@code --data} file must have
 * the same path on every machine (a shared mount), or be a bundled data set.
 *
 * @param args the arguments the command was started with
 * @param configName the config file's name, or null without one
 * @param configValues the config file's option values (empty without one)
 */
record CliPathJob(List<String> args, String configName, Map<String, String> configValues) implements PathJob {

    private static final long serialVersionUID = 1L;

    CliPathJob {
        args = List.copyOf(args);
        configValues = new java.util.TreeMap<>(configValues);
    }

    /**
     * The job of a running command.
     *
     * @param spec the running path command
     * @return its job
     */
    static CliPathJob of(CommandLine.Model.CommandSpec spec) {
        var config = DgatingCli.configValues(spec);
        return new CliPathJob(spec.commandLine().getParseResult().originalArgs(),
                config.map(Map.Entry::getKey).orElse(null), config.map(Map.Entry::getValue).orElse(Map.of()));
    }

    @Override
    public ChainResult run(PathChain chain, int threads) {
        PrintWriter quiet = new PrintWriter(Writer.nullWriter());
        CommandLine.ParseResult parsed = DgatingCli.parse(quiet, quiet, args, configName == null
                ? java.util.Optional.empty() : java.util.Optional.of(Map.entry(configName, configValues)));
        while (parsed.hasSubcommand()) {
            parsed = parsed.subcommand();
        }
        if (!(parsed.commandSpec().userObject() instanceof PathCommand path)) {
            throw new IllegalStateException("not a path command: " + args);
        }
        return path.runChain(chain, threads);
    }
}
