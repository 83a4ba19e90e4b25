package dev.mixdown.gateway;

import java.util.HashMap;
import java.util.Map;

/**
 * The real services, with the operator API on, one job in flight per tenant, and dispatcher rounds
 * of 4 rows, so that one tenant's backlog is larger than a round.
 */
public class OperatorServices extends RealServices {
    static final String ADMIN_KEY = "test-admin-key";

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        config.put("mixdown.admin.api-key", ADMIN_KEY);
        config.put("mixdown.dispatcher.per-tenant-in-flight", "1");
        config.put("mixdown.dispatcher.batch", "4");
        return config;
    }
}
