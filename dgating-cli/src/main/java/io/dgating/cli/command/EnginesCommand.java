package io.dgating.cli.command;

import io.dgating.api.engine.EngineProvider;
import io.dgating.api.engine.EngineRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code dgating engines}: lists the engines on the class path. */
@Command(
        name = "engines",
        mixinStandardHelpOptions = true,
        description = "List the training engines and which is the default.")
public final class EnginesCommand implements Callable<Integer> {

    private final EngineRegistry engines;
    private final PrintWriter out;

    /**
     * Creates the command.
     *
     * @param engines available engines
     * @param out output
     */
    @Inject
    public EnginesCommand(EngineRegistry engines, @Named("out") PrintWriter out) {
        this.engines = engines;
        this.out = out;
    }

    @Override
    public Integer call() {
        String chosen = engines.select(null).name();
        out.printf("%-8s %-9s %-10s %s%n", "engine", "priority", "available", "");
        for (EngineProvider p : engines.providers()) {
            out.printf(
                    "%-8s %-9d %-10s %s%n",
                    p.name(),
                    p.priority(),
                    p.isAvailable() ? "yes" : "no",
                    p.name().equals(chosen) ? "(default)" : "");
        }
        out.flush();
        return ExitCodes.OK;
    }
}
