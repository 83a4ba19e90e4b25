package dev.mixdown.gateway.jobs;

import dev.mixdown.gateway.background.BackgroundLoop;
import dev.mixdown.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;

/** Runs the {@link JobReaper} every {@code mixdown.runs.reaper-interval}. */
@ApplicationScoped
public class ReaperLoop extends BackgroundLoop {
    @Inject
    JobReaper reaper;

    @Inject
    GatewayConfig config;

    @Override
    public String name() {
        return "job-reaper";
    }

    @Override
    protected boolean round() {
        reaper.reap(Instant.now());
        return false;
    }

    @Override
    protected void idle() throws InterruptedException {
        Thread.sleep(config.runs().reaperInterval().toMillis());
    }
}
