package dev.mixdown.jobs.worker;

import dev.mixdown.jobs.contracts.JobKind;
import dev.mixdown.jobs.storage.ObjectStorage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a worker process's slots: {@code slots} runtimes of one job kind sharing a consumer group;
 * the worker application drains them on shutdown (SIGTERM). Configuration comes from the
 * environment, each variable with a documented default:
 *
 * <pre>
 * MIXDOWN_KAFKA_BOOTSTRAP        localhost:9092
 * MIXDOWN_S3_ENDPOINT            http://127.0.0.1:9000
 * MIXDOWN_S3_ACCESS_KEY          mixdown
 * MIXDOWN_S3_SECRET_KEY          mixdown-secret
 * MIXDOWN_S3_BUCKET              mixdown
 * MIXDOWN_WORKER_ID              {kind}-{pid}
 * MIXDOWN_WORKER_SLOTS           1      jobs this process runs at once
 * MIXDOWN_MAX_ATTEMPTS           5      attempts before a retryable failure is final (dead-lettered)
 * MIXDOWN_JOB_TIMEOUT_SECONDS    1800   the watchdog's limit for one attempt
 * MIXDOWN_DRAIN_TIMEOUT_SECONDS  60     how long SIGTERM lets running jobs finish (keep terminationGracePeriodSeconds above it)
 * MIXDOWN_BACKOFF_MILLIS         5000   delay before the second attempt; doubles per attempt (5, 10, 20, 40 s:
 *                                       a store or broker outage of over a minute is ridden out; waiting holds no slot)
 * MIXDOWN_BACKOFF_MAX_MILLIS     60000
 * MIXDOWN_WORK_DIR               {java.io.tmpdir}/mixdown-worker
 * MIXDOWN_SESSION_TIMEOUT_MS     45000  how soon a crashed worker's jobs go to another worker
 * MIXDOWN_HEARTBEAT_SECONDS      5      the longest a run stays quiet (keep well under the gateway's run lease, 60 s)
 * MIXDOWN_MAX_RUNS               5      starts of one job after which it fails LOST_WORKER (it kills its workers)
 * MIXDOWN_FAULT_HALT_AT          unset  fault tests only: halt the process at this point of a run (see FaultPoints)
 * MIXDOWN_HEALTH_PORT            0      port of the application's /q/health and /q/metrics (0: any free port)
 * </pre>
 */
public final class WorkerLauncher {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerLauncher.class);

    private WorkerLauncher() {
    }

    /** A started worker process's slots: liveness, readiness, drain. */
    public static final class Running {
        private final String id;
        private final List<WorkerRuntime> runtimes;
        private final List<Thread> threads;
        private final Duration drain;

        Running(String id, List<WorkerRuntime> runtimes, List<Thread> threads, Duration drain) {
            this.id = id;
            this.runtimes = runtimes;
            this.threads = threads;
            this.drain = drain;
        }

        /** Every slot's loop is running. */
        public boolean live() {
            return threads.stream().allMatch(Thread::isAlive);
        }

        /** Jobs this process has finished (succeeded or failed for good) across its slots. */
        public long jobsDone() {
            return runtimes.stream().mapToLong(WorkerRuntime::jobsDone).sum();
        }

        /** How many jobs this process runs at once. */
        public int slots() {
            return runtimes.size();
        }

        /** Slots running a job now. */
        public int busySlots() {
            return (int) runtimes.stream().filter(WorkerRuntime::isBusy).count();
        }

        /** Live and not draining. */
        public boolean ready() {
            return live() && runtimes.stream().noneMatch(WorkerRuntime::isStopping);
        }

        /** Asks every slot to drain, and waits for them (running jobs finish or are handed back). */
        public void drain() {
            LOG.info("{}: draining {} slot(s), up to {}", id, runtimes.size(), drain);
            runtimes.forEach(WorkerRuntime::stop);
            for (Thread t : threads) {
                try {
                    t.join(drain.toMillis() + 10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

    }

    /** Starts the slots configured in {@code env} and returns at once. */
    public static Running start(JobKind kind, Supplier<JobProcessor> processors, Map<String, String> env,
            io.micrometer.core.instrument.MeterRegistry metrics) {
        String id = env.getOrDefault("MIXDOWN_WORKER_ID", kind.id() + "-" + ProcessHandle.current().pid());
        int slots = Integer.parseInt(env.getOrDefault("MIXDOWN_WORKER_SLOTS", "1"));
        Duration drain = Duration.ofSeconds(Long.parseLong(env.getOrDefault("MIXDOWN_DRAIN_TIMEOUT_SECONDS", "60")));
        ObjectStorage storage = new ObjectStorage(env.getOrDefault("MIXDOWN_S3_ENDPOINT", "http://127.0.0.1:9000"),
                env.getOrDefault("MIXDOWN_S3_ACCESS_KEY", "mixdown"), env.getOrDefault("MIXDOWN_S3_SECRET_KEY", "mixdown-secret"),
                env.getOrDefault("MIXDOWN_S3_BUCKET", "mixdown"));
        List<WorkerRuntime> runtimes = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < slots; s++) {
            WorkerRuntime.Config config = new WorkerRuntime.Config(
                    env.getOrDefault("MIXDOWN_KAFKA_BOOTSTRAP", "localhost:9092"), kind.id() + "-workers", kind, id + "-" + s,
                    Integer.parseInt(env.getOrDefault("MIXDOWN_MAX_ATTEMPTS", "5")),
                    Duration.ofSeconds(Long.parseLong(env.getOrDefault("MIXDOWN_JOB_TIMEOUT_SECONDS", "1800"))), drain,
                    Duration.ofMillis(Long.parseLong(env.getOrDefault("MIXDOWN_BACKOFF_MILLIS", "5000"))),
                    Duration.ofMillis(Long.parseLong(env.getOrDefault("MIXDOWN_BACKOFF_MAX_MILLIS", "60000"))),
                    Path.of(env.getOrDefault("MIXDOWN_WORK_DIR", System.getProperty("java.io.tmpdir") + "/mixdown-worker")),
                    Duration.ofMillis(Long.parseLong(env.getOrDefault("MIXDOWN_SESSION_TIMEOUT_MS", "45000"))),
                    Duration.ofSeconds(Long.parseLong(env.getOrDefault("MIXDOWN_HEARTBEAT_SECONDS", "5"))),
                    Integer.parseInt(env.getOrDefault("MIXDOWN_MAX_RUNS", "5")));
            WorkerRuntime runtime = new WorkerRuntime(config, processors.get(), storage, metrics);
            runtimes.add(runtime);
            threads.add(new Thread(runtime, config.workerId()));
        }
        threads.forEach(Thread::start);
        LOG.info("{}: {} worker with {} slot(s) started", id, kind.id(), slots);
        return new Running(id, runtimes, threads, drain);
    }
}
