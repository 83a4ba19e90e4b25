package dev.mixdown.gateway.ops;

import dev.mixdown.gateway.config.GatewayConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.jboss.logging.Logger;

/**
 * Refreshes the cluster gauges (docs/operations.md lists them, deploy/grafana charts them) every
 * {@code REFRESH_SECONDS} on one daemon thread; a failed refresh keeps the last figures and is logged.
 */
@ApplicationScoped
public class ClusterGauges {
    private static final Logger LOG = Logger.getLogger(ClusterGauges.class);
    static final int REFRESH_SECONDS = 15;

    @Inject
    JobGauges jobs;

    @Inject
    MeterRegistry registry;

    @Inject
    GatewayConfig config;

    private ScheduledExecutorService timer;
    private Admin admin;

    void start(@Observes StartupEvent event) {
        jobs.register(registry);
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka().bootstrap(),
                AdminClientConfig.CLIENT_ID_CONFIG, "gateway-gauges", AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000));
        KafkaGauges kafka = new KafkaGauges(admin, registry);
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cluster-gauges");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                jobs.refresh();
                kafka.refresh();
            } catch (Exception e) {
                LOG.debugf("cluster gauges not refreshed: %s", e.getMessage());
            }
        }, 1, REFRESH_SECONDS, TimeUnit.SECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
        if (admin != null) {
            admin.close(java.time.Duration.ofSeconds(2));
        }
    }
}
