package io.dgating.cli.mixin;

import picocli.CommandLine.Option;

/**
 * {@code --verbose}: stack traces on failure (the exception handler asks picocli whether the command
 * matched it) and every library's log lines ({@link io.dgating.cli.CliLogging}, set up before parsing).
 */
public final class VerboseOption {

    @Option(
            names = {"-v", "--verbose"},
            description = "Print stack traces of failures and every library's log lines (INFO and up).")
    boolean verbose;
}
