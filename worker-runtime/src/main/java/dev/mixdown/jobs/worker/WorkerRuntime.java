package dev.mixdown.jobs.worker;

import dev.mixdown.jobs.contracts.JobEvent;
import dev.mixdown.jobs.contracts.JobKind;
import dev.mixdown.jobs.contracts.JobMessage;
import dev.mixdown.jobs.contracts.Json;
import dev.mixdown.jobs.contracts.Lane;
import dev.mixdown.jobs.contracts.Topics;
import dev.mixdown.jobs.storage.ObjectStorage;
import dev.mixdown.jobs.storage.StorageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker loop, one job at a time (one "slot"; run several runtimes for several slots).
 *
 * <ul>
 *   <li>Consumes the interactive and bulk topics of one job kind, and serves interactive first.</li>
 *   <li>While a job runs, pauses its partitions and keeps polling, so {@code max.poll.interval.ms}
 *       is never exceeded and the group keeps the worker; a watchdog bounds each job's time.</li>
 *   <li>Emits STARTED, PROGRESS and a terminal event, and commits the job's offset only after the
 *       terminal event is acknowledged by the broker (at-least-once delivery, effects once: outputs
 *       live under the job's attempt, and the gateway's state machine ignores repeats).</li>
 *   <li>Bad input fails the job at once. Retryable failures (storage unreachable, timeout) are
 *       re-queued as the next attempt after a bounded exponential backoff; after the last attempt
 *       the job goes to the dead-letter topic and is reported FAILED with its reason.</li>
 *   <li>{@link #stop()} drains: the running job may finish within the drain timeout, or is handed
 *       back uncommitted, before the consumer leaves the group.</li>
 * </ul>
 */
public final class WorkerRuntime implements Runnable, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerRuntime.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final long PROGRESS_INTERVAL_MS = 500;

    /**
     * @param workerId     names this worker in events
     * @param maxAttempts  attempts before a retryable failure becomes final (and dead-lettered)
     * @param jobTimeout   the watchdog's limit for one attempt
     * @param drainTimeout how long {@link #stop()} lets a running job finish
     * @param backoffBase  delay before the second attempt; doubles per attempt up to backoffMax
     * @param sessionTimeout how long the group waits for a worker that stopped answering (crashed, killed)
     *                     before its jobs go to another worker
     */
    public record Config(String bootstrapServers, String groupId, JobKind kind, String workerId, int maxAttempts,
            Duration jobTimeout, Duration drainTimeout, Duration backoffBase, Duration backoffMax, Path workRoot,
            Duration sessionTimeout) {

        /** With Kafka's default session timeout (45 s). */
        public Config(String bootstrapServers, String groupId, JobKind kind, String workerId, int maxAttempts,
                Duration jobTimeout, Duration drainTimeout, Duration backoffBase, Duration backoffMax, Path workRoot) {
            this(bootstrapServers, groupId, kind, workerId, maxAttempts, jobTimeout, drainTimeout, backoffBase, backoffMax, workRoot,
                    Duration.ofSeconds(45));
        }
    }

    private final Config config;
    private final JobProcessor processor;
    private final ObjectStorage storage;
    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, byte[]> producer;
    private final ExecutorService jobThread;
    private final List<ConsumerRecord<String, byte[]>> pending = new ArrayList<>();
    /** Offsets of finished jobs whose commit met a rebalance; committed once the group is stable. */
    private final Map<TopicPartition, OffsetAndMetadata> uncommitted = new java.util.HashMap<>();
    private volatile boolean stopping;
    private volatile boolean stopped;
    private final AtomicLong jobsDone = new AtomicLong();
    private final MeterRegistry metrics;

    /** A runtime whose meters stay private (tests, tools). */
    public WorkerRuntime(Config config, JobProcessor processor, ObjectStorage storage) {
        this(config, processor, storage, new SimpleMeterRegistry());
    }

    /**
     * @param metrics where each job's time is recorded: {@code mixdown.worker.job.duration} (running,
     *                tagged with kind and outcome) and {@code mixdown.worker.job.queued} (from publish to start)
     */
    public WorkerRuntime(Config config, JobProcessor processor, ObjectStorage storage, MeterRegistry metrics) {
        this.config = config;
        this.metrics = metrics;
        this.processor = processor;
        this.storage = storage;
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        c.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10");
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, config.workerId());
        c.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, String.valueOf(config.sessionTimeout().toMillis()));
        // a busy worker learns of a rebalance (a worker joined) at its next heartbeat: keep that short,
        // or the newcomer idles for a third of the session timeout before it gets any partitions
        c.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, String.valueOf(Math.max(100, Math.min(1_000, config.sessionTimeout().toMillis() / 3))));
        // only the partitions that move are revoked when workers come and go
        c.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        this.consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, config.workerId() + "-events");
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        this.jobThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, config.workerId() + "-job");
            t.setDaemon(true);
            return t;
        });
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
    public boolean isStopping() {
        return stopping;
    }

    @Override
    public void run() {
        List<String> topics = List.of(Topics.jobs(config.kind(), Lane.INTERACTIVE), Topics.jobs(config.kind(), Lane.BULK));
        consumer.subscribe(topics, new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                // records fetched but not started go back to whoever owns the partition next;
                // finished jobs of those partitions are committed while this worker still owns them
                pending.removeIf(r -> partitions.contains(new TopicPartition(r.topic(), r.partition())));
                Map<TopicPartition, OffsetAndMetadata> leaving = new java.util.HashMap<>(uncommitted);
                leaving.keySet().retainAll(partitions);
                uncommitted.keySet().removeAll(partitions);
                if (!leaving.isEmpty()) {
                    try {
                        consumer.commitSync(leaving);
                    } catch (RuntimeException e) {
                        LOG.warn("could not commit {} before giving the partitions up: {}", leaving, e.getMessage());
                    }
                }
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                // nothing to restore: offsets are committed per job
            }
        });
        try {
            while (!stopping) {
                if (pending.isEmpty()) {
                    consumer.poll(POLL).forEach(pending::add);
                    retryCommits();
                    // interactive before bulk; within a lane, in offset order per partition
                    pending.sort(Comparator.comparing((ConsumerRecord<String, byte[]> r) -> r.topic().endsWith(".bulk"))
                            .thenComparing(ConsumerRecord::partition).thenComparingLong(ConsumerRecord::offset));
                }
                if (!pending.isEmpty()) {
                    ConsumerRecord<String, byte[]> next = pending.remove(0);
                    handle(next);
                }
            }
        } catch (RuntimeException e) {
            LOG.error("worker {} stopped by an unexpected error", config.workerId(), e);
        } finally {
            jobThread.shutdownNow();
            try {
                retryCommits();
            } catch (RuntimeException e) {
                LOG.warn("could not commit {} on the way out: {}", uncommitted, e.getMessage());
            }
            consumer.close(Duration.ofSeconds(5));
            producer.close(Duration.ofSeconds(5));
            stopped = true;
        }
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        TopicPartition tp = new TopicPartition(record.topic(), record.partition());
        JobMessage job;
        try {
            job = Json.read(record.value(), JobMessage.class);
        } catch (IllegalArgumentException e) {
            LOG.warn("unreadable job at {}@{}: {}", tp, record.offset(), e.getMessage());
            send(Topics.deadLetter(record.topic()), record.key(), record.value());
            commit(tp, record.offset());
            return;
        }
        Sequence seq = new Sequence(job);
        long queuedMs = Math.max(0, System.currentTimeMillis() - record.timestamp());
        Timer.builder("mixdown.worker.job.queued").description("Time from a job's publication to a worker starting it")
                .tag("kind", config.kind().id()).register(metrics).record(Duration.ofMillis(queuedMs));
        send(Topics.EVENTS, job.jobId(), Json.write(seq.event(JobEvent.Type.STARTED, 0.0, "started", null, null, null)));
        Path workDir;
        try {
            workDir = Files.createDirectories(config.workRoot()).resolve(job.jobId() + "-" + job.attempt() + "-" + UUID.randomUUID());
            Files.createDirectories(workDir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a work folder under " + config.workRoot(), e);
        }
        WorkContext context = new WorkContext(job, storage, workDir, seq::progress);
        Future<JobProcessor.Result> future = jobThread.submit(() -> processor.process(job, context));

        // the job runs; this thread keeps the consumer alive with its partitions paused
        consumer.pause(consumer.assignment());
        long started = System.nanoTime();
        long drainDeadline = Long.MAX_VALUE;
        JobProcessor.Result result = null;
        JobException failure = null;
        boolean handedBack = false;
        while (true) {
            try {
                result = future.get(POLL.toMillis(), TimeUnit.MILLISECONDS);
                break;
            } catch (TimeoutException e) {
                consumer.poll(Duration.ZERO);
                consumer.pause(consumer.assignment()); // partitions assigned after a rebalance arrive unpaused
                seq.flushProgress();
                if (stopping && drainDeadline == Long.MAX_VALUE) {
                    drainDeadline = System.nanoTime() + config.drainTimeout().toNanos();
                }
                if (System.nanoTime() > drainDeadline) {
                    future.cancel(true);
                    handedBack = true;
                    break;
                }
                if (System.nanoTime() - started > config.jobTimeout().toNanos()) {
                    future.cancel(true);
                    failure = new JobException(JobException.TIMEOUT, "the job ran longer than " + config.jobTimeout(), true, null);
                    break;
                }
            } catch (ExecutionException e) {
                failure = classify(e.getCause());
                break;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                future.cancel(true);
                handedBack = true;
                break;
            }
        }
        deleteTree(workDir);
        consumer.resume(consumer.assignment());
        long ranNanos = System.nanoTime() - started;
        String outcome = handedBack ? "handed-back" : failure == null ? "succeeded" : failure.retryable() ? "retryable-failure" : "failed";
        Timer.builder("mixdown.worker.job.duration").description("Time a worker spent on one job attempt, by outcome")
                .tag("kind", config.kind().id()).tag("outcome", outcome).register(metrics).record(Duration.ofNanos(ranNanos));
        LOG.info("job {} attempt {} {} in {} ms, {} ms after it was queued; stages: {}", job.jobId(), job.attempt(), outcome,
                ranNanos / 1_000_000, queuedMs, seq.stageTimes(System.nanoTime()));
        if (handedBack) {
            LOG.info("job {} attempt {} handed back uncommitted at drain", job.jobId(), job.attempt());
            pending.clear();
            consumer.seek(tp, record.offset()); // not committed: redelivered to this group's next owner
            return;
        }
        if (failure == null) {
            sendAndWait(Topics.EVENTS, job.jobId(), Json.write(seq.event(JobEvent.Type.SUCCEEDED, 100.0, "done", result.outputs(),
                    result.report(), null)));
        } else if (failure.retryable() && job.attempt() < config.maxAttempts()) {
            long backoff = Math.min(config.backoffMax().toMillis(), config.backoffBase().toMillis() << (job.attempt() - 1));
            LOG.info("job {} attempt {} failed ({}), retrying in {} ms", job.jobId(), job.attempt(), failure.getMessage(), backoff);
            sleepPolling(backoff);
            sendAndWait(record.topic(), job.jobId(), Json.write(job.nextAttempt()));
            sendAndWait(Topics.EVENTS, job.jobId(), Json.write(seq.event(JobEvent.Type.FAILED, null, "retrying", null, null,
                    new JobEvent.JobError(failure.code(), failure.getMessage(), true))));
        } else {
            JobEvent.JobError error = failure.retryable()
                    ? new JobEvent.JobError("ATTEMPTS_EXHAUSTED", "gave up after " + job.attempt() + " attempts: " + failure.getMessage(), false)
                    : new JobEvent.JobError(failure.code(), failure.getMessage(), false);
            if (failure.retryable()) {
                sendAndWait(Topics.deadLetter(record.topic()), job.jobId(), record.value());
            }
            sendAndWait(Topics.EVENTS, job.jobId(), Json.write(seq.event(JobEvent.Type.FAILED, null, "failed", null, null, error)));
        }
        commit(tp, record.offset());
        jobsDone.incrementAndGet();
    }

    /** Sorts an exception from a processor into a job error. */
    static JobException classify(Throwable t) {
        if (t instanceof JobException je) {
            return je;
        }
        if (t instanceof StorageException se) {
            return se.missing()
                    ? JobException.badInput(se.getMessage(), se)
                    : new JobException(JobException.STORAGE_UNAVAILABLE, se.getMessage(), se.retryable(), se);
        }
        return new JobException(JobException.INTERNAL, String.valueOf(t), true, t);
    }

    private void sleepPolling(long millis) {
        long end = System.currentTimeMillis() + millis;
        consumer.pause(consumer.assignment());
        while (System.currentTimeMillis() < end && !stopping) {
            consumer.poll(Duration.ofMillis(Math.min(200, Math.max(1, end - System.currentTimeMillis()))));
            consumer.pause(consumer.assignment());
        }
        consumer.resume(consumer.assignment());
    }

    private void commit(TopicPartition tp, long offset) {
        uncommitted.put(tp, new OffsetAndMetadata(offset + 1));
        retryCommits();
    }

    /**
     * Commits the finished jobs' offsets of partitions this worker still owns. A commit refused
     * during a rebalance stays pending for the next round, so a job is not redone just because a
     * worker joined while it ran; a partition that moved away is dropped (its new owner sees the
     * job again, and the outputs under the same attempt and the gateway's state machine make the
     * repeat harmless).
     */
    private void retryCommits() {
        if (uncommitted.isEmpty()) {
            return;
        }
        uncommitted.keySet().retainAll(consumer.assignment());
        if (uncommitted.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(Map.copyOf(uncommitted));
            uncommitted.clear();
        } catch (RebalanceInProgressException e) {
            LOG.debug("commit of {} waits for the rebalance to end", uncommitted);
        } catch (CommitFailedException e) {
            LOG.warn("could not commit {}: {}", uncommitted, e.getMessage());
            uncommitted.clear();
        }
    }

    private void send(String topic, String key, byte[] value) {
        producer.send(new ProducerRecord<>(topic, key, value));
    }

    private void sendAndWait(String topic, String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing to " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not publish to " + topic + ": " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("could not delete {}: {}", dir, e.getMessage());
        }
    }

    /** Numbers the events of one attempt, and throttles progress to one event per interval. */
    private final class Sequence {
        private final JobMessage job;
        private long next;
        private volatile double lastPercent = -1;
        private volatile String lastStage;
        private volatile boolean dirty;
        private long lastSent;
        /** Stage (its first word) to the nanoTime it began, in order; written by the job thread. */
        private final Map<String, Long> stageStarts = java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>());

        Sequence(JobMessage job) {
            this.job = job;
        }

        /** How long each stage took, e.g. {@code download 412 ms, analyse 1380 ms}. */
        String stageTimes(long now) {
            List<Map.Entry<String, Long>> starts;
            synchronized (stageStarts) {
                starts = new ArrayList<>(stageStarts.entrySet());
            }
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < starts.size(); i++) {
                long end = i + 1 < starts.size() ? starts.get(i + 1).getValue() : now;
                b.append(i == 0 ? "" : ", ").append(starts.get(i).getKey()).append(' ')
                        .append((end - starts.get(i).getValue()) / 1_000_000).append(" ms");
            }
            return b.length() == 0 ? "none reported" : b.toString();
        }

        synchronized JobEvent event(JobEvent.Type type, Double percent, String stage, List<JobEvent.OutputFile> outputs,
                String report, JobEvent.JobError error) {
            return new JobEvent(JobMessage.SCHEMA_VERSION, UUID.randomUUID().toString(), job.jobId(), job.tenantId(), job.attempt(),
                    next++, type, percent, stage, outputs, report, error, config.workerId(), Instant.now().toString());
        }

        /** Called from the job thread. */
        void progress(double percent, String stage) {
            String name = stage == null ? "" : stage.split(" ", 2)[0];
            stageStarts.putIfAbsent(name, System.nanoTime());
            lastPercent = percent;
            lastStage = stage;
            dirty = true;
        }

        /** Called from the polling thread: sends the latest progress at most every interval. */
        void flushProgress() {
            long now = System.currentTimeMillis();
            if (dirty && now - lastSent >= PROGRESS_INTERVAL_MS) {
                dirty = false;
                lastSent = now;
                send(Topics.EVENTS, job.jobId(), Json.write(event(JobEvent.Type.PROGRESS, lastPercent, lastStage, null, null, null)));
            }
        }
    }

    @Override
    public void close() {
        stop();
    }
}
