package dev.mixdown.gateway.background;

import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * A gateway thread that works in rounds (the outbox dispatcher, the event consumer, the reaper)
 * and survives what it depends on going away: a failed round is retried after a backoff that
 * doubles from 250 ms up to 10 s, for as long as the failure lasts, and the loop resumes by itself.
 * Its state feeds the health checks ({@link LoopHealth}): the loop is live while its thread runs,
 * and ready while its rounds succeed. {@link BackgroundLoops} starts every loop at startup and stops it
 * at shutdown.
 */
public abstract class BackgroundLoop {
    private static final Duration BACKOFF_MIN = Duration.ofMillis(250);
    private static final Duration BACKOFF_MAX = Duration.ofSeconds(10);

    private final Logger log = Logger.getLogger(getClass());
    private volatile Thread thread;
    private volatile boolean running;
    private volatile Instant failingSince;
    private volatile String lastError;

    /** The loop's name in logs and health checks. */
    public abstract String name();

    /**
     * One round of work.
     *
     * @return whether there may be more work at once (false: wait for {@link #idle} before the next round)
     * @throws Exception any failure: the round is retried after the backoff
     */
    protected abstract boolean round() throws Exception;

    /** Waits between rounds when there was nothing to do; override to be woken early. */
    protected void idle() throws InterruptedException {
        Thread.sleep(1_000);
    }

    /** Called after a failed round, before the backoff: drop connections that may be broken. */
    protected void afterFailure() {
    }

    /** Called on the loop's thread as it ends. */
    protected void closeResources() {
    }

    /** Called once before the thread starts: make what the rounds need (clients, pools). */
    protected void beforeStart() {
    }

    /** Called once after the thread was stopped: release what {@link #beforeStart} made. */
    protected void afterStop() {
    }

    /** Starts the loop's thread; {@link BackgroundLoops} calls this at startup. */
    public void start() {
        beforeStart();
        running = true;
        Thread t = new Thread(this::loop, name());
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    /** Stops the loop and waits up to {@code timeout} for its thread to end; {@link BackgroundLoops} calls this at shutdown. */
    public void stop(Duration timeout) throws InterruptedException {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            t.join(timeout.toMillis());
        }
        afterStop();
    }

    private void loop() {
        long backoffMillis = 0;
        try {
            while (running) {
                try {
                    boolean more = round();
                    if (failingSince != null) {
                        log.infof("%s resumed after failing since %s", name(), failingSince);
                    }
                    failingSince = null;
                    lastError = null;
                    backoffMillis = 0;
                    if (!more) {
                        idle();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (Exception | StackOverflowError e) {
                    if (!running) {
                        return;
                    }
                    if (failingSince == null) {
                        failingSince = Instant.now();
                    }
                    lastError = String.valueOf(e.getMessage());
                    backoffMillis = Math.min(BACKOFF_MAX.toMillis(), Math.max(BACKOFF_MIN.toMillis(), backoffMillis * 2));
                    log.warnf("%s: round failed (%s); retrying in %d ms", name(), lastError, backoffMillis);
                    try {
                        afterFailure();
                    } catch (RuntimeException ignored) {
                        // best effort: the next round starts afresh
                    }
                    Thread.sleep(backoffMillis);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeResources();
        }
    }

    /** The thread runs (false: it never started, or ended; the process needs a restart). */
    public boolean live() {
        Thread t = thread;
        return running && t != null && t.isAlive();
    }

    /** Live, and its last round succeeded. */
    public boolean healthy() {
        return live() && failingSince == null;
    }

    /** Since when rounds fail, or null. */
    public Instant failingSince() {
        return failingSince;
    }

    /** The last failure's message, or null. */
    public String lastError() {
        return lastError;
    }
}
