package dev.mixdown.jobs.worker;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deliberate crash points for the fault tests, so that a worker dies exactly where a test wants it
 * to and not where the timing happens to put it. With {@code MIXDOWN_FAULT_HALT_AT=<point>} in its
 * environment the process halts at once (as {@code kill -9} would: no shutdown hooks, no drain)
 * when a run reaches the point. Points are a stage's first word as the processor reports it
 * ({@code download}, {@code analyse}, {@code render}, {@code upload}, ...) and
 * {@code after-final-event} (the terminal event is acknowledged, the offset not yet committed).
 * Unset, as in production, a point costs one string comparison.
 */
final class FaultPoints {
    private static final Logger LOG = LoggerFactory.getLogger(FaultPoints.class);
    static final String AFTER_FINAL_EVENT = "after-final-event";
    private static final String HALT_AT = System.getenv("MIXDOWN_FAULT_HALT_AT");

    private FaultPoints() {
    }

    static void reached(String point) {
        if (HALT_AT != null && HALT_AT.equals(point)) {
            LOG.error("fault point '{}' reached: halting the process (MIXDOWN_FAULT_HALT_AT)", point);
            Runtime.getRuntime().halt(137);
        }
    }
}
