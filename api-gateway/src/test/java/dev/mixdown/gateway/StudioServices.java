package dev.mixdown.gateway;

import java.util.HashMap;
import java.util.Map;

/**
 * The real services with one job in flight per tenant, so that the browser test can hold a job
 * QUEUED (behind one dispatched to a worker that does not run) and cancel it from the jobs list.
 */
public class StudioServices extends RealServices {
    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        config.put("mixdown.dispatcher.per-tenant-in-flight", "1");
        return config;
    }
}
