package io.ruche.platform.jobs;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.transaction.annotation.Transactional;
import io.ruche.platform.Sql;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Claims due jobs with {@code FOR UPDATE SKIP LOCKED}, so several nodes share the queue and each job runs once,
 * runs them, deletes those that succeed and reschedules failures with exponential back-off (capped at 10 min).
 * After the last try a job is kept with {@code failed_at} set: it waits, visible in the console, until an admin
 * retries it. Nothing is dropped.
 *
 * <p>Each lane ({@link Jobs#LANES}) has its own thread, so a hung Elasticsearch holds up indexing only, never a
 * mail or a notification. A claim is a lease in this node's name; before each job of a batch the lease is checked
 * and extended, so a node that was too slow (its lease ran out and another node took the job) does not run it too.
 */
@Singleton
@Requires(property = "ruche.jobs.enabled", notEquals = "false")
public class JobWorker {

    private static final Logger LOG = LoggerFactory.getLogger(JobWorker.class);
    private static final int BATCH = 20;

    private final Sql sql;
    private final Clock clock;
    private final Map<String, JobHandler> handlers;
    private final Duration lease;
    private final Duration backoff;
    private final Duration livePollInterval;
    private final Duration pollInterval;
    private final int maxAttempts;
    /** This node's name on the leases it takes. */
    private final String owner = UUID.randomUUID().toString();

    /** Claimed by this node and not run yet: released at shutdown so other nodes need not wait for the lease. */
    private final Set<Long> waiting = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;
    private ScheduledExecutorService lanes;

    public JobWorker(Sql sql, Clock clock, List<JobHandler> handlers,
                     @Value("${ruche.jobs.lease:5m}") Duration lease,
                     @Value("${ruche.jobs.backoff:1s}") Duration backoff,
                     @Value("${ruche.jobs.poll-interval:1s}") Duration pollInterval,
                     @Value("${ruche.jobs.live-poll-interval:250ms}") Duration livePollInterval,
                     @Value("${ruche.jobs.max-attempts:12}") int maxAttempts) {
        this.sql = sql;
        this.clock = clock;
        this.handlers = handlers.stream().collect(Collectors.toMap(JobHandler::kind, Function.identity()));
        this.lease = lease;
        this.backoff = backoff;
        this.pollInterval = pollInterval;
        this.livePollInterval = livePollInterval;
        this.maxAttempts = maxAttempts;
    }

    record Claimed(long id, String kind, String payload, int attempts) {
    }

    @EventListener
    void start(StartupEvent event) {
        startLanes();
    }

    synchronized void startLanes() {
        if (lanes != null || stopping) {
            return;
        }
        lanes = Executors.newScheduledThreadPool(Jobs.LANES.size(), runnable -> {
            java.lang.Thread thread = new java.lang.Thread(runnable);
            thread.setDaemon(true);
            thread.setName("jobs-" + thread.getId());
            return thread;
        });
        for (String lane : Jobs.LANES) {
            // Readers wait for the live lane (a reply appearing on screen): it looks more often than the others.
            long interval = Math.max(10, ("live".equals(lane) ? livePollInterval : pollInterval).toMillis());
            lanes.scheduleWithFixedDelay(() -> poll(lane), 2000, interval, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Runs what is due in one lane, batch after batch, until nothing is left or the node stops. Each job is
     * checked to be still this node's before it runs. Within the first half of a batch's lease that check is a read
     * and the finished jobs are deleted together, so a job costs one write transaction, its own (each commit is a
     * log flush, and a busy forum queues several deliveries per reply). Past that half, the finished jobs are
     * deleted and each further job extends the lease before it runs.
     */
    void poll(String lane) {
        List<Long> finished = new ArrayList<>();
        try {
            List<Claimed> batch;
            do {
                if (stopping) {
                    return;
                }
                batch = claim(lane);
                Instant safeUntil = clock.instant().plus(lease.dividedBy(2));
                batch.forEach(job -> waiting.add(job.id()));
                for (Claimed job : batch) {
                    if (stopping) {
                        return;
                    }
                    waiting.remove(job.id());
                    boolean ours;
                    if (clock.instant().isBefore(safeUntil)) {
                        ours = stillOurs(job.id());
                    } else {
                        finish(finished);
                        ours = renewLease(job.id());
                    }
                    if (!ours) {
                        LOG.info("Job {} {} was taken over by another node after its lease ran out; not run here",
                                job.id(), job.kind());
                    } else if (run(job)) {
                        finished.add(job.id());
                    }
                }
                finish(finished);
            } while (batch.size() == BATCH);
        } catch (RuntimeException e) {
            // The database may be away for a while: the lane tries again at its next poll (jobs that ran but could
            // not be deleted run again when their lease ends; deliveries are idempotent).
            LOG.warn("Jobs lane {} could not poll: {}", lane, e.toString());
        } finally {
            if (!finished.isEmpty()) {
                try {
                    finish(finished);
                } catch (RuntimeException e) {
                    LOG.warn("Jobs lane {} could not record {} finished jobs: {}", lane, finished.size(), e.toString());
                }
            }
        }
    }

    /** Deletes the jobs that ran, in one statement. */
    private void finish(List<Long> finished) {
        if (!finished.isEmpty()) {
            done(List.copyOf(finished));
            finished.clear();
        }
    }

    @PreDestroy
    void stop() {
        stopping = true;
        ScheduledExecutorService executor;
        synchronized (this) {
            executor = lanes;
        }
        if (executor != null) {
            executor.shutdown();
            try {
                // The job in hand finishes (and records its outcome) rather than staying leased for minutes;
                // network calls inside jobs have their own timeouts, so this wait is short.
                if (!executor.awaitTermination(8, TimeUnit.SECONDS)) {
                    LOG.warn("A job was still running at shutdown; it runs again when its lease ends");
                    executor.shutdownNow();
                }
            } catch (InterruptedException e) {
                java.lang.Thread.currentThread().interrupt();
            }
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
        List<Object> params = new ArrayList<>();
        params.add(owner);
        params.addAll(ids);
        sql.update("UPDATE jobs SET locked_until = NULL, locked_by = NULL WHERE locked_by = ? AND id IN ("
                + Sql.placeholders(ids.size()) + ")", params);
    }

    @Transactional
    protected List<Claimed> claim(String lane) {
        Instant now = clock.instant();
        List<Claimed> jobs = sql.query("SELECT id, kind, payload, attempts FROM jobs WHERE lane = ? AND failed_at IS NULL "
                + "AND run_at <= ? AND (locked_until IS NULL OR locked_until < ?) ORDER BY run_at, id LIMIT " + BATCH
                + " FOR UPDATE SKIP LOCKED", List.of(lane, now, now),
                rs -> new Claimed(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4)));
        if (!jobs.isEmpty()) {
            List<Object> params = new ArrayList<>();
            params.add(now.plus(lease));
            params.add(owner);
            jobs.forEach(j -> params.add(j.id()));
            sql.update("UPDATE jobs SET locked_until = ?, locked_by = ? WHERE id IN ("
                    + Sql.placeholders(jobs.size()) + ")", params);
        }
        return jobs;
    }

    /** Still ours (nobody took it over)? A read: no log flush. */
    @Transactional(readOnly = true)
    protected boolean stillOurs(long id) {
        return !sql.query("SELECT 1 FROM jobs WHERE id = ? AND locked_by = ? AND locked_until > ? AND failed_at IS NULL",
                List.of(id, owner, clock.instant()), rs -> 1).isEmpty();
    }

    /** Still ours? Then the lease starts again from now, for this job's run. */
    @Transactional
    protected boolean renewLease(long id) {
        Instant now = clock.instant();
        return sql.update("UPDATE jobs SET locked_until = ? WHERE id = ? AND locked_by = ? AND locked_until > ? "
                + "AND failed_at IS NULL", List.of(now.plus(lease), id, owner, now)) > 0;
    }

    /** Runs one job; true when it succeeded (the caller deletes it), false when it was put back or given up. */
    private boolean run(Claimed job) {
        JobHandler handler = handlers.get(job.kind());
        try {
            if (handler == null) {
                throw new IllegalStateException("No handler for job kind " + job.kind());
            }
            handler.run(job.payload());
            return true;
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
                return false;
            }
            long delayMillis = Math.min(600_000L, backoff.toMillis() << Math.min(attempts - 1, 20));
            LOG.warn("Job {} {}({}) failed (attempt {}), retrying in {} ms: {}", job.id(), job.kind(), job.payload(),
                    attempts, delayMillis, error);
            failed(job.id(), attempts, clock.instant().plusMillis(delayMillis), error);
            return false;
        }
    }

    @Transactional
    protected void gaveUp(long id, int attempts, String error) {
        sql.update("UPDATE jobs SET attempts = ?, failed_at = ?, locked_until = NULL, locked_by = NULL, last_error = ? "
                + "WHERE id = ? AND locked_by = ?", List.of(attempts, clock.instant(), truncate(error), id, owner));
    }

    private static String truncate(String error) {
        return error.length() > 1000 ? error.substring(0, 1000) : error;
    }

    @Transactional
    protected void done(List<Long> ids) {
        List<Object> params = new ArrayList<>();
        params.add(owner);
        params.addAll(ids);
        sql.update("DELETE FROM jobs WHERE locked_by = ? AND id IN (" + Sql.placeholders(ids.size()) + ")", params);
    }

    @Transactional
    protected void failed(long id, int attempts, Instant retryAt, String error) {
        sql.update("UPDATE jobs SET attempts = ?, run_at = ?, locked_until = NULL, locked_by = NULL, last_error = ? "
                + "WHERE id = ? AND locked_by = ?", List.of(attempts, retryAt, truncate(error), id, owner));
    }
}
