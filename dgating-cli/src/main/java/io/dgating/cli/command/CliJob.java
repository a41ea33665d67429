package io.dgating.cli.command;

import io.dgating.cli.DgatingCli;
import io.dgating.eval.distributed.DistributedJob;
import java.io.PrintWriter;
import java.io.Serializable;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;

/**
 * A command run as a cluster job: the command's own arguments (and its config file's values, read
 * once by the driver), parsed again in the task's JVM, so that a task builds its data, model and
 * settings by exactly the code that built the driver's, then runs one unit through the command.
 * A {@code --data} file must have the same path on every machine (a shared mount), or be a bundled
 * data set.
 *
 * @param <U> the command's unit of work
 * @param <R> what a unit produces
 * @param args the arguments the command was started with
 * @param configName the config file's name, or null without one
 * @param configValues the config file's option values (empty without one)
 */
record CliJob<U extends Serializable, R extends Serializable>(
        List<String> args, String configName, Map<String, String> configValues) implements DistributedJob<U, R> {

    private static final long serialVersionUID = 1L;

    /** A command whose work splits into units that may run in other JVMs. */
    interface UnitRunner<U, R> {

        /**
         * Runs one unit in this JVM, on an engine of its own.
         *
         * @param unit the unit
         * @param threads cores the unit may use; an explicit {@code --threads} takes precedence
         * @return its result
         */
        R runUnit(U unit, int threads);
    }

    CliJob {
        args = List.copyOf(args);
        configValues = new java.util.LinkedHashMap<>(configValues); // file order, as read
    }

    /**
     * The job of a running command.
     *
     * @param spec the running command
     * @return its job
     */
    static <U extends Serializable, R extends Serializable> CliJob<U, R> of(CommandLine.Model.CommandSpec spec) {
        var config = DgatingCli.configValues(spec);
        return new CliJob<>(
                spec.commandLine().getParseResult().originalArgs(),
                config.map(Map.Entry::getKey).orElse(null),
                config.map(Map.Entry::getValue).orElse(Map.of()));
    }

    @Override
    @SuppressWarnings("unchecked")
    public R run(U unit, int threads) {
        PrintWriter quiet = new PrintWriter(Writer.nullWriter());
        CommandLine.ParseResult parsed = DgatingCli.parse(
                quiet,
                quiet,
                args,
                configName == null ? Optional.empty() : Optional.of(Map.entry(configName, configValues)));
        while (parsed.hasSubcommand()) {
            parsed = parsed.subcommand();
        }
        if (!(parsed.commandSpec().userObject() instanceof UnitRunner<?, ?> command)) {
            throw new IllegalStateException("this command does not run on a cluster: " + args);
        }
        return ((UnitRunner<U, R>) command).runUnit(unit, threads);
    }
}
