package io.ruche.forum;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.annotation.Transactional;
import io.ruche.platform.Bots;
import io.ruche.platform.Sql;
import io.ruche.platform.db.RetryOnConflict;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Thread views: one per reader (a member, or a guest's address and browser, hashed and kept in memory only) per
 * thread per hour, bots left out. Counted in memory and added to the database every few seconds in one short
 * transaction, threads in id order, 500 per statement, so a popular thread does not turn every page view into a
 * write on one hot row. Each node flushes its own; a crash loses at most the last few seconds of view counts.
 */
@Singleton
public class ViewCounter {

    private static final Logger LOG = LoggerFactory.getLogger(ViewCounter.class);
    private static final int BATCH = 500;

    private final Sql sql;
    private final Clock clock;
    private final Map<Long, LongAdder> pending = new ConcurrentHashMap<>();
    /** Reader and thread → the hour of their last counted view. */
    private final Map<String, Long> seen = new ConcurrentHashMap<>();

    public ViewCounter(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    /**
     * A reader opened the thread: counted unless a bot, or already counted for this reader within the hour.
     * {@code memberId} null: a guest, known by {@code address} and {@code userAgent}.
     */
    public boolean viewed(long threadId, @Nullable Long memberId, String address, @Nullable String userAgent) {
        if (Bots.isBot(userAgent)) {
            return false;
        }
        long hour = clock.millis() / 3_600_000L;
        String reader = memberId != null ? "m" + memberId : "g" + digest(address + "\n" + userAgent);
        Long before = seen.put(threadId + ":" + reader, hour);
        if (before != null && before == hour) {
            return false;
        }
        pending.computeIfAbsent(threadId, id -> new LongAdder()).increment();
        return true;
    }

    private static String digest(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Scheduled(fixedDelay = "5s")
    @PreDestroy
    public void flush() {
        TreeMap<Long, Long> counts = new TreeMap<>();
        for (Long threadId : pending.keySet()) {
            LongAdder adder = pending.remove(threadId);
            if (adder != null && adder.sum() > 0) {
                counts.put(threadId, adder.sum());
            }
        }
        long hour = clock.millis() / 3_600_000L;
        seen.values().removeIf(h -> h < hour);
        if (counts.isEmpty()) {
            return;
        }
        try {
            save(counts);
        } catch (RuntimeException e) {
            // Kept for the next flush rather than lost.
            counts.forEach((id, n) -> pending.computeIfAbsent(id, k -> new LongAdder()).add(n));
            LOG.warn("View counts of {} threads not saved yet: {}", counts.size(), e.getMessage());
        }
    }

    /** Adds the counts, threads in id order (the same lock order on every node), 500 per statement. */
    @RetryOnConflict
    @Transactional
    protected void save(TreeMap<Long, Long> counts) {
        List<Map.Entry<Long, Long>> all = new ArrayList<>(counts.entrySet());
        for (int from = 0; from < all.size(); from += BATCH) {
            List<Map.Entry<Long, Long>> slice = all.subList(from, Math.min(all.size(), from + BATCH));
            StringBuilder cases = new StringBuilder();
            List<Object> args = new ArrayList<>();
            for (Map.Entry<Long, Long> e : slice) {
                cases.append(" WHEN ? THEN ?");
                args.add(e.getKey());
                args.add(e.getValue());
            }
            slice.forEach(e -> args.add(e.getKey()));
            sql.update("UPDATE threads SET view_count = view_count + CASE id" + cases + " ELSE 0 END WHERE id IN ("
                    + Sql.placeholders(slice.size()) + ")", args);
        }
    }
}
