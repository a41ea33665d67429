package io.dgating.cli.mixin;

import picocli.CommandLine.Option;

/** {@code --verbose}: stack traces on failure (the exception handler asks picocli whether the command matched it). */
public final class VerboseOption {

    @Option(names = {"-v", "--verbose"}, description = "Print stack traces of failures.")
    boolean verbose;
}
