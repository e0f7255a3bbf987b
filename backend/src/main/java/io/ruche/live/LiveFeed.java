package io.ruche.live;

import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.annotation.Transactional;
import io.ruche.platform.Sql;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Tails {@code live_events} and hands each new row to the browsers connected to this node that listen to its topic.
 * Nodes share nothing in memory: each tails the same table, so an event written by any node reaches every client.
 * <p>
 * Ids are allocated when a transaction inserts and become visible when it commits, so a lower id can appear after a
 * higher one. The tail keeps a watermark below which every id was seen, remembers the ids seen above it, and only
 * steps over a hole that stays empty for {@code ruche.live.gap-wait} (a rolled-back insert, or a Galera step).
 */
@Singleton
public class LiveFeed {

    private static final Logger LOG = LoggerFactory.getLogger(LiveFeed.class);
    private static final int BATCH = 1000;

    /** One event as clients receive it. */
    public record Event(long id, String topic, String type, String payload) {
    }

    private final Sql sql;
    private final Clock clock;
    private final Duration gapWait;
    private final Duration retention;
    private final Map<String, Set<Consumer<Event>>> listeners = new ConcurrentHashMap<>();
    private final TreeSet<Long> seenAbove = new TreeSet<>();
    private volatile long watermark = -1;
    private Instant gapSince;

    public LiveFeed(Sql sql, Clock clock,
                    @Value("${ruche.live.gap-wait:5s}") Duration gapWait,
                    @Value("${ruche.live.retention:1h}") Duration retention) {
        this.sql = sql;
        this.clock = clock;
        this.gapWait = gapWait;
        this.retention = retention;
    }

    @PostConstruct
    void start() {
        watermark = currentMaxId();
    }

    @Transactional(readOnly = true)
    protected long currentMaxId() {
        return sql.query("SELECT COALESCE(MAX(id), 0) FROM live_events", List.of(), rs -> rs.getLong(1)).get(0);
    }

    /** Registers a listener on topics; the returned handle removes it (when the browser disconnects). */
    public Runnable listen(List<String> topics, Consumer<Event> listener) {
        for (String topic : topics) {
            listeners.computeIfAbsent(topic, k -> ConcurrentHashMap.newKeySet()).add(listener);
        }
        return () -> {
            for (String topic : topics) {
                listeners.computeIfPresent(topic, (k, set) -> {
                    set.remove(listener);
                    return set.isEmpty() ? null : set;
                });
            }
        };
    }

    public int listenerCount() {
        return listeners.values().stream().mapToInt(Set::size).sum();
    }

    @Scheduled(fixedDelay = "${ruche.live.poll-interval:500ms}", initialDelay = "1s")
    public synchronized void poll() {
        try {
            List<Event> events;
            do {
                events = fetch(watermark);
                for (Event event : events) {
                    if (event.id() > watermark && seenAbove.add(event.id())) {
                        deliver(event);
                    }
                }
                advance();
            } while (events.size() == BATCH);
        } catch (RuntimeException e) {
            LOG.warn("Reading the live feed failed; trying again: {}", e.toString());
        }
    }

    @Transactional(readOnly = true)
    protected List<Event> fetch(long after) {
        return sql.query("SELECT id, topic, type, payload FROM live_events WHERE id > ? ORDER BY id LIMIT " + BATCH,
                List.of(after), rs -> new Event(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)));
    }

    private void advance() {
        while (!seenAbove.isEmpty()) {
            long next = seenAbove.first();
            if (next == watermark + 1) {
                watermark = next;
                seenAbove.pollFirst();
                gapSince = null;
                continue;
            }
            Instant now = clock.instant();
            if (gapSince == null) {
                gapSince = now;
                return;
            }
            if (Duration.between(gapSince, now).compareTo(gapWait) < 0) {
                return;
            }
            watermark = next - 1; // the hole stayed empty: step over it
            gapSince = null;
        }
    }

    private void deliver(Event event) {
        Set<Consumer<Event>> targets = listeners.get(event.topic());
        if (targets == null) {
            return;
        }
        for (Consumer<Event> target : targets) {
            try {
                target.accept(event);
            } catch (RuntimeException e) {
                LOG.debug("A live listener failed: {}", e.toString());
            }
        }
    }

    /** Old events are of no use to anyone: clients reload state when they reconnect. */
    @Scheduled(fixedDelay = "10m", initialDelay = "1m")
    @Transactional
    protected void purge() {
        sql.update("DELETE FROM live_events WHERE created_at < ? LIMIT 10000", List.of(clock.instant().minus(retention)));
    }
}
