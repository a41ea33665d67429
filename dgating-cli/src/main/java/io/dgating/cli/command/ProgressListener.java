package io.dgating.cli.command;

import io.dgating.api.train.EpochStats;
import io.dgating.api.train.TrainingListener;
import java.io.PrintWriter;
import java.util.stream.Collectors;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar over training steps, with epoch, loss and groups alive after each epoch. */
final class ProgressListener implements TrainingListener, AutoCloseable {

    private final PrintWriter err;
    private final boolean enabled;
    private ProgressBar bar;
    private int epochs;

    ProgressListener(PrintWriter err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    @Override
    public void onStart(int epochs, int stepsPerEpoch) {
        this.epochs = epochs;
        if (enabled) {
            java.io.PrintStream stream = new java.io.PrintStream(new WriterOutputStream(err), true);
            bar = new ProgressBarBuilder().setTaskName("train").setInitialMax((long) epochs * stepsPerEpoch)
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).continuousUpdate()
                    .setConsumer(new ConsoleProgressBarConsumer(stream, 110)).build();
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
        if (bar != null) {
            String alive = s.groupsAlive().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
            bar.setExtraMessage(String.format(" epoch %d/%d loss %.4f%s", s.epoch(), epochs, s.dataLoss(),
                    alive.isEmpty() ? "" : " alive " + alive));
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
    private static final class WriterOutputStream extends java.io.OutputStream {
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
            w.write(new String(b, off, len, java.nio.charset.StandardCharsets.UTF_8));
        }

        @Override
        public void flush() {
            w.flush();
        }
    }
}
