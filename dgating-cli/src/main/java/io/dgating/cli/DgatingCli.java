package io.dgating.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import io.dgating.api.data.InvalidDataException;
import io.dgating.api.engine.EngineException;
import io.dgating.api.train.TrainingDivergedException;
import io.dgating.cli.command.BenchCommand;
import io.dgating.cli.command.CompressCommand;
import io.dgating.cli.command.EnginesCommand;
import io.dgating.cli.command.ExportCommand;
import io.dgating.cli.command.GenerateCommand;
import io.dgating.cli.command.InspectCommand;
import io.dgating.cli.command.PathCommand;
import io.dgating.cli.command.ReproduceCommand;
import io.dgating.cli.command.SpeedCommand;
import io.dgating.cli.command.TrainCommand;
import io.dgating.cli.inject.GuiceFactory;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root command and the factory that wires it: engines come from every Guice module on the class path. */
@Command(
        name = "dgating",
        mixinStandardHelpOptions = true,
        versionProvider = VersionInfo.class,
        description = "Train neural networks with D-Gating structured sparsity.",
        subcommands = {
            CompressCommand.class,
            ReproduceCommand.class,
            TrainCommand.class,
            ExportCommand.class,
            InspectCommand.class,
            BenchCommand.class,
            PathCommand.class,
            SpeedCommand.class,
            EnginesCommand.class,
            GenerateCommand.class,
            CommandLine.HelpCommand.class
        })
public final class DgatingCli {

    /** The name of the injected boolean that says whether the error stream is a terminal. */
    public static final String ERR_IS_TERMINAL = "errIsTerminal";

    /**
     * Returns a command line whose output goes to {@code out} and {@code err}; progress is
     * written as one line per epoch, as for a log file.
     *
     * @param out normal output
     * @param err progress, warnings and errors
     * @return the command line
     */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return commandLine(out, err, false);
    }

    /**
     * Returns a command line whose output goes to {@code out} and {@code err}.
     *
     * @param out normal output
     * @param err progress, warnings and errors
     * @param errIsTerminal whether {@code err} is an interactive terminal (a redrawn progress bar)
     *     or a file or pipe (one line per epoch)
     * @return the command line
     */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err, boolean errIsTerminal) {
        List<Module> modules = new ArrayList<>();
        ServiceLoader.load(Module.class).forEach(modules::add);
        modules.add(binder -> {
            binder.bind(PrintWriter.class)
                    .annotatedWith(com.google.inject.name.Names.named("out"))
                    .toInstance(out);
            binder.bind(PrintWriter.class)
                    .annotatedWith(com.google.inject.name.Names.named("err"))
                    .toInstance(err);
            binder.bindConstant()
                    .annotatedWith(com.google.inject.name.Names.named(ERR_IS_TERMINAL))
                    .to(errIsTerminal);
        });
        Injector injector = Guice.createInjector(modules);
        CommandLine cl = new CommandLine(DgatingCli.class, new GuiceFactory(injector));
        cl.setOut(out);
        cl.setErr(err);
        cl.setExitCodeExceptionMapper(DgatingCli::exitCode);
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            CommandLine.ParseResult leaf = parsed;
            while (leaf.hasSubcommand()) {
                leaf = leaf.subcommand();
            }
            boolean verbose = leaf.hasMatchedOption("--verbose");
            cmd.getErr().println("dgating: " + message(e));
            if (verbose) {
                e.printStackTrace(cmd.getErr());
            } else if (exitCode(e) == ExitCodes.SOFTWARE) {
                cmd.getErr().println("(internal error; run again with --verbose for the stack trace)");
            }
            cmd.getErr().flush();
            return exitCode(e);
        });
        return cl;
    }

    /**
     * Runs the command line with {@code err} taken as a file or pipe and returns its exit code.
     *
     * @param out normal output
     * @param err errors
     * @param args arguments
     * @return the exit code
     */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        return execute(out, err, false, args);
    }

    /**
     * Runs the command line and returns its exit code.
     *
     * @param out normal output
     * @param err errors and progress
     * @param errIsTerminal whether {@code err} is an interactive terminal
     * @param args arguments
     * @return the exit code
     */
    public static int execute(PrintWriter out, PrintWriter err, boolean errIsTerminal, String... args) {
        CommandLine cl = commandLine(out, err, errIsTerminal);
        java.nio.file.Path config = ConfigDefaults.find(args);
        if (config != null) {
            try {
                cl.setDefaultValueProvider(ConfigDefaults.read(config));
            } catch (InvalidDataException e) {
                err.println("dgating: " + e.getMessage());
                err.flush();
                return ExitCodes.USAGE;
            }
        }
        return cl.execute(args);
    }

    /**
     * Returns the config file values a running command was given, so that another JVM can parse the
     * same arguments with the same defaults without the file.
     *
     * @param spec the running command
     * @return the file name and its option values, or empty without a config file
     */
    public static java.util.Optional<java.util.Map.Entry<String, java.util.Map<String, String>>> configValues(
            CommandLine.Model.CommandSpec spec) {
        CommandLine.IDefaultValueProvider p = spec.root().commandLine().getDefaultValueProvider();
        if (p instanceof ConfigDefaults c) {
            return java.util.Optional.of(java.util.Map.entry(c.file().toString(), c.values()));
        }
        return java.util.Optional.empty();
    }

    /**
     * Parses arguments as {@link #execute} does, with config file values given rather than read.
     *
     * @param out normal output of the parsed commands
     * @param err error output of the parsed commands
     * @param args the arguments
     * @param config the config file's name and values, from {@link #configValues}, or empty
     * @return the parse result
     */
    public static CommandLine.ParseResult parse(
            PrintWriter out,
            PrintWriter err,
            List<String> args,
            java.util.Optional<java.util.Map.Entry<String, java.util.Map<String, String>>> config) {
        CommandLine cl = commandLine(out, err);
        config.ifPresent(
                c -> cl.setDefaultValueProvider(ConfigDefaults.of(java.nio.file.Path.of(c.getKey()), c.getValue())));
        return cl.parseArgs(args.toArray(String[]::new));
    }

    /**
     * Checks a command's config file (unknown keys) and, for {@code --print-config}, prints the
     * effective settings as a config file.
     *
     * @param spec the running command
     * @param printConfig whether to print
     * @param out where to print
     * @return true when the command should stop after printing
     */
    public static boolean handleConfig(CommandLine.Model.CommandSpec spec, boolean printConfig, PrintWriter out) {
        CommandLine.IDefaultValueProvider p = spec.root().commandLine().getDefaultValueProvider();
        if (p instanceof ConfigDefaults c) {
            c.validate(spec);
        }
        if (!printConfig) {
            return false;
        }
        com.fasterxml.jackson.databind.node.ObjectNode o =
                new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        for (CommandLine.Model.OptionSpec opt : spec.options()) {
            String key = opt.longestName().replaceFirst("^-+", "");
            if (opt.usageHelp() || opt.versionHelp() || key.equals("config") || key.equals("print-config")) {
                continue;
            }
            Object v = opt.getValue();
            if (v instanceof java.util.Collection<?> list) {
                com.fasterxml.jackson.databind.node.ArrayNode a = o.putArray(key);
                list.forEach(x -> a.add(String.valueOf(x)));
            } else if (v != null) {
                o.put(key, String.valueOf(v));
            }
        }
        out.println(o.toPrettyString());
        out.flush();
        return true;
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    static int exitCode(Throwable e) {
        if (e instanceof TrainingDivergedException) {
            return ExitCodes.DIVERGED;
        }
        if (e instanceof InvalidDataException
                || e instanceof IllegalArgumentException
                || e instanceof java.nio.file.AccessDeniedException
                || e instanceof CommandLine.ParameterException
                || e instanceof EngineException) {
            return ExitCodes.USAGE;
        }
        return ExitCodes.SOFTWARE;
    }
}
