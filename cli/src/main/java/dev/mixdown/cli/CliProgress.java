package dev.mixdown.cli;

import dev.mixdown.dsp.master.ProgressListener;
import java.io.PrintWriter;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * How an engine command shows its progress on stderr: a progress bar (me.tongfei:progressbar)
 * when stderr is a terminal, each stage with its elapsed time with {@code --verbose}, and nothing
 * with {@code --quiet} or when the output is not a terminal (a pipe, a log, a test), so that
 * {@code --json} and scripts read clean output. Close it when the work ends.
 */
final class CliProgress implements ProgressListener, AutoCloseable {
    private static final int STEPS = 1000;

    private final String task;
    private final ProgressListener stages;
    private ProgressBar bar;

    private CliProgress(String task, ProgressListener stages) {
        this.task = task;
        this.stages = stages;
    }

    /** A bar (when {@code err} is a terminal and not {@code quiet}), the stage log ({@code verbose}), or nothing. */
    static CliProgress of(String task, PrintWriter err, boolean verbose, boolean quiet) {
        if (verbose) {
            long start = System.nanoTime();
            return new CliProgress(null,
                    (stage, fraction) -> err.printf("[%6.2f s] %3.0f%% %s%n", (System.nanoTime() - start) / 1e9, fraction * 100, stage));
        }
        boolean terminal = System.console() != null;
        return new CliProgress(quiet || !terminal ? null : task, ProgressListener.NONE);
    }

    @Override
    public void progress(String stage, double fraction) {
        stages.progress(stage, fraction);
        if (task == null) {
            return;
        }
        if (bar == null) {
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(STEPS).setStyle(ProgressBarStyle.ASCII)
                    .setUnit("%", STEPS / 100).setUpdateIntervalMillis(100).hideEta().build();
        }
        bar.stepTo(Math.round(Math.max(0, Math.min(1, fraction)) * STEPS));
        bar.setExtraMessage(stage);
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
