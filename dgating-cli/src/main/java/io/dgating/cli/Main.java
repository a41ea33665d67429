package io.dgating.cli;

import java.io.PrintWriter;

/** Starts the {@code dgating} command and exits with its code. */
public final class Main {

    private Main() {}

    /**
     * Runs the command line.
     *
     * @param args command-line arguments
     */
    public static void main(String[] args) {
        // DJL must never phone home; set before any engine could initialise
        System.setProperty("ai.djl.offline", "true");
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        CliLogging.configure(err, CliLogging.verbose(args));
        int code = DgatingCli.execute(out, err, Terminal.stderr(), args);
        out.flush();
        err.flush();
        System.exit(code);
    }
}
