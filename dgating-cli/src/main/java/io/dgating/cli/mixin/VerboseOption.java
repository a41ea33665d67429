package io.dgating.cli.mixin;

import picocli.CommandLine.Option;

/** {@code --verbose}: stack traces on failure (read by the exception handler from the raw arguments). */
public final class VerboseOption {

    @Option(names = {"-v", "--verbose"}, description = "Print stack traces of failures.")
    boolean verbose;
}
