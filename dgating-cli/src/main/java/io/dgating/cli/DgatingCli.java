package io.dgating.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.name.Names;
import io.dgating.api.data.InvalidDataException;
import io.dgating.api.engine.EngineException;
import io.dgating.api.train.TrainingDivergedException;
import io.dgating.cli.command.BenchCommand;
import io.dgating.cli.command.CompressCommand;
import io.dgating.cli.command.EnginesCommand;
import io.dgating.cli.command.ExitCodes;
import io.dgating.cli.command.ExportCommand;
import io.dgating.cli.command.GenerateCommand;
import io.dgating.cli.command.InspectCommand;
import io.dgating.cli.command.PathCommand;
import io.dgating.cli.command.ReproduceCommand;
import io.dgating.cli.command.SpeedCommand;
import io.dgating.cli.command.TrainCommand;
import io.dgating.cli.inject.GuiceFactory;
import io.dgating.cli.inject.Streams;
import io.dgating.cli.mixin.ConfigDefaults;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
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
                    .annotatedWith(Names.named(Streams.OUT))
                    .toInstance(out);
            binder.bind(PrintWriter.class)
                    .annotatedWith(Names.named(Streams.ERR))
                    .toInstance(err);
            binder.bindConstant()
                    .annotatedWith(Names.named(Streams.ERR_IS_TERMINAL))
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
        Path config = ConfigDefaults.find(args);
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

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    static int exitCode(Throwable e) {
        if (e instanceof TrainingDivergedException) {
            return ExitCodes.DIVERGED;
        }
        if (e instanceof InvalidDataException
                || e instanceof IllegalArgumentException
                || e instanceof AccessDeniedException
                || e instanceof CommandLine.ParameterException
                || e instanceof EngineException) {
            return ExitCodes.USAGE;
        }
        return ExitCodes.SOFTWARE;
    }
}
