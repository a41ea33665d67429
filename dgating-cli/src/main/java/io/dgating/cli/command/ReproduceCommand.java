package io.dgating.cli.command;

import picocli.CommandLine.Command;

/** {@code dgating reproduce}: the paper's experiments, scaled to this machine, written to {@code docs/results/}. */
@Command(
        name = "reproduce",
        mixinStandardHelpOptions = true,
        description = "Run one of the paper's experiments and write its tables, plots and settings.",
        subcommands = {ReproduceSimulationCommand.class, ReproduceFeatselCommand.class})
public final class ReproduceCommand implements Runnable {

    @Override
    public void run() {
        throw new IllegalArgumentException("name an experiment: simulation or featsel (see dgating reproduce --help)");
    }
}
