package dev.mixdown.jobs.worker;

import dev.mixdown.jobs.contracts.JobEvent;
import dev.mixdown.jobs.contracts.JobKind;
import dev.mixdown.jobs.contracts.JobMessage;
import dev.mixdown.jobs.contracts.JobRun;
import dev.mixdown.jobs.contracts.Json;
import dev.mixdown.jobs.contracts.Lane;
import dev.mixdown.jobs.contracts.Topics;
import dev.mixdown.jobs.storage.ObjectStorage;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker loop, one job at a time (one "slot"; run several runtimes for several slots).
 *
 * <ul>
 *   <li>Consumes the interactive, retry and bulk topics of one job kind, in that order of preference.</li>
 *   <li>Each take of a record is a run ({@link JobRun}): its start is counted in the committed
 *       offset before it begins ({@link OffsetTracker}), so only the partition's owner runs it, and
 *       a record that keeps killing workers fails {@code LOST_WORKER} after {@code maxRuns} starts.</li>
 *   <li>While a job runs, its partitions are paused and the loop keeps polling, so the group keeps
 *       the worker; the run sends progress and a heartbeat every few seconds ({@link RunEvents}); a
 *       watchdog bounds each run's time.</li>
 *   <li>A job's offset is committed only after its outcome is acknowledged by the broker: the
 *       terminal event, the retry record, the dead letter. Outputs live under the run's id, and the
 *       gateway follows only a job's newest run, so a repeated or superseded run publishes nothing.</li>
 *   <li>The {@link RetryPolicy} decides: bad input fails at once; retryable failures go to the retry
 *       topic with a due time ({@link RetryGate}), holding no slot while they wait; after the last
 *       attempt the job is dead-lettered and reported FAILED with its reason.</li>
 *   <li>{@link #stop()} drains: the running job may finish within the drain timeout, or is handed
 *       back uncommitted (its start uncounted) before the consumer leaves the group, so another
 *       worker takes it at once. A partition taken away mid-job is handed back the same way.</li>
 *   <li>A broker outage does not end the loop: it backs off (bounded) and goes on.</li>
 * </ul>
 */
public final class WorkerRuntime implements Runnable, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerRuntime.class);
    private static final Duration POLL = Duration.ofMillis(200);
    /** How long the top-up before a job waits for newly published records. */
    private static final Duration TOP_UP_POLL = Duration.ofMillis(100);
    /** Records one poll fetches, and the most this slot holds fetched but not started. */
    private static final int MAX_POLL_RECORDS = 10;
    private static final long PROGRESS_INTERVAL_MS = 500;
    /** How long a cancelled job may take to notice its interrupt before its thread is abandoned. */
    private static final Duration CANCEL_GRACE = Duration.ofSeconds(10);
    private static final Duration BROKER_BACKOFF_MAX = Duration.ofSeconds(10);

    /**
     * @param workerId       names this worker in events
     * @param maxAttempts    attempts before a retryable failure becomes final (and dead-lettered)
     * @param jobTimeout     the watchdog's limit for one run
     * @param drainTimeout   how long {@link #stop()} lets a running job finish
     * @param backoffBase    delay before the second attempt; doubles per attempt up to backoffMax
     * @param sessionTimeout how long the group waits for a worker that stopped answering (crashed,
     *                       killed) before its jobs go to another worker
     * @param heartbeat      the longest a run stays quiet: a heartbeat event renews its lease at the
     *                       gateway (keep it well under the gateway's run lease)
     * @param maxRuns        starts of one job record after which it fails {@code LOST_WORKER}
     */
    public record Config(String bootstrapServers, String groupId, JobKind kind, String workerId, int maxAttempts,
            Duration jobTimeout, Duration drainTimeout, Duration backoffBase, Duration backoffMax, Path workRoot,
            Duration sessionTimeout, Duration heartbeat, int maxRuns) {

        /** With Kafka's default session timeout (45 s), a heartbeat every 5 s and at most 5 runs. */
        public Config(String bootstrapServers, String groupId, JobKind kind, String workerId, int maxAttempts,
                Duration jobTimeout, Duration drainTimeout, Duration backoffBase, Duration backoffMax, Path workRoot) {
            this(bootstrapServers, groupId, kind, workerId, maxAttempts, jobTimeout, drainTimeout, backoffBase, backoffMax, workRoot,
                    Duration.ofSeconds(45), Duration.ofSeconds(5), 5);
        }

        RetryPolicy retryPolicy() {
            return new RetryPolicy(maxAttempts, backoffBase, backoffMax);
        }
    }

    /** How a run ended, as far as the loop is concerned. */
    private record Outcome(JobProcessor.Result result, JobException failure, boolean handedBack) {
    }

    /** The run in progress: what the rebalance listener needs to hand it back. */
    private record Running(TopicPartition tp, long offset, int start) {
    }

    private final Config config;
    private final JobProcessor processor;
    private final ObjectStorage storage;
    private final KafkaConsumer<String, byte[]> consumer;
    private final EventPublisher publisher;
    private final OffsetTracker offsets;
    private final RetryGate retryGate;
    private final RetryPolicy retryPolicy;
    private final JobThread jobThread;
    private final List<ConsumerRecord<String, byte[]>> pending = new ArrayList<>();
    private volatile boolean stopping;
    private volatile boolean stopped;
    private volatile Running running;
    private volatile boolean runningRevoked;
    private final AtomicLong jobsDone = new AtomicLong();
    private final MeterRegistry metrics;

    /** A runtime whose meters stay private (tests, tools). */
    public WorkerRuntime(Config config, JobProcessor processor, ObjectStorage storage) {
        this(config, processor, storage, new SimpleMeterRegistry());
    }

    /**
     * @param metrics where each run's time is recorded: {@code mixdown.worker.job.duration} (running,
     *                tagged with kind and outcome) and {@code mixdown.worker.job.queued} (from publish to start)
     */
    public WorkerRuntime(Config config, JobProcessor processor, ObjectStorage storage, MeterRegistry metrics) {
        this.config = config;
        this.metrics = metrics;
        this.processor = processor;
        this.storage = storage;
        this.retryPolicy = config.retryPolicy();
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        c.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(MAX_POLL_RECORDS));
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, config.workerId());
        c.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, String.valueOf(config.sessionTimeout().toMillis()));
        // a busy worker learns of a rebalance (a worker joined) at its next heartbeat: keep that short,
        // or the newcomer idles for a third of the session timeout before it gets any partitions
        c.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, String.valueOf(Math.max(100, Math.min(1_000, config.sessionTimeout().toMillis() / 3))));
        // only the partitions that move are revoked when workers come and go
        c.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        this.consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
        this.publisher = new EventPublisher(config.bootstrapServers(), config.workerId() + "-events");
        this.offsets = new OffsetTracker(consumer);
        this.retryGate = new RetryGate(consumer);
        this.jobThread = new JobThread(config.workerId() + "-job");
    }

    /** Jobs that reached a terminal event or were re-queued, since start. */
    public long jobsDone() {
        return jobsDone.get();
    }

    /** Asks the loop to drain and stop; returns at once. */
    public void stop() {
        stopping = true;
    }

    public boolean isStopped() {
        return stopped;
    }

    /** True once {@link #stop()} was asked: draining, no new jobs. */
    /** A job is running in this slot now. */
    public boolean isBusy() {
        return running != null;
    }

    public boolean isStopping() {
        return stopping;
    }

    @Override
    public void run() {
        List<String> topics = List.of(Topics.jobs(config.kind(), Lane.INTERACTIVE), Topics.retries(config.kind()),
                Topics.jobs(config.kind(), Lane.BULK));
        consumer.subscribe(topics, new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                // records fetched but not started go back to whoever owns the partition next
                pending.removeIf(r -> partitions.contains(new TopicPartition(r.topic(), r.partition())));
                retryGate.forget(partitions);
                Running r = running;
                if (r != null && partitions.contains(r.tp()) && !runningRevoked) {
                    // the new owner runs the job again, as a newer run: stop ours, and do not count its start
                    runningRevoked = true;
                    offsets.handBack(r.tp(), r.offset(), r.start());
                }
                offsets.revoked(partitions);
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                // nothing to restore: offsets are committed per job
            }
        });
        long brokerBackoffMillis = 0;
        try {
            while (!stopping) {
                ConsumerRecord<String, byte[]> current = null;
                try {
                    retryGate.releaseDue(System.currentTimeMillis());
                    // top up before every job, not only when empty: an interactive job published while a
                    // bulk job ran is seen now and goes first, instead of after every bulk job fetched before it
                    if (pending.size() < MAX_POLL_RECORDS) {
                        // (partitions were paused during the last job, so give the fetch a moment to arrive)
                        consumer.poll(pending.isEmpty() ? POLL : TOP_UP_POLL).forEach(pending::add);
                        offsets.retryCommits();
                        pending.sort(PREFERENCE);
                    }
                    if (!pending.isEmpty()) {
                        current = pending.remove(0);
                        handle(current);
                    }
                    brokerBackoffMillis = 0;
                } catch (KafkaException e) {
                    // the broker is away (or the group in flux): give the fetched work back, wait, go on;
                    // a job whose outcome was not acknowledged runs again, as a newer run
                    brokerBackoffMillis = Math.min(BROKER_BACKOFF_MAX.toMillis(), Math.max(250, brokerBackoffMillis * 2));
                    LOG.warn("worker {}: broker call failed ({}); retrying in {} ms", config.workerId(), e.getMessage(), brokerBackoffMillis);
                    if (current != null) {
                        pending.add(0, current);
                    }
                    giveBackPending();
                    sleep(brokerBackoffMillis);
                }
            }
        } catch (RuntimeException e) {
            LOG.error("worker {} stopped by an unexpected error", config.workerId(), e);
        } finally {
            jobThread.close();
            try {
                offsets.retryCommits();
            } catch (RuntimeException e) {
                LOG.warn("could not commit finished jobs on the way out: {}", e.getMessage());
            }
            consumer.close(Duration.ofSeconds(5));
            publisher.close();
            stopped = true;
        }
    }

    /** Interactive before retries before bulk; within a topic, in offset order per partition. */
    private static final Comparator<ConsumerRecord<String, byte[]>> PREFERENCE = Comparator
            .comparingInt((ConsumerRecord<String, byte[]> r) -> r.topic().endsWith(".interactive") ? 0 : r.topic().endsWith(".retry") ? 1 : 2)
            .thenComparing(ConsumerRecord::partition).thenComparingLong(ConsumerRecord::offset);

    private void handle(ConsumerRecord<String, byte[]> record) {
        TopicPartition tp = new TopicPartition(record.topic(), record.partition());
        JobMessage job;
        try {
            job = Json.read(record.value(), JobMessage.class);
        } catch (IllegalArgumentException e) {
            LOG.warn("unreadable job at {}@{}: {}", tp, record.offset(), e.getMessage());
            publisher.sendAndWait(Topics.deadLetter(record.topic()), record.key(), record.value());
            offsets.done(tp, record.offset());
            return;
        }
        Instant due = job.notBeforeInstant();
        if (due != null && due.isAfter(Instant.now())) {
            retryGate.hold(tp, record.offset(), due.toEpochMilli());
            pending.removeIf(r -> r.topic().equals(tp.topic()) && r.partition() == tp.partition());
            return;
        }
        int start = offsets.countStart(tp, record.offset());
        if (start == 0) {
            giveBack(tp, record.offset());
            return;
        }
        JobRun run = new JobRun(UUID.randomUUID().toString(), job.dispatch(), job.attempt(), record.offset(), start);
        RunEvents events = new RunEvents(job, run, config.workerId(), publisher, PROGRESS_INTERVAL_MS, config.heartbeat().toMillis());
        if (start > config.maxRuns()) {
            LOG.error("job {} was started {} times without an outcome; failing it as LOST_WORKER", job.jobId(), start - 1);
            publisher.sendAndWait(Topics.deadLetter(job.topic()), job.jobId(), record.value());
            events.failed(new JobEvent.JobError(JobException.LOST_WORKER, "the job was started " + (start - 1)
                    + " times and each run ended without an outcome (its worker was killed or lost); not starting it again", false));
            offsets.done(tp, record.offset());
            jobsDone.incrementAndGet();
            return;
        }
        long queuedMs = Math.max(0, System.currentTimeMillis() - record.timestamp());
        Timer.builder("mixdown.worker.job.queued").description("Time from a job's publication to a worker starting it")
                .tag("kind", config.kind().id()).register(metrics).record(Duration.ofMillis(queuedMs));
        events.started();

        long startedNanos = System.nanoTime();
        Outcome outcome = supervise(job, events, new Running(tp, record.offset(), start));
        long ranNanos = System.nanoTime() - startedNanos;
        String name = outcome.handedBack() ? "handed-back" : outcome.failure() == null ? "succeeded"
                : retryPolicy.retries(outcome.failure(), job.attempt()) ? "retryable-failure" : "failed";
        Timer.builder("mixdown.worker.job.duration").description("Time a worker spent on one run of a job, by outcome")
                .tag("kind", config.kind().id()).tag("outcome", name).register(metrics).record(Duration.ofNanos(ranNanos));
        LOG.info("job {} attempt {} run {} (start {}) {} in {} ms, {} ms after it was queued; stages: {}", job.jobId(), job.attempt(),
                run.id(), start, name, ranNanos / 1_000_000, queuedMs, events.stageTimes(System.nanoTime()));
        if (outcome.handedBack()) {
            if (!runningRevoked) {
                offsets.handBack(tp, record.offset(), start);
                giveBack(tp, record.offset());
            }
            return;
        }
        publishOutcome(record, job, events, outcome);
        offsets.done(tp, record.offset());
        jobsDone.incrementAndGet();
    }

    /**
     * Runs the processor on the job thread while this thread keeps the consumer alive (partitions
     * paused), sends progress and heartbeats, and watches the clock: the watchdog, the drain
     * deadline, and the partition being taken away.
     */
    private Outcome supervise(JobMessage job, RunEvents events, Running run) {
        Path workDir = workFolder(job, events.run());
        WorkContext context = new WorkContext(job, events.run(), storage, workDir, events::progress);
        runningRevoked = false;
        running = run;
        Future<JobProcessor.Result> future = jobThread.submit(() -> processor.process(job, context), () -> deleteTree(workDir));
        consumer.pause(consumer.assignment());
        long started = System.nanoTime();
        long drainDeadline = Long.MAX_VALUE;
        try {
            while (true) {
                try {
                    return new Outcome(future.get(POLL.toMillis(), TimeUnit.MILLISECONDS), null, false);
                } catch (TimeoutException notYet) {
                    consumer.poll(Duration.ZERO);
                    consumer.pause(consumer.assignment()); // partitions assigned after a rebalance arrive unpaused
                    if (runningRevoked) {
                        LOG.info("job {}: its partition moved to another worker mid-run; handing the run back", job.jobId());
                        return cancel(future, new Outcome(null, null, true));
                    }
                    events.tick();
                    if (stopping && drainDeadline == Long.MAX_VALUE) {
                        drainDeadline = System.nanoTime() + config.drainTimeout().toNanos();
                    }
                    if (System.nanoTime() > drainDeadline) {
                        LOG.info("job {}: not finished within the drain timeout; handing it back", job.jobId());
                        return cancel(future, new Outcome(null, null, true));
                    }
                    if (System.nanoTime() - started > config.jobTimeout().toNanos()) {
                        return cancel(future, new Outcome(null, new JobException(JobException.TIMEOUT,
                                "the job ran longer than " + config.jobTimeout(), true, null), false));
                    }
                } catch (ExecutionException e) {
                    return new Outcome(null, RetryPolicy.classify(e.getCause()), false);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return cancel(future, new Outcome(null, null, true));
                }
            }
        } catch (RuntimeException e) {
            cancel(future, null); // the broker failed under the run: it runs again later, as a newer run
            throw e;
        } finally {
            running = null;
            consumer.resume(retryGate.open());
        }
    }

    private Outcome cancel(Future<?> future, Outcome outcome) {
        future.cancel(true);
        jobThread.awaitStopped(CANCEL_GRACE);
        return outcome;
    }

    /** Makes the run's outcome durable (acknowledged by the broker) before the offset is committed. */
    private void publishOutcome(ConsumerRecord<String, byte[]> record, JobMessage job, RunEvents events, Outcome outcome) {
        JobException failure = outcome.failure();
        if (failure == null) {
            events.succeeded(outcome.result().outputs(), outcome.result().report());
            FaultPoints.reached(FaultPoints.AFTER_FINAL_EVENT);
        } else if (retryPolicy.retries(failure, job.attempt())) {
            Duration backoff = retryPolicy.backoffAfter(job.attempt());
            LOG.info("job {} attempt {} failed ({}), retrying in {} ms", job.jobId(), job.attempt(), failure.getMessage(), backoff.toMillis());
            publisher.sendAndWait(Topics.retries(config.kind()), job.jobId(), Json.write(job.nextAttempt(Instant.now().plus(backoff))));
            events.failed(new JobEvent.JobError(failure.code(), failure.getMessage(), true));
        } else if (failure.retryable()) {
            // dead letters go beside the job's own topic, whichever topic (retries) the last attempt came from
            publisher.sendAndWait(Topics.deadLetter(job.topic()), job.jobId(), record.value());
            events.failed(new JobEvent.JobError("ATTEMPTS_EXHAUSTED", "gave up after " + job.attempt() + " attempts: "
                    + failure.getMessage(), false));
        } else {
            events.failed(new JobEvent.JobError(failure.code(), failure.getMessage(), false));
        }
    }

    private Path workFolder(JobMessage job, JobRun run) {
        try {
            return Files.createDirectories(config.workRoot().resolve(job.jobId() + "-" + run.id()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a work folder under " + config.workRoot(), e);
        }
    }

    /** The record was not run here: rewind its partition so it is read again (here or by its next owner). */
    private void giveBack(TopicPartition tp, long offset) {
        pending.removeIf(r -> r.topic().equals(tp.topic()) && r.partition() == tp.partition());
        if (consumer.assignment().contains(tp)) {
            consumer.seek(tp, offset);
        }
    }

    /** Rewinds every partition with fetched, unstarted records to the first of them. */
    private void giveBackPending() {
        Map<TopicPartition, Long> first = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r : pending) {
            first.merge(new TopicPartition(r.topic(), r.partition()), r.offset(), Math::min);
        }
        pending.clear();
        try {
            first.forEach((tp, offset) -> {
                if (consumer.assignment().contains(tp)) {
                    consumer.seek(tp, offset);
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("could not rewind {}: {}", first, e.getMessage());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("could not delete {}: {}", dir, e.getMessage());
        }
    }

    @Override
    public void close() {
        stop();
    }
}
