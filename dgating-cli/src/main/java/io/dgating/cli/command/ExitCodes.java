package io.dgating.cli.command;

/** Exit codes of the {@code dgating} command, in one place. */
public final class ExitCodes {

    /** Success. */
    public static final int OK = 0;
    /** Internal failure: a bug or an environment problem; the stack trace shows with {@code --verbose}. */
    public static final int SOFTWARE = 1;
    /** Bad usage or bad input: an option, a file, a value; the message names which. */
    public static final int USAGE = 2;
    /**
     * The training diverged (a loss or parameter became infinite or NaN): the input was valid, the
     * settings (learning rate, lambda) did not suit it; the last good state is kept where asked.
     */
    public static final int DIVERGED = 3;

    private ExitCodes() {}
}
