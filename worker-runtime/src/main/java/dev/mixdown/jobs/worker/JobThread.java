package dev.mixdown.jobs.worker;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread a slot's jobs run on, one at a time. A cancelled job is interrupted; its clean-up (the
 * work folder) runs on the job's own thread once the processor has really returned, never while it
 * may still write there. A job that ignores the interrupt past a grace period is abandoned on its
 * thread and the slot gets a fresh one, so one stuck job cannot stop the worker.
 */
final class JobThread implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobThread.class);
    private final String name;
    private ExecutorService executor;
    private CountDownLatch running = new CountDownLatch(0);

    JobThread(String name) {
        this.name = name;
        this.executor = newExecutor();
    }

    private ExecutorService newExecutor() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs {@code task}, then {@code cleanUp} on the same thread, whether the task ended, failed or was cancelled. */
    <T> Future<T> submit(Callable<T> task, Runnable cleanUp) {
        CountDownLatch done = new CountDownLatch(1);
        running = done;
        return executor.submit(() -> {
            try {
                return task.call();
            } finally {
                try {
                    cleanUp.run();
                } finally {
                    done.countDown();
                }
            }
        });
    }

    /**
     * Waits for the last job's thread to stop (after a cancel); past {@code grace} the job is
     * abandoned and later jobs run on a new thread.
     *
     * @return whether the job stopped within the grace period
     */
    boolean awaitStopped(Duration grace) {
        try {
            if (running.await(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.error("{}: a cancelled job did not stop within {}; abandoning its thread (its work folder is deleted when it stops)",
                name, grace);
        executor.shutdownNow();
        executor = newExecutor();
        return false;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
