package io.ruche.platform.jobs;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.annotation.Transactional;
import io.ruche.platform.Sql;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Claims due jobs with {@code FOR UPDATE SKIP LOCKED}, so several nodes share the queue and each job runs once,
 * runs them, deletes those that succeed and reschedules failures with exponential back-off (capped at 10 min).
 * After the last try a job is kept with {@code failed_at} set: it waits, visible in the console, until an admin
 * retries it. Nothing is dropped.
 */
@Singleton
@Requires(property = "ruche.jobs.enabled", notEquals = "false")
public class JobWorker {

    private static final Logger LOG = LoggerFactory.getLogger(JobWorker.class);
    private static final int BATCH = 100;

    private final Sql sql;
    private final Clock clock;
    private final Map<String, JobHandler> handlers;
    private final Duration lease;
    private final Duration backoff;
    private final int maxAttempts;

    public JobWorker(Sql sql, Clock clock, List<JobHandler> handlers,
                     @Value("${ruche.jobs.lease:5m}") Duration lease,
                     @Value("${ruche.jobs.backoff:1s}") Duration backoff,
                     @Value("${ruche.jobs.max-attempts:12}") int maxAttempts) {
        this.sql = sql;
        this.clock = clock;
        this.handlers = handlers.stream().collect(Collectors.toMap(JobHandler::kind, Function.identity()));
        this.lease = lease;
        this.backoff = backoff;
        this.maxAttempts = maxAttempts;
    }

    record Claimed(long id, String kind, String payload, int attempts) {
    }

    /** Claimed by this node and not run yet: released at shutdown so other nodes need not wait for the lease. */
    private final java.util.Set<Long> waiting = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;
    /** Held while a batch runs, so a stopping node lets the job in hand finish before the database goes away. */
    private final java.util.concurrent.locks.ReentrantLock running = new java.util.concurrent.locks.ReentrantLock();

    @Scheduled(fixedDelay = "${ruche.jobs.poll-interval:1s}", initialDelay = "2s")
    public void poll() {
        if (stopping || !running.tryLock()) {
            return;
        }
        try {
            pollBatches();
        } finally {
            running.unlock();
        }
    }

    private void pollBatches() {
        List<Claimed> batch;
        do {
            if (stopping) {
                return;
            }
            batch = claim();
            batch.forEach(job -> waiting.add(job.id()));
            for (Claimed job : batch) {
                if (stopping) {
                    return;
                }
                waiting.remove(job.id());
                run(job);
            }
        } while (batch.size() == BATCH);
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        stopping = true;
        try {
            // The job in hand finishes (and records its outcome) rather than staying leased for minutes.
            if (running.tryLock(30, java.util.concurrent.TimeUnit.SECONDS)) {
                running.unlock();
            }
        } catch (InterruptedException e) {
            java.lang.Thread.currentThread().interrupt();
        }
        List<Long> unrun = List.copyOf(waiting);
        if (!unrun.isEmpty()) {
            try {
                release(unrun);
            } catch (RuntimeException e) {
                LOG.warn("Could not release {} claimed jobs at shutdown; they run when their lease ends: {}",
                        unrun.size(), e.toString());
            }
        }
    }

    @Transactional
    protected void release(List<Long> ids) {
        sql.update("UPDATE jobs SET locked_until = NULL WHERE id IN (" + Sql.placeholders(ids.size()) + ")", ids);
    }

    @Transactional
    protected List<Claimed> claim() {
        Instant now = clock.instant();
        List<Claimed> jobs = sql.query("SELECT id, kind, payload, attempts FROM jobs WHERE run_at <= ? AND failed_at IS NULL "
                + "AND (locked_until IS NULL OR locked_until < ?) ORDER BY run_at, id LIMIT " + BATCH
                + " FOR UPDATE SKIP LOCKED", List.of(now, now),
                rs -> new Claimed(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4)));
        if (!jobs.isEmpty()) {
            List<Object> params = new ArrayList<>();
            params.add(now.plus(lease));
            jobs.forEach(j -> params.add(j.id()));
            sql.update("UPDATE jobs SET locked_until = ? WHERE id IN (" + Sql.placeholders(jobs.size()) + ")", params);
        }
        return jobs;
    }

    private void run(Claimed job) {
        JobHandler handler = handlers.get(job.kind());
        try {
            if (handler == null) {
                throw new IllegalStateException("No handler for job kind " + job.kind());
            }
            handler.run(job.payload());
            done(job.id());
        } catch (Exception e) {
            int attempts = job.attempts() + 1;
            String error = String.valueOf(e);
            if (attempts >= maxAttempts) {
                LOG.error("Job {} {}({}) failed {} times; it waits for an admin to retry it: {}", job.id(), job.kind(),
                        job.payload(), attempts, error);
                gaveUp(job.id(), attempts, error);
                if (handler != null) {
                    handler.gaveUp(job.payload(), error);
                }
                return;
            }
            long delayMillis = Math.min(600_000L, backoff.toMillis() << Math.min(attempts - 1, 20));
            LOG.warn("Job {} {}({}) failed (attempt {}), retrying in {} ms: {}", job.id(), job.kind(), job.payload(),
                    attempts, delayMillis, error);
            failed(job.id(), attempts, clock.instant().plusMillis(delayMillis), error);
        }
    }

    @Transactional
    protected void gaveUp(long id, int attempts, String error) {
        sql.update("UPDATE jobs SET attempts = ?, failed_at = ?, locked_until = NULL, last_error = ? WHERE id = ?",
                List.of(attempts, clock.instant(), truncate(error), id));
    }

    private static String truncate(String error) {
        return error.length() > 1000 ? error.substring(0, 1000) : error;
    }

    @Transactional
    protected void done(long id) {
        sql.update("DELETE FROM jobs WHERE id = ?", List.of(id));
    }

    @Transactional
    protected void failed(long id, int attempts, Instant retryAt, String error) {
        sql.update("UPDATE jobs SET attempts = ?, run_at = ?, locked_until = NULL, last_error = ? WHERE id = ?",
                List.of(attempts, retryAt, truncate(error), id));
    }
}
