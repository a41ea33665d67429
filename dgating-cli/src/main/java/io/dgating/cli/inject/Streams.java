package io.dgating.cli.inject;

/** Names of the injected output streams and what they are, so commands need not know who binds them. */
public final class Streams {

    /** The stream results go to. */
    public static final String OUT = "out";
    /** The stream progress, warnings and errors go to. */
    public static final String ERR = "err";
    /** The injected boolean that says whether {@link #ERR} is an interactive terminal (a progress bar) or not (lines). */
    public static final String ERR_IS_TERMINAL = "errIsTerminal";

    private Streams() {}
}
