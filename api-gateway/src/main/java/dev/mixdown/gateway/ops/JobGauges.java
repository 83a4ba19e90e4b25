package dev.mixdown.gateway.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;

/**
 * The cluster's state as gauges, read from the database by {@link ClusterGauges} every refresh (not
 * per scrape, so many scrapers cost no more queries): unfinished jobs by status and lane, the
 * oldest waiting job's age by lane, running jobs past their lease, the outbox backlog, and
 * webhook endpoints whose deliveries keep failing. Every gateway replica reports the same figures:
 * aggregate them with max, not sum.
 */
@ApplicationScoped
public class JobGauges {
    @Inject
    EntityManager em;

    private MultiGauge jobs;
    private MultiGauge oldest;
    private final double[] scalars = new double[3];

    void register(MeterRegistry registry) {
        jobs = MultiGauge.builder("mixdown.jobs").description("Unfinished jobs by status and lane (cluster-wide)").register(registry);
        oldest = MultiGauge.builder("mixdown.jobs.waiting.oldest").baseUnit("seconds")
                .description("Age of the oldest job waiting for a worker (QUEUED or DISPATCHED), by lane").register(registry);
        registry.gauge("mixdown.jobs.lease.expired", Tags.empty(), scalars, s -> s[0]);
        registry.gauge("mixdown.outbox.pending", Tags.empty(), scalars, s -> s[1]);
        registry.gauge("mixdown.webhook.endpoints.failing", Tags.empty(), scalars, s -> s[2]);
    }

    @SuppressWarnings("unchecked")
    void refresh() {
        QuarkusTransaction.requiringNew().run(() -> {
            List<MultiGauge.Row<?>> rows = new ArrayList<>();
            for (String status : List.of("QUEUED", "DISPATCHED", "RUNNING")) {
                for (String lane : List.of("interactive", "bulk")) {
                    rows.add(MultiGauge.Row.of(Tags.of("status", status, "lane", lane), count(
                            "select count(*) from job where status = '" + status + "' and lane = '" + lane + "'")));
                }
            }
            jobs.register(rows, true);
            List<MultiGauge.Row<?>> ages = new ArrayList<>();
            for (String lane : List.of("interactive", "bulk")) {
                ages.add(MultiGauge.Row.of(Tags.of("lane", lane), count("select coalesce(extract(epoch from now() - min(created_at)), 0)"
                        + " from job where status in ('QUEUED', 'DISPATCHED') and lane = '" + lane + "'")));
            }
            oldest.register(ages, true);
            scalars[0] = count("select count(*) from job where status = 'RUNNING' and lease_expires_at < now()");
            scalars[1] = count("select count(*) from outbox where dispatched_at is null");
            scalars[2] = count("select count(distinct endpoint_id) from webhook_delivery where status = 'PENDING' and failures >= 3");
        });
    }

    private double count(String sql) {
        return ((Number) em.createNativeQuery(sql).getSingleResult()).doubleValue();
    }
}
