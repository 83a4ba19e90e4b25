package dev.mixdown.gateway;

import java.util.HashMap;
import java.util.Map;

/** The real services, with a gateway whose run leases and reaper are quick enough for a test, and one job in flight per tenant. */
public class ShortLeaseServices extends RealServices {
    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        config.put("mixdown.runs.lease", "2s");
        config.put("mixdown.runs.reaper-interval", "200ms");
        config.put("mixdown.runs.max-lost-runs", "2");
        config.put("mixdown.dispatcher.per-tenant-in-flight", "1");
        return config;
    }
}
