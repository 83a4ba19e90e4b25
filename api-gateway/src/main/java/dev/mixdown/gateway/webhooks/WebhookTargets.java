package dev.mixdown.gateway.webhooks;

import dev.mixdown.gateway.config.GatewayConfig;
import dev.mixdown.gateway.errors.ApiException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The gateway's {@link TargetPolicy}, built from configuration: the cluster's own services are always refused. */
@ApplicationScoped
public class WebhookTargets {
    @Inject
    GatewayConfig config;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    Optional<String> jdbcUrl;

    private TargetPolicy policy;

    @PostConstruct
    void init() {
        GatewayConfig.Webhooks w = config.webhooks();
        policy = new TargetPolicy(w.allowPrivateTargets(), w.allowedTargets().orElse(List.of()), refused(), InetAddress::getAllByName);
    }

    private List<TargetPolicy.HostPort> refused() {
        List<TargetPolicy.HostPort> refused = new ArrayList<>();
        for (String server : config.kafka().bootstrap().split(",")) {
            if (!server.isBlank()) {
                refused.add(TargetPolicy.HostPort.parse(server, 9092));
            }
        }
        URI storage = URI.create(config.storage().endpoint());
        if (storage.getHost() != null) {
            refused.add(new TargetPolicy.HostPort(storage.getHost(), storage.getPort() != -1 ? storage.getPort()
                    : "https".equals(storage.getScheme()) ? 443 : 80));
        }
        // jdbc:postgresql://host1[:port][,host2[:port]]/db?...
        jdbcUrl.filter(u -> u.contains("//")).ifPresent(u -> {
            String hosts = u.substring(u.indexOf("//") + 2).split("[/?]", 2)[0];
            for (String h : hosts.split(",")) {
                if (!h.isBlank()) {
                    refused.add(TargetPolicy.HostPort.parse(h, 5432));
                }
            }
        });
        config.webhooks().refusedTargets().orElse(List.of()).forEach(t -> refused.add(TargetPolicy.HostPort.parse(t, -1)));
        return refused;
    }

    /** Why the gateway will not post to this URL now, or empty. */
    public Optional<String> refusal(String url) {
        return policy.refusal(url);
    }

    /** Refuses the URL with a 400 {@code WEBHOOK_URL_REFUSED} when the gateway may not post to it. */
    public void check(String url) {
        policy.refusal(url).ifPresent(reason -> {
            throw ApiException.invalid("WEBHOOK_URL_REFUSED", reason);
        });
    }
}
