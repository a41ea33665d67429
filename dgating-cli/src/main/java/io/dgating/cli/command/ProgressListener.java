package io.dgating.cli.command;

import io.dgating.api.train.EpochStats;
import io.dgating.api.train.TrainingListener;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.stream.Collectors;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Training progress on the error stream: on a terminal a progress bar over the steps, redrawn in
 * place, with epoch, loss and groups alive; in a file or pipe one plain line per epoch, since
 * carriage-return redraws turn a log into one unreadable line.
 */
final class ProgressListener implements TrainingListener, AutoCloseable {

    /** How progress is shown. */
    enum Style {
        /** Nothing. */
        OFF,
        /** A redrawn bar, for a terminal. */
        BAR,
        /** One line per epoch, for a log file or pipe. */
        LINES;

        /**
         * Returns the style for a command's settings.
         *
         * @param noProgress whether the user turned progress off
         * @param errIsTerminal whether the error stream is a terminal
         * @return the style
         */
        static Style of(boolean noProgress, boolean errIsTerminal) {
            return noProgress ? OFF : errIsTerminal ? BAR : LINES;
        }
    }

    private final PrintWriter err;
    private final Style style;
    private ProgressBar bar;
    private int epochs;
    private long startNanos;

    ProgressListener(PrintWriter err, Style style) {
        this.err = err;
        this.style = style;
    }

    @Override
    public void onStart(int epochs, int stepsPerEpoch) {
        this.epochs = epochs;
        this.startNanos = System.nanoTime();
        if (style == Style.BAR) {
            PrintStream stream = new PrintStream(new WriterOutputStream(err), true);
            bar = new ProgressBarBuilder()
                    .setTaskName("train")
                    .setInitialMax((long) epochs * stepsPerEpoch)
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(250)
                    .continuousUpdate()
                    .setConsumer(new ConsoleProgressBarConsumer(stream, 110))
                    .build();
        }
    }

    @Override
    public void onStep(long step, double loss) {
        if (bar != null) {
            bar.stepTo(step);
        }
    }

    @Override
    public void onEpoch(EpochStats s) {
        if (style == Style.OFF) {
            return;
        }
        String alive = s.groupsAlive().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
        String line = String.format(
                Locale.ROOT,
                "epoch %d/%d loss %.4f%s",
                s.epoch(),
                epochs,
                s.dataLoss(),
                alive.isEmpty() ? "" : " alive " + alive);
        if (bar != null) {
            bar.setExtraMessage(" " + line);
        } else {
            err.printf(Locale.ROOT, "%s (%.1f s)%n", line, (System.nanoTime() - startNanos) / 1e9);
            err.flush();
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            err.println();
            err.flush();
        }
    }

    /** Bridges the injected writer to the stream the progress bar library wants. */
    private static final class WriterOutputStream extends OutputStream {
        private final PrintWriter w;

        WriterOutputStream(PrintWriter w) {
            this.w = w;
        }

        @Override
        public void write(int b) {
            w.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            w.write(new String(b, off, len, StandardCharsets.UTF_8));
        }

        @Override
        public void flush() {
            w.flush();
        }
    }
}
